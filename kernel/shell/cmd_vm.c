/*
 * cmd_vm.c - the console's commands about a program's virtual memory:
 * maps (its areas) and pgwalk (one address through its page tables).
 *
 * Theory of operation. The console runs between programs, so what it
 * shows is the copy last_proc.c made when the last program exited (a
 * program running now, as when the kernel is stopped in gdb, would be
 * read live; addresses in the kernel half are always walked in the
 * kernel's own tables, which every address space shares). `maps` prints
 * the areas in the format of Linux's /proc/PID/maps, so that a student can
 * put the two side by side. `pgwalk` does by hand what the MMU does on a
 * TLB miss: take the top-level table (CR3), index it with bits 47..39 of
 * the address, follow the entry to the next table, and so on down to the
 * page table's entry, or a huge page's entry higher up. Each entry is
 * printed with its flags decoded; the page's effective rights are the
 * intersection of every level's (writable only if every level says so,
 * user only if every level says so, executable unless some level sets NX).
 */
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/mman.h"
#include "mm/pagetable.h"
#include "mm/vma.h"
#include "proc/proc.h"
#include "shell/commands.h"
#include "shell/last_proc.h"

/* Fills buf (at least 20 bytes) with the names of the flags set in entry e. */
static void decode_flags(uint64_t e, int level, char *buf, size_t size)
{
	static const struct {
		uint64_t bit;
		const char *name;
	} bits[] = {{PTE_P, "P"},	{PTE_W, "W"},	      {PTE_U, "U"},  {1ull << 3, "PWT"},
		    {1ull << 4, "PCD"}, {PTE_A, "A"},	      {PTE_D, "D"},  {PTE_PS, "PS"},
		    {1ull << 8, "G"},	{PTE_OWNED, "owned"}, {PTE_NX, "NX"}};
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		if (!(e & bits[i].bit))
			continue;
		if (bits[i].bit == PTE_PS && level == 0)
			continue; /* bit 7 of a page-table entry is PAT, not a size */
		if (bits[i].bit == PTE_D && level > 0 && !(e & PTE_PS))
			continue; /* ignored in an entry that points to a table */
		n += (size_t)ksnprintf(buf + n, size - n, "%s%s", n ? " " : "", bits[i].name);
		if (n >= size)
			break;
	}
}

/* Returns the name Linux's maps gives the area ("" for anonymous memory). */
static const char *area_name(const struct shell_area *a, const char *prog)
{
	if (a->flags & VMA_HEAP)
		return "[heap]";
	if (a->flags & VMA_STACK)
		return "[stack]";
	if (a->flags & VMA_IMAGE)
		return prog;
	return "";
}

/* Prints one area as a line of /proc/PID/maps (the name at column 73, as Linux pads it). */
static void print_area(const struct shell_area *a, const char *prog)
{
	char line[128];
	int n = ksnprintf(line, sizeof line, "%08llx-%08llx %c%c%cp %08x 00:00 0",
			  (unsigned long long)a->start, (unsigned long long)a->end,
			  a->prot & PROT_READ ? 'r' : '-', a->prot & PROT_WRITE ? 'w' : '-',
			  a->prot & PROT_EXEC ? 'x' : '-', 0);
	const char *name = area_name(a, prog);
	if (*name)
		kprintf("%s%*s%s\n", line, n < 73 ? 73 - n : 1, "", name);
	else
		kprintf("%s \n", line);
}

void shell_cmd_maps(int argc, char **argv)
{
	(void)argc, (void)argv;
	const struct shell_last_proc *l = shell_last_proc();
	if (!l->valid) {
		kprintf("maps: no program has run yet (run NAME starts one)\n");
		return;
	}
	kprintf("maps: %s[%d], exited with status %d: %u areas, break 0x%llx (heap from 0x%llx)\n",
		l->name, l->pid, l->exit_status, l->nareas + l->areas_dropped,
		(unsigned long long)l->brk, (unsigned long long)l->start_brk);
	for (unsigned i = 0; i < l->nareas; i++)
		print_area(&l->areas[i], l->name);
	if (l->areas_dropped)
		kprintf("maps: %u more areas were not kept\n", l->areas_dropped);
}

/* Reads entry i of a live table at phys (through the direct map). */
static bool read_live(uint64_t phys, unsigned i, uint64_t *e)
{
	*e = ((const uint64_t *)phys_to_virt(phys))[i];
	return true;
}

static const char *const level_names[] = {"PT", "PD", "PDPT", "PML4"};

/* Prints the walk's end: where addr lands and with which rights, or why it does not. */
static void print_result(uint64_t addr, uint64_t e, int level, bool user, bool write, bool nx)
{
	uint64_t span = pte_span(level);
	uint64_t frame = e & PTE_ADDR & ~(span - 1);
	static const char *const sizes[] = {"4 KiB", "2 MiB", "1 GiB"};
	kprintf("pgwalk: 0x%llx -> physical 0x%llx: a %s page, %s, %s, %s\n",
		(unsigned long long)addr, (unsigned long long)(frame | (addr & (span - 1))),
		sizes[level], user ? "user" : "kernel only", write ? "writable" : "read-only",
		nx ? "not executable" : "executable");
}

/* Says which area of the last program holds addr, and so what a fault there would do. */
static void print_area_of(uint64_t addr)
{
	const struct shell_last_proc *l = shell_last_proc();
	for (unsigned i = 0; i < l->nareas; i++) {
		const struct shell_area *a = &l->areas[i];
		if (addr >= a->start && addr < a->end) {
			kprintf("pgwalk: in the area ");
			print_area(a, l->name);
			return;
		}
	}
	kprintf("pgwalk: in no area: a touch there is a segmentation fault\n");
}

void shell_cmd_pgwalk(int argc, char **argv)
{
	uint64_t addr;
	if (argc != 2 || !shell_parse_u64(argv[1], &addr)) {
		kprintf("pgwalk: usage: pgwalk ADDR (0x... or decimal)\n");
		return;
	}
	bool (*read)(uint64_t, unsigned, uint64_t *) = read_live;
	uint64_t table;
	const struct proc *p = proc_current();
	const struct shell_last_proc *l = shell_last_proc();
	bool kernel_half = addr >= LOWER_HALF_END;
	if (kernel_half && addr < 0xffff800000000000ull) {
		kprintf("pgwalk: 0x%llx is not canonical: no page table can map it\n",
			(unsigned long long)addr);
		return;
	}
	if (kernel_half) {
		table = vmm_kernel_space()->pml4_phys;
		kprintf("pgwalk: 0x%llx in the kernel's page tables (shared by every process), "
			"PML4 at 0x%llx\n",
			(unsigned long long)addr, (unsigned long long)table);
	} else if (p) {
		table = p->mm.pt.pml4_phys;
		kprintf("pgwalk: 0x%llx in %s[%d]'s page tables, PML4 at 0x%llx\n",
			(unsigned long long)addr, p->name, p->pid, (unsigned long long)table);
	} else if (l->valid) {
		read = shell_last_proc_entry;
		table = l->pml4_phys;
		kprintf("pgwalk: 0x%llx in the page tables %s[%d] had when it exited, PML4 at "
			"0x%llx\n",
			(unsigned long long)addr, l->name, l->pid, (unsigned long long)table);
	} else {
		kprintf("pgwalk: no program has run yet (run NAME starts one)\n");
		return;
	}
	bool user = true, write = true, nx = false;
	for (int level = 3; level >= 0; level--) {
		unsigned i = pte_index(addr, level);
		uint64_t e;
		if (!read(table, i, &e)) {
			kprintf("pgwalk:   %-4s[%3u] (this table was not kept)\n",
				level_names[level], i);
			return;
		}
		char flags[64];
		decode_flags(e, level, flags, sizeof flags);
		bool leaf = level == 0 || (level <= 2 && (e & PTE_PS));
		if (!(e & PTE_P)) {
			kprintf("pgwalk:   %-4s[%3u] 0x%016llx not present\n", level_names[level],
				i, (unsigned long long)e);
			kprintf("pgwalk: 0x%llx is not mapped: a touch faults",
				(unsigned long long)addr);
			kprintf(kernel_half ? "\n" : " (and the fault handler decides)\n");
			if (!kernel_half && !p)
				print_area_of(addr);
			return;
		}
		user = user && (e & PTE_U);
		write = write && (e & PTE_W);
		nx = nx || (e & PTE_NX);
		uint64_t next = e & PTE_ADDR & ~(pte_span(leaf ? level : 0) - 1);
		kprintf("pgwalk:   %-4s[%3u] 0x%016llx %-24s -> %s 0x%llx\n", level_names[level], i,
			(unsigned long long)e, flags, leaf ? "frame" : level_names[level - 1],
			(unsigned long long)next);
		if (leaf) {
			print_result(addr, e, level, user, write, nx);
			if (!kernel_half && !p)
				print_area_of(addr);
			return;
		}
		table = next;
	}
}
