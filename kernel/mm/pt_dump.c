/*
 * pt_dump.c - print the page tables of an address range (format: pt_dump.h).
 *
 * Theory of operation. The dump walks the tables as the CPU would, from
 * the PML4 down, but visits only the entries whose span meets [lo, hi):
 * a line for each present entry, then, unless it is a last-level entry or
 * a huge page, the table it points to. The walk only reads the tables, so
 * it can show any space, active or not, and a student's half-written one.
 */
#include "mm/pt_dump.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "lib/kprintf.h"

/* Returns flag's name if e has it, or dashes of the same width. */
static const char *flag(uint64_t e, uint64_t bit, const char *name, const char *none)
{
	return (e & bit) ? name : none;
}

void pt_dump_line(char *buf, size_t size, int level, unsigned index, uint64_t e)
{
	bool big = level > 0 && (e & PTE_PS);
	ksnprintf(buf, size, "%*sL%d %03u %016llx %s %s %s %s %s %s %s 0x%013llx", 2 * (3 - level),
		  "", level, index, (unsigned long long)e, flag(e, PTE_P, "P", "-"),
		  flag(e, PTE_W, "W", "-"), flag(e, PTE_U, "U", "-"), flag(e, PTE_NX, "NX", "--"),
		  flag(e, PTE_A, "A", "-"), flag(e, PTE_D, "D", "-"), big ? "PS" : "--",
		  (unsigned long long)(e & PTE_ADDR));
}

struct dump {
	uint64_t lo, hi; /* the range shown: [lo, hi) */
	pt_dump_out out;
	void *arg;
	size_t lines;
};

/* Returns the canonical address of index i at `level` below base. */
static uint64_t entry_va(uint64_t base, int level, unsigned i)
{
	uint64_t va = base + ((uint64_t)i << (12 + 9 * level));
	if (level == 3 && (va & (1ull << 47)))
		va |= 0xffff000000000000ull; /* the upper half's sign extension */
	return va;
}

/* Dumps the entries of the table at phys (at `level`) that meet the range. */
static void dump_table(struct dump *d, uint64_t phys, int level, uint64_t base)
{
	const uint64_t *t = phys_to_virt(phys);
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t va = entry_va(base, level, i);
		uint64_t last = va + (pte_span(level) - 1);
		if (!(t[i] & PTE_P) || last < d->lo || va >= d->hi)
			continue;
		char line[PT_DUMP_LINE];
		pt_dump_line(line, sizeof line, level, i, t[i]);
		d->out(line, d->arg);
		d->lines++;
		if (level > 0 && !(t[i] & PTE_PS))
			dump_table(d, t[i] & PTE_ADDR, level - 1, va);
	}
}

size_t pt_dump(struct vmm_space *s, uint64_t lo, uint64_t hi, pt_dump_out out, void *arg)
{
	struct dump d = {lo, hi, out, arg, 0};
	if (lo < hi)
		dump_table(&d, s->pml4_phys, 3, 0);
	return d.lines;
}

/* A pt_dump_out that prints the line on the console. */
static void print_line(const char *line, void *arg)
{
	(void)arg;
	kprintf("%s\n", line);
}

size_t pt_dump_print(struct vmm_space *s, uint64_t lo, uint64_t hi)
{
	return pt_dump(s, lo, hi, print_line, NULL);
}
