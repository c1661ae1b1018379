/*
 * ptdrill_test.c - translate an address by hand (suite "ptdrill"), kernel
 * only; part 0 of the pagetables lab (docs/labs/pagetables.md).
 *
 * A seed picks a question: a user virtual address and the space that maps
 * it, with three decoy pages beside it that share one, two and three of its
 * upper tables, so the dump shows several entries at each level and the
 * student must compute the four indices to know which to follow. The
 * test ptdrill.the_question prints the address and the dump. The
 * student's answers (ptdrill_answers.h) are then checked against the
 * kernel's own walk (vmm_translate, pte_index), one test per kind of
 * answer. The seed is PTDRILL_SEED of the answers, or ptdrill=SEED on the
 * command line to practise on other questions.
 *
 * The space is built and freed here, through the architecture's walk
 * (pagewalk_entry), not with vmm_map and vmm_unmap: the drill does not
 * depend on the code the lab's students write.
 */
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pagewalk.h"
#include "arch/x86_64/pte.h"
#include "lib/kprintf.h"
#include "mm/pagetable.h"
#include "mm/pmm.h"
#include "mm/pt_dump.h"
#include "mm/test/ptdrill_answers.h"
#include "test/ktest.h"

#define DRILL_PAGES 4 /* the question's page, then three decoys */

struct drill {
	uint64_t seed;
	uint64_t va[DRILL_PAGES];   /* va[0] is the question */
	uint64_t bits[DRILL_PAGES]; /* each page's last-level entry */
	struct vmm_space space;
};

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
 * code, as the seed says. The frame is never touched (the space is never
 * active), so any physical address below 4 GiB will do. */
static uint64_t leaf(uint64_t *state)
{
	uint64_t frame = (0x10000 + next(state) % 0xf0000) << 12;
	static const uint64_t kinds[3] = {PTE_NX, PTE_W | PTE_NX, 0};
	return frame | PTE_P | PTE_U | kinds[next(state) % 3];
}

/* Fills in the question of seed (addresses and leaf entries). Decoy k
 * (1..3) shares the question's indices above level 3 - k, differs from it
 * there, and has indices of its own below. */
static void drill_pick(struct drill *d, uint64_t seed)
{
	uint64_t state = seed;
	unsigned idx[4];
	idx[3] = 1 + next(&state) % 255; /* the lower half, not its first 512 GiB */
	for (int l = 2; l >= 0; l--)
		idx[l] = next(&state) % PT_ENTRIES;
	d->seed = seed;
	d->va[0] = address(idx, (unsigned)(next(&state) % PAGE_SIZE));
	d->bits[0] = leaf(&state);
	for (int k = 1; k < DRILL_PAGES; k++) {
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

/* Frees the lower-half tables below the table at phys (at `level`). */
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

static void drill_free(struct drill *d)
{
	free_tables(d->space.pml4_phys, 3, PT_ENTRIES / 2);
	pmm_free(d->space.pml4_phys, 0);
}

/* Builds the space of the question; returns false if memory ran out
 * (what was made is freed). */
static bool drill_build(struct drill *d, uint64_t seed)
{
	drill_pick(d, seed);
	if (vmm_space_create(&d->space) != 0)
		return false;
	for (int k = 0; k < DRILL_PAGES; k++) {
		uint64_t *e = pagewalk_entry(d->space.pml4_phys, d->va[k], 0, drill_table, NULL);
		if (!e) {
			drill_free(d);
			return false;
		}
		*e = d->bits[k];
	}
	return true;
}

/* Returns the value of a decimal or 0x-hex number of s, or 0. */
static uint64_t number(const char *s)
{
	uint64_t v = 0;
	unsigned base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		unsigned c = (unsigned char)*s;
		unsigned dig = c >= '0' && c <= '9'			? c - '0'
			       : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
									: 99;
		if (dig >= base)
			return 0;
		v = v * base + dig;
	}
	return v;
}

/* Returns the seed of the question: ptdrill=SEED, else the answers'. */
static uint64_t drill_seed(void)
{
	char buf[24];
	if (ktest_option_value("ptdrill", buf, sizeof buf))
		return number(buf);
	return (uint64_t)PTDRILL_SEED;
}

/* Builds the question and checks the answers are for it; false (with the
 * test failed) if there is nothing to check. */
static bool drill_open(struct drill *d)
{
	uint64_t seed = drill_seed();
	if (seed == 0) {
		KTEST_FAIL(
		    "no seed: write yours as PTDRILL_SEED in kernel/mm/test/ptdrill_answers.h");
		return false;
	}
	if (seed != (uint64_t)PTDRILL_SEED) {
		KTEST_FAIL("the question is seed %lu; the answers are for seed %lu", seed,
			   (uint64_t)PTDRILL_SEED);
		return false;
	}
	if (!drill_build(d, seed)) {
		KTEST_FAIL("no memory for the drill's page tables");
		return false;
	}
	return true;
}

/* Prints the question: always passes once the space could be built. */
KTEST(ptdrill, the_question)
{
	struct drill d;
	uint64_t seed = drill_seed();
	if (seed == 0)
		KTEST_SKIP("no seed: boot with ptdrill=SEED, or write PTDRILL_SEED");
	ASSERT_TRUE(drill_build(&d, seed));
	kprintf("seed %lu: the page tables of a user space (PML4 at 0x%013lx):\n", seed,
		d.space.pml4_phys);
	pt_dump_print(&d.space, 0, LOWER_HALF_END);
	kprintf("seed %lu: translate the virtual address 0x%016lx\n", seed, d.va[0]);
	drill_free(&d);
}

/* Returns how many of the four levels va and question share, from the top:
 * 0 if they differ in the PML4 index, 4 if they are on the same page. */
static int shared_levels(uint64_t va, uint64_t question)
{
	int n = 0;
	for (int l = 3; l >= 0 && pte_index(va, l) == pte_index(question, l); l--)
		n++;
	return n;
}

/* Different seeds ask different questions, each of the promised shape: a
 * user address off the first 512 GiB, and decoy k on the question's path
 * for exactly 3 - k levels below the PML4 (so it shares k tables). */
KTEST(ptdrill, seeds_give_different_questions)
{
	enum { SEEDS = 16 };
	static struct drill d[SEEDS];
	for (int s = 0; s < SEEDS; s++) {
		drill_pick(&d[s], 1000 + (uint64_t)s);
		uint64_t q = d[s].va[0];
		EXPECT_TRUE(q < LOWER_HALF_END);
		EXPECT_NE(pte_index(q, 3), 0u);
		for (int k = 1; k < DRILL_PAGES; k++)
			EXPECT_EQ(shared_levels(d[s].va[k], q), k);
		for (int t = 0; t < s; t++) {
			EXPECT_NE(d[t].va[0], q);
			EXPECT_NE(d[t].bits[0] & PTE_ADDR, d[s].bits[0] & PTE_ADDR);
		}
	}
}

KTEST(ptdrill, four_indices)
{
	struct drill d;
	if (!drill_open(&d))
		return;
	EXPECT_EQ(pte_index(d.va[0], 3), (unsigned)PTDRILL_PML4_INDEX);
	EXPECT_EQ(pte_index(d.va[0], 2), (unsigned)PTDRILL_PDPT_INDEX);
	EXPECT_EQ(pte_index(d.va[0], 1), (unsigned)PTDRILL_PD_INDEX);
	EXPECT_EQ(pte_index(d.va[0], 0), (unsigned)PTDRILL_PT_INDEX);
	drill_free(&d);
}

KTEST(ptdrill, offset)
{
	struct drill d;
	if (!drill_open(&d))
		return;
	EXPECT_EQ(d.va[0] % PAGE_SIZE, (uint64_t)PTDRILL_OFFSET);
	drill_free(&d);
}

KTEST(ptdrill, physical_address)
{
	struct drill d;
	if (!drill_open(&d))
		return;
	uint64_t pa = 0;
	EXPECT_TRUE(vmm_translate(&d.space, d.va[0], &pa, NULL));
	EXPECT_EQ(pa, (uint64_t)PTDRILL_PHYS);
	drill_free(&d);
}

KTEST(ptdrill, user_rights)
{
	struct drill d;
	if (!drill_open(&d))
		return;
	unsigned flags = 0;
	EXPECT_TRUE(vmm_translate(&d.space, d.va[0], NULL, &flags));
	EXPECT_TRUE(flags & VM_USER);
	EXPECT_EQ((flags & VM_WRITE) ? 1 : 0, PTDRILL_USER_WRITABLE);
	EXPECT_EQ((flags & VM_EXEC) ? 1 : 0, PTDRILL_USER_EXECUTABLE);
	drill_free(&d);
}
