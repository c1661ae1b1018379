/*
 * ptdrill.c - the translate-by-hand drill of the pagetables lab: from a
 * seed, a question (a user address and the page tables that map it).
 *
 * Theory of operation. splitmix64, started at the seed, draws the four
 * indices and the offset of the question's address (its PML4 index is
 * never 0, nor in the kernel half), then the last-level entry of its page:
 * a made-up frame below 4 GiB and one of three kinds of user page
 * (read-only data, data, code). Decoy k (1..3) takes the question's
 * indices above level 3 - k, a different index at that level and its own
 * below, so that the space has two entries in the PML4's table of the
 * question, then in its PDPT, then in its PD and page table: the student
 * must compute every index to know which entry to follow. The frames of
 * the pages are never touched (the space is never made active), so the
 * answer depends on the seed alone; the tables are real frames, whose
 * addresses the dump shows.
 */
#include "mm/ptdrill.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pagewalk.h"
#include "arch/x86_64/pte.h"
#include "lib/cmdline.h"
#include "lib/kprintf.h"
#include "mm/pmm.h"
#include "mm/pt_dump.h"

/* Returns the next number of the splitmix64 sequence of *state. */
static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Returns the address of the indices i[3..0] and offset off. */
static uint64_t address(const unsigned i[4], unsigned off)
{
	return ((uint64_t)i[3] << 39) | ((uint64_t)i[2] << 30) | ((uint64_t)i[1] << 21) |
	       ((uint64_t)i[0] << 12) | off;
}

/* Returns a user leaf entry for a made-up frame: read-only data, data, or
 * code, as the seed says. */
static uint64_t leaf(uint64_t *state)
{
	uint64_t frame = (0x10000 + next(state) % 0xf0000) << 12;
	static const uint64_t kinds[3] = {PTE_NX, PTE_W | PTE_NX, 0};
	return frame | PTE_P | PTE_U | kinds[next(state) % 3];
}

void ptdrill_pick(struct ptdrill *d, uint64_t seed)
{
	uint64_t state = seed;
	unsigned idx[4];
	idx[3] = 1 + next(&state) % 255; /* the lower half, not its first 512 GiB */
	for (int l = 2; l >= 0; l--)
		idx[l] = next(&state) % PT_ENTRIES;
	d->seed = seed;
	d->va[0] = address(idx, (unsigned)(next(&state) % PAGE_SIZE));
	d->bits[0] = leaf(&state);
	for (int k = 1; k < PTDRILL_PAGES; k++) {
		unsigned other[4] = {idx[0], idx[1], idx[2], idx[3]};
		int l = 3 - k; /* the level where decoy k leaves the question's path */
		other[l] = (idx[l] + 1 + next(&state) % (PT_ENTRIES - 1)) % PT_ENTRIES;
		for (int below = l - 1; below >= 0; below--)
			other[below] = next(&state) % PT_ENTRIES;
		d->va[k] = address(other, 0);
		d->bits[k] = leaf(&state);
	}
}

/* A table of the drill's space: a zeroed frame, tagged as page tables. */
static uint64_t drill_table(void)
{
	return pmm_alloc_zeroed_owned(0, FRAME_OWNER_PAGE_TABLE);
}

/* Frees the tables below the first `count` entries of the table at phys
 * (at `level`), and clears those entries. */
static void free_tables(uint64_t phys, int level, unsigned count)
{
	uint64_t *t = phys_to_virt(phys);
	for (unsigned i = 0; i < count && level > 0; i++)
		if (t[i] & PTE_P) {
			free_tables(t[i] & PTE_ADDR, level - 1, PT_ENTRIES);
			pmm_free(t[i] & PTE_ADDR, 0);
			t[i] = 0;
		}
}

void ptdrill_free(struct ptdrill *d)
{
	free_tables(d->space.pml4_phys, 3, PT_ENTRIES / 2); /* not the shared kernel half */
	pmm_free(d->space.pml4_phys, 0);
	d->space.pml4_phys = 0;
}

bool ptdrill_build(struct ptdrill *d, uint64_t seed)
{
	ptdrill_pick(d, seed);
	if (vmm_space_create(&d->space) != 0)
		return false;
	for (int k = 0; k < PTDRILL_PAGES; k++) {
		uint64_t *e = pagewalk_entry(d->space.pml4_phys, d->va[k], 0, drill_table, NULL);
		if (!e) {
			ptdrill_free(d);
			return false;
		}
		*e = d->bits[k];
	}
	return true;
}

void ptdrill_print(struct ptdrill *d)
{
	kprintf("seed %lu: the page tables of a user space (PML4 at 0x%013lx):\n", d->seed,
		d->space.pml4_phys);
	pt_dump_print(&d->space, 0, LOWER_HALF_END);
	kprintf("seed %lu: translate the virtual address 0x%016lx\n", d->seed, d->va[0]);
}

uint64_t ptdrill_parse_seed(const char *s)
{
	uint64_t v = 0;
	unsigned base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		unsigned c = (unsigned char)*s, low = c | 0x20;
		unsigned dig = c >= '0' && c <= '9'	  ? c - '0'
			       : low >= 'a' && low <= 'f' ? low - 'a' + 10
							  : 99;
		if (dig >= base)
			return 0;
		v = v * base + dig;
	}
	return v;
}

int ptdrill_boot(const char *cmdline)
{
	char buf[24];
	if (!cmdline_get(cmdline, "ptdrill", buf, sizeof buf))
		return 0;
	uint64_t seed = ptdrill_parse_seed(buf);
	struct ptdrill d;
	if (seed == 0) {
		kprintf("ptdrill: \"%s\" is not a seed (a number other than 0)\n", buf);
		return -1;
	}
	if (!ptdrill_build(&d, seed)) {
		kprintf("ptdrill: no memory for the page tables of seed %lu\n", seed);
		return -1;
	}
	ptdrill_print(&d);
	ptdrill_free(&d);
	return 1;
}
