/*
 * fwprog.c - loading the program and the boot file system QEMU's fw_cfg
 * carries (fwprog.h).
 *
 * The program comes first in the module list, as GRUB's module lines have
 * it (run_modules gives the first program the run file's arguments).
 * This runs before the frame allocator, so it can take any free RAM: it
 * only has to avoid what is already there (the kernel image, the boot
 * information, GRUB's modules) and stay inside the boot direct map of the
 * first GiB, where the rest of the boot reads modules. The bytes arrive by
 * fw_cfg DMA, which writes physical memory directly; a device without DMA
 * (QEMU before 2.9) gets them a byte at a time through the direct map.
 */
#include "boot/fwprog.h"
#include "arch/x86_64/fwcfg.h"
#include "arch/x86_64/memlayout.h"
#include "lib/kprintf.h"

#define PROG_FILE "opt/interlude/prog"
#define NAME_FILE "opt/interlude/progname"
#define ROOTFS_FILE "opt/interlude/rootfs"
#define LOW_MEMORY 0x100000 /* the first MiB is the BIOS's and the boot code's */

/* From linker.ld: the kernel image's physical start and virtual end. */
extern char KERNEL_LOAD[];
extern char _kernel_end[];

/*
 * Copies the fw_cfg file `file` into free RAM and appends it to bi's
 * modules with the string name; returns 1, 0 if there is no such file,
 * -1 (said in the log) if there is no room or no way to copy it.
 */
static int add_one(struct boot_info *bi, const char *file, const char *name,
		   const struct phys_range *busy, unsigned n)
{
	uint32_t size;
	if (!fwcfg_file_size(file, &size))
		return 0;
	if (bi->module_count >= MB2_MAX_MODULES) {
		kprintf("boot: no room in the module list for %s from fw_cfg\n", name);
		return -1;
	}
	uint64_t at = fwprog_place(bi, busy, n, size ? size : 1, LOW_MEMORY, BOOT_DIRECT_MAP_SIZE);
	if (!at) {
		kprintf("boot: no room in RAM for %s (%u bytes) from fw_cfg\n", name, size);
		return -1;
	}
	if (size && !fwcfg_dma_read(file, at, size) &&
	    fwcfg_read_bytes(file, phys_to_virt(at), size) != size) {
		kprintf("boot: could not read %s (%u bytes) from fw_cfg\n", name, size);
		return -1;
	}
	bi->modules[bi->module_count++] = (struct mb2_module){at, at + size, name};
	kprintf("boot: module \"%s\" from fw_cfg, %u bytes at %#lx\n", name, size, at);
	return 1;
}

int fwprog_add_modules(struct boot_info *bi, uint64_t info_start, uint64_t info_end)
{
	static char given[64]; /* the module's string lives as long as the kernel */
	const struct phys_range busy[] = {
	    {(uint64_t)KERNEL_LOAD, (uint64_t)_kernel_end - KERNEL_VMA},
	    {info_start, info_end},
	};
	const char *name =
	    fwcfg_read_file(NAME_FILE, given, sizeof given) && given[0] ? given : "prog";
	int prog = add_one(bi, PROG_FILE, name, busy, 2);
	int rootfs = prog < 0 ? -1 : add_one(bi, ROOTFS_FILE, "rootfs", busy, 2);
	return prog < 0 || rootfs < 0 ? -1 : prog + rootfs;
}
