/*
 * main.c - kernel_main, where the kernel starts once the CPU is in 64-bit
 * mode (boot/entry32.S, boot/entry64.S).
 *
 * The order matters: first a way to talk (the serial console), then a way
 * to report mistakes (the GDT with its double-fault stack, and the IDT),
 * then the facts from the boot loader, and finally whatever the command
 * line asks for.
 */
#include "arch/x86_64/bootmap.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fwcfg.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/memlayout.h"
#include "lib/qemu_exit.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/trap.h"
#include "arch/x86_64/usermode.h"
#include "bench/bench.h"
#include "boot/fwprog.h"
#include "boot/multiboot2.h"
#include "boot/pvh.h"
#include "boot/runfile.h"
#include "fs/node.h"
#include "fs/devfs.h"
#include "fs/memmark.h"
#include "fs/procfs.h"
#include "fs/tmpfs.h"
#include "lib/cmdline.h"
#include "lib/kprintf.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/kheap.h"
#include "mm/mm_check.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/pagetable.h"
#include "mm/ptdrill.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/trace_proc.h"
#include "shell/shell.h"
#include "sys/tty.h"
#include "test/selftest.h"
#include "time/clock.h"
#include "time/timer.h"

void kernel_main(uint32_t magic, uint32_t info_phys);

static struct boot_info boot_info;

static void print_cpu_features(void)
{
	uint32_t a, b, c, d;
	cpuid(7, 0, &a, &b, &c, &d);
	bool smep = b & (1u << 7), smap = b & (1u << 20);
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	bool nx = d & (1u << 20), gib = d & (1u << 26);
	kprintf("cpu: NX %s, SMEP %s, SMAP %s, 1 GiB pages %s\n", nx ? "yes" : "no",
		smep ? "yes" : "no", smap ? "yes" : "no", gib ? "yes" : "no");
}

/*
 * Reads the multiboot2 information GRUB left at info_phys (or QEMU direct
 * boot's start_info: boot/pvh.h) into boot_info. The boot page
 * tables map only the first GiB of the direct map, so anything beyond it
 * is refused with a message rather than read.
 */
static bool read_boot_info(uint32_t magic, uint32_t info_phys)
{
	if (magic == PVH_START_MAGIC) { /* QEMU -kernel (boot/pvh_note.S) */
		static char cmdline[PVH_CMDLINE_MAX];
		bool ok = pvh_parse(phys_to_virt(0), BOOT_DIRECT_MAP_SIZE, info_phys, &boot_info,
				    cmdline);
		mb2_print(&boot_info);
		return ok;
	}
	if (magic != MB2_BOOTLOADER_MAGIC) {
		kprintf("boot: bad multiboot2 magic 0x%x (expected 0x%x)\n", magic,
			MB2_BOOTLOADER_MAGIC);
		return false;
	}
	if (info_phys == 0 || info_phys % 8 || info_phys >= BOOT_DIRECT_MAP_SIZE - 16) {
		kprintf("boot: multiboot2 information at 0x%x is not usable\n", info_phys);
		return false;
	}
	size_t available = BOOT_DIRECT_MAP_SIZE - info_phys;
	bool ok = mb2_parse(phys_to_virt(info_phys), available, &boot_info);
	mb2_print(&boot_info);
	return ok;
}

/*
 * Reads the run file the runner may have given through fw_cfg
 * (boot/runfile.h) into a kmalloc'd buffer; returns it (the caller frees
 * it) with *rf filled, or NULL if there is none or it is not usable (said
 * in the log; *bad is then true).
 */
static char *read_run_file(struct runfile *rf, bool *bad)
{
	uint32_t size;
	*bad = false;
	if (!fwcfg_file_size("opt/interlude/run", &size))
		return NULL;
	char err[120];
	char *buf = size <= EXEC_ARGS_MAX + 4096 ? kmalloc(size ? size : 1) : NULL;
	if (!buf) {
		kprintf("run: the run file (%u bytes) is too big\n", size);
		*bad = true;
		return NULL;
	}
	size_t n = fwcfg_read_bytes("opt/interlude/run", buf, size);
	if (!runfile_parse(buf, n, rf, err, sizeof err)) {
		kprintf("run: the run file is not usable: %s\n", err);
		kfree(buf);
		*bad = true;
		return NULL;
	}
	return buf;
}

/* The module string that marks the boot file system's archive (mk/iso.mk). */
#define ROOTFS_MODULE "rootfs"

/* Returns true if module m is the boot file system rather than a program. */
static bool is_rootfs(const struct mb2_module *m)
{
	return m->string && strcmp(m->string, ROOTFS_MODULE) == 0;
}

/* Returns the boot file system's module, or NULL. */
static const struct mb2_module *rootfs_module(void)
{
	for (unsigned i = 0; i < boot_info.module_count; i++)
		if (is_rootfs(&boot_info.modules[i]))
			return &boot_info.modules[i];
	return NULL;
}

/*
 * Builds the boot file system from the module marked "rootfs" (or an
 * empty root without one) and adds /proc. A corrupt archive is refused
 * with its reason, and the kernel goes on with an empty tree; returns
 * false then.
 */
static bool mount_boot_fs(void)
{
	const struct mb2_module *m = rootfs_module();
	/* An archive with only its trailer: the root, then /proc. */
	static const char empty[] =
	    "07070100000000000000000000000000000000000000010000000000"
	    "000000000000000000000000000000000000000000000b00000000TRAILER!!!\0";
	char err[200];
	bool ok = true;
	int r = -EINVAL;
	if (m) {
		r = fs_tree_build(&fs_boot_tree, phys_to_virt(m->start), m->end - m->start, err,
				  sizeof err);
		if (r < 0) {
			kprintf("fs: the boot file system is refused: %s\n", err);
			ok = false;
		}
	}
	if (r < 0 && fs_tree_build(&fs_boot_tree, empty, sizeof empty - 1, err, sizeof err) < 0)
		panic("fs: cannot make an empty root: %s", err);
	if (procfs_install(&fs_boot_tree) < 0)
		panic("fs: cannot make /proc");
	if (devfs_install(&fs_boot_tree) < 0)
		panic("fs: cannot make /dev");
	if (tmpfs_install(&fs_boot_tree) < 0)
		panic("fs: cannot mount /tmp");
	if (m && ok)
		kprintf("fs: boot file system: %zu nodes, %zu files and links, %zu bytes\n",
			fs_boot_tree.nodes, fs_boot_tree.files, fs_boot_tree.bytes);
	return ok;
}

/*
 * Runs every boot module as a user program, one after the other: the
 * first with the run file's arguments, environment and terminal if there
 * is one, the others with their module strings. After each, the free
 * frames and the kernel heap's live objects must be back where they were:
 * a process that leaks kernel memory is a kernel bug. Returns false if a
 * program was refused or leaked.
 */
static bool run_modules(void)
{
	bool ok = true, bad;
	struct runfile rf;
	char *run_file = read_run_file(&rf, &bad);
	if (bad)
		return false;
	tty_setup(run_file ? &rf : NULL);
	bool first = true;
	for (unsigned i = 0; i < boot_info.module_count; i++) {
		const struct mb2_module *m = &boot_info.modules[i];
		if (is_rootfs(m))
			continue;
		struct mem_mark before, after;
		mem_mark_take(&before);
		int status = 0, r;
		const char *name = m->string;
		if (first && run_file) {
			struct exec_args args = {rf.argc,	  rf.envc, rf.strings,
						 rf.strings_size, rf.cwd,  rf.cwd_len};
			name = rf.argc ? rf.strings : "";
			kprintf(
			    "run: %s (%d arguments, %d environment strings from the run file)\n",
			    name, rf.argc, rf.envc);
			r = proc_run_args(phys_to_virt(m->start), m->end - m->start, &args,
					  &status);
		} else {
			kprintf("run: %s\n", m->string);
			r = proc_run(phys_to_virt(m->start), m->end - m->start, m->string, &status);
		}
		if (first)
			tty_setup(NULL); /* the other modules have no terminal */
		first = false;
		if (r < 0) {
			kprintf("run: could not start \"%s\" (error %d): %s\n", name, r,
				proc_last_diagnosis());
			ok = false;
			continue;
		}
		kprintf("run: exit status %d\n", status);
		if (mm_check_enabled)
			proc_mm_check_or_panic(NULL, "after a program");
		mem_mark_take(&after);
		if (!mem_mark_same(&before, &after)) {
			kprintf("run: LEAK after \"%s\": free frames %lu -> %lu, kernel heap "
				"objects %lu -> %lu (of them /tmp's files: %lu frames -> %lu, "
				"%lu objects -> %lu)\n",
				name, before.free_frames, after.free_frames, before.objects,
				after.objects, before.file_frames, after.file_frames,
				before.file_objects, after.file_objects);
			ok = false;
		}
	}
	kfree(run_file);
	return ok;
}

void kernel_main(uint32_t magic, uint32_t info_phys)
{
	clock_mark_boot();
	serial_init();
	kprintf("\nInterlude: a teaching kernel about memory (x86-64)\n");
	gdt_init();
	idt_init();
	bootmap_remove_identity();
	print_cpu_features();

	if (!read_boot_info(magic, info_phys)) {
		kprintf("boot: no usable memory map from the boot loader; cannot manage memory\n");
		qemu_exit(QEMU_EXIT_FAILURE);
	}
	/* A program and a boot file system from fw_cfg become modules before the frames are
	 * counted. */
	if (fwprog_add_modules(&boot_info, info_phys, info_phys + boot_info.total_size) < 0)
		qemu_exit(QEMU_EXIT_FAILURE);
	pmm_init(&boot_info, info_phys, boot_info.total_size);
	vmm_init();
	if (!kheap_init())
		panic("kheap: cannot create the kernel heap's caches");
	const char *cmdline = boot_info.cmdline ? boot_info.cmdline : "";
	static char override[256];
	if (fwcfg_read_file("opt/interlude/cmdline", override, sizeof override)) {
		kprintf("boot: command line from QEMU's fw_cfg: \"%s\"\n", override);
		cmdline = override;
	}
	/* ptdrill=SEED: the pagetables lab's translate-by-hand question, asked
	 * before anything maps a page with vmm_map, so that the lab's starting
	 * tree (whose vmm_map is a stub) can ask it too. Alone, it is the run. */
	int drill = ptdrill_boot(cmdline);
	if (drill != 0 && !cmdline_has(cmdline, "selftest"))
		qemu_exit(drill > 0 ? QEMU_EXIT_SUCCESS : QEMU_EXIT_FAILURE);
	syscall_init();
	timer_init();
	sched_init(); /* time slices and sleeping processes ride on the tick */
	proc_fault_init();
	bool fs_ok = mount_boot_fs();
	/* mmcheck: the invariant checker runs at every exit (mm/mm_check.h). */
	mm_check_enabled = cmdline_has(cmdline, "mmcheck");
	if (mm_check_enabled)
		kprintf("mmcheck: areas, page tables, frames and the kernel heap are checked "
			"at every program's exit\n");
	/* trace (or trace=1): the memory trace on port 0xe9 (docs/TRACE.md). */
	trace_proc_init();
	char trace_word[8];
	if (cmdline_has(cmdline, "trace") &&
	    !(cmdline_get(cmdline, "trace", trace_word, sizeof trace_word) &&
	      strcmp(trace_word, "0") == 0))
		trace_turn(true);
	if (cmdline_has(cmdline, "slabinfo"))
		kheap_print_slabinfo();

	/* console: the kernel console on COM1 (make run from a terminal, or CONSOLE=1). */
	if (cmdline_has(cmdline, "console"))
		shell_run(&boot_info, cmdline);
	if (cmdline_has(cmdline, "selftest")) {
		char filter[128];
		cmdline_get(cmdline, "selftest", filter, sizeof filter);
		bool ok = selftest_run(filter, cmdline);
		qemu_exit(ok ? QEMU_EXIT_SUCCESS : QEMU_EXIT_FAILURE);
	}
	if (cmdline_has(cmdline, "bench")) {
		bench_run_all();
		qemu_exit(QEMU_EXIT_SUCCESS);
	}
	if (!fs_ok)
		qemu_exit(QEMU_EXIT_FAILURE);
	if (boot_info.module_count > (rootfs_module() ? 1u : 0u))
		qemu_exit(run_modules() ? QEMU_EXIT_SUCCESS : QEMU_EXIT_FAILURE);
	kprintf("Nothing to do: boot with \"selftest\" on the command line to run the "
		"self-tests.\n");
	qemu_exit(QEMU_EXIT_SUCCESS);
}
