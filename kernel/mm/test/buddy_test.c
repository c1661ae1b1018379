/*
 * buddy_test.c - tests of the buddy allocator's pure logic (suite "buddy"),
 * run in the kernel and on the host: setting up, allocating and freeing,
 * misuse, and a random walk. The unmerged order-0 frames (and draining
 * them) are tested in buddy_unmerged_test.c, which continues the suite;
 * the fixture both use is buddy_test.h.
 *
 * Each test builds its own small allocator over a static metadata array
 * (the kernel stack is only 16 KiB) and checks the allocator's invariants
 * with buddy_check() as it goes. Freed single frames stay unmerged (up to
 * BUDDY_UNMERGED_MAX), so a test that expects the fully merged state calls
 * buddy_drain() first.
 */
#include "mm/buddy.h"
#include "mm/test/buddy_test.h"
#include "lib/kprintf.h"
#include "test/ktest.h"

#include <stddef.h>
#include <stdint.h>

/* The fixture of buddy_test.h, for both files of the suite. */
struct buddy_frame t_meta[T_FRAMES];
struct buddy t_b;
uint64_t t_pfns[T_FRAMES];
uint8_t t_orders[T_FRAMES];

static uint8_t t_owned[T_FRAMES]; /* 1 per frame handed out, by index */

/* Marks the frames of a block as handed out; returns false if any already was. */
static bool claim(uint64_t pfn, unsigned order)
{
	for (uint64_t k = 0; k < (1ull << order); k++) {
		uint64_t i = pfn - t_b.base + k;
		if (i >= T_FRAMES || t_owned[i])
			return false;
		t_owned[i] = 1;
	}
	return true;
}

/* Unmarks the frames of a block. */
static void unclaim(uint64_t pfn, unsigned order)
{
	for (uint64_t k = 0; k < (1ull << order); k++)
		t_owned[pfn - t_b.base + k] = 0;
}

/* Clears the handed-out bitmap. */
static void clear_owned(void)
{
	for (unsigned i = 0; i < T_FRAMES; i++)
		t_owned[i] = 0;
}

/* --- setup ------------------------------------------------------------------- */

KTEST(buddy, init_manages_nothing)
{
	buddy_init(&t_b, t_meta, 100, 64);
	EXPECT_EQ(buddy_free_frames(&t_b), 0);
	EXPECT_EQ(buddy_managed_frames(&t_b), 0);
	EXPECT_EQ(buddy_alloc(&t_b, 0), BUDDY_NONE);
	EXPECT_FALSE(buddy_is_managed(&t_b, 100));
	EXPECT_NULL(buddy_owner_slot(&t_b, 100));
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, add_ranges_with_a_hole)
{
	/* pfns 256..555 and 768..1279 are RAM; 556..767 is a hole. */
	buddy_init(&t_b, t_meta, 256, 1024);
	buddy_add_range(&t_b, 256, 300);
	buddy_add_range(&t_b, 768, 512);
	ASSERT_TRUE(buddy_check(&t_b));
	EXPECT_EQ(buddy_free_frames(&t_b), 812);
	EXPECT_EQ(buddy_managed_frames(&t_b), 812);
	/* 256 + 32 + 8 + 4 for the first range, 256 + 256 for the second. */
	EXPECT_EQ(buddy_free_blocks(&t_b, 8), 3);
	EXPECT_EQ(buddy_free_blocks(&t_b, 5), 1);
	EXPECT_EQ(buddy_free_blocks(&t_b, 3), 1);
	EXPECT_EQ(buddy_free_blocks(&t_b, 2), 1);
	EXPECT_EQ(buddy_free_blocks(&t_b, 0), 0);
	EXPECT_EQ(buddy_free_blocks(&t_b, 9), 0);
	EXPECT_TRUE(buddy_is_managed(&t_b, 555));
	EXPECT_FALSE(buddy_is_managed(&t_b, 556));
	EXPECT_FALSE(buddy_is_managed(&t_b, 767));
	EXPECT_TRUE(buddy_is_managed(&t_b, 768));
	EXPECT_FALSE(buddy_is_managed(&t_b, 255));
	EXPECT_FALSE(buddy_is_managed(&t_b, 1280));
}

KTEST(buddy, adjacent_ranges_coalesce)
{
	buddy_init(&t_b, t_meta, 0, 16);
	buddy_add_range(&t_b, 0, 5);
	buddy_add_range(&t_b, 5, 11);
	ASSERT_TRUE(buddy_check(&t_b));
	EXPECT_EQ(buddy_free_blocks(&t_b, 4), 1);
	EXPECT_EQ(buddy_free_frames(&t_b), 16);
}

KTEST(buddy, adding_twice_panics)
{
	buddy_init(&t_b, t_meta, 0, 64);
	buddy_add_range(&t_b, 8, 8);
	EXPECT_PANIC("already managed", buddy_add_range(&t_b, 12, 8));
	EXPECT_PANIC("outside", buddy_add_range(&t_b, 60, 8));
	EXPECT_TRUE(buddy_check(&t_b));
	EXPECT_EQ(buddy_free_frames(&t_b), 8);
}

/* --- allocating and freeing --------------------------------------------------- */

KTEST(buddy, alloc_every_frame_then_free_all_restores_state)
{
	/* An odd base and a hole, so the blocks are of many orders. */
	buddy_init(&t_b, t_meta, 3, 1500);
	buddy_add_range(&t_b, 3, 700);
	buddy_add_range(&t_b, 900, 603);
	struct snapshot before = snap();
	uint64_t n = 0;
	for (;;) {
		uint64_t pfn = buddy_alloc(&t_b, 0);
		if (pfn == BUDDY_NONE)
			break;
		ASSERT_LT(n, T_FRAMES);
		t_pfns[n++] = pfn;
	}
	EXPECT_EQ(n, before.free);
	EXPECT_EQ(buddy_free_frames(&t_b), 0);
	EXPECT_EQ(buddy_allocated_frames(&t_b), before.free);
	ASSERT_TRUE(buddy_check(&t_b));
	/* Free in a scrambled order: even ones forwards, then odd ones backwards. */
	for (uint64_t k = 0; k < n; k++)
		if (k % 2 == 0)
			buddy_free(&t_b, t_pfns[k], 0);
	ASSERT_TRUE(buddy_check(&t_b));
	for (uint64_t k = n; k-- > 0;)
		if (k % 2 == 1)
			buddy_free(&t_b, t_pfns[k], 0);
	EXPECT_EQ(buddy_free_frames(&t_b), before.free);
	EXPECT_EQ(buddy_unmerged_frames(&t_b), BUDDY_UNMERGED_MAX);
	ASSERT_TRUE(buddy_check(&t_b));
	buddy_drain(&t_b);
	struct snapshot after = snap();
	EXPECT_TRUE(same(&before, &after));
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, blocks_are_aligned_and_disjoint)
{
	setup_whole(5, 2000);
	clear_owned();
	unsigned n = 0;
	for (unsigned order = 0; order <= 6; order++)
		for (int k = 0; k < 4; k++) {
			uint64_t pfn = buddy_alloc(&t_b, order);
			ASSERT_NE(pfn, BUDDY_NONE);
			EXPECT_EQ(pfn % (1ull << order), 0);
			EXPECT_TRUE(claim(pfn, order));
			EXPECT_EQ(buddy_allocated_order(&t_b, pfn), (int)order);
			t_pfns[n] = pfn;
			t_orders[n++] = (uint8_t)order;
		}
	ASSERT_TRUE(buddy_check(&t_b));
	for (unsigned k = 0; k < n; k++)
		buddy_free(&t_b, t_pfns[k], t_orders[k]);
	EXPECT_EQ(buddy_allocated_frames(&t_b), 0);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, largest_orders_work)
{
	setup_whole(0, 2048);
	EXPECT_EQ(buddy_free_blocks(&t_b, BUDDY_MAX_ORDER), 2);
	uint64_t a = buddy_alloc(&t_b, 9); /* 2 MiB of 4 KiB frames */
	uint64_t b = buddy_alloc(&t_b, BUDDY_MAX_ORDER);
	ASSERT_NE(a, BUDDY_NONE);
	ASSERT_NE(b, BUDDY_NONE);
	EXPECT_EQ(a % 512, 0);
	EXPECT_EQ(b % 1024, 0);
	EXPECT_EQ(buddy_free_frames(&t_b), 512);
	EXPECT_EQ(buddy_alloc(&t_b, BUDDY_MAX_ORDER), BUDDY_NONE);
	EXPECT_EQ(buddy_alloc(&t_b, BUDDY_MAX_ORDER + 1), BUDDY_NONE);
	buddy_free(&t_b, a, 9);
	buddy_free(&t_b, b, BUDDY_MAX_ORDER);
	EXPECT_EQ(buddy_free_blocks(&t_b, BUDDY_MAX_ORDER), 2);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, split_and_coalesce_show_in_counts)
{
	setup_whole(0, 1024);
	EXPECT_EQ(buddy_free_blocks(&t_b, 10), 1);
	uint64_t pfn = buddy_alloc(&t_b, 0);
	EXPECT_EQ(pfn, 0);
	/* One order-10 block split down: one free block at each order 0..9. */
	for (unsigned o = 0; o < 10; o++)
		EXPECT_EQ(buddy_free_blocks(&t_b, o), 1);
	EXPECT_EQ(buddy_free_blocks(&t_b, 10), 0);
	ASSERT_TRUE(buddy_check(&t_b));
	uint64_t pfn2 = buddy_alloc(&t_b, 3);
	EXPECT_EQ(pfn2, 8);
	EXPECT_EQ(buddy_free_blocks(&t_b, 3), 0);
	buddy_free(&t_b, pfn, 0);
	EXPECT_EQ(buddy_free_blocks(&t_b, 0), 2); /* frame 0 is kept unmerged ... */
	buddy_drain(&t_b);
	/* ... until drained: frame 0 merges with 1, then with 2..3, then 4..7;
	 * 8..15 is taken. */
	EXPECT_EQ(buddy_free_blocks(&t_b, 0), 0);
	EXPECT_EQ(buddy_free_blocks(&t_b, 2), 0);
	EXPECT_EQ(buddy_free_blocks(&t_b, 3), 1);
	buddy_free(&t_b, pfn2, 3);
	EXPECT_EQ(buddy_free_blocks(&t_b, 10), 1);
	for (unsigned o = 0; o < 10; o++)
		EXPECT_EQ(buddy_free_blocks(&t_b, o), 0);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, order0_fast_path_reuses_last_freed)
{
	setup_whole(0, 64);
	uint64_t a = buddy_alloc(&t_b, 0), b = buddy_alloc(&t_b, 0), c = buddy_alloc(&t_b, 0);
	EXPECT_EQ(buddy_free_blocks(&t_b, 0), 1); /* frame 3, c's buddy */
	buddy_free(&t_b, c, 0);			  /* kept unmerged, though its buddy 3 is free */
	buddy_free(&t_b, a, 0);			  /* kept unmerged too */
	struct snapshot s = snap();
	EXPECT_EQ(s.blocks[0], 3);
	EXPECT_EQ(buddy_unmerged_frames(&t_b), 2);
	ASSERT_TRUE(buddy_check(&t_b));
	EXPECT_EQ(buddy_alloc(&t_b, 0), a); /* the last freed, straight off the list */
	EXPECT_EQ(buddy_alloc(&t_b, 0), c);
	struct snapshot t = snap();
	EXPECT_EQ(t.blocks[0], 1);
	EXPECT_EQ(buddy_unmerged_frames(&t_b), 0);
	for (unsigned o = 1; o < BUDDY_NUM_ORDERS; o++)
		EXPECT_EQ(t.blocks[o], s.blocks[o]);
	buddy_free(&t_b, a, 0);
	buddy_free(&t_b, b, 0);
	buddy_free(&t_b, c, 0);
	buddy_drain(&t_b);
	EXPECT_EQ(buddy_free_blocks(&t_b, 6), 1);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, out_of_memory_fails_and_changes_nothing)
{
	setup_whole(0, 16);
	uint64_t p[16];
	for (int k = 0; k < 16; k++)
		p[k] = buddy_alloc(&t_b, 0);
	/* Free every other frame: 8 free frames, but no two adjacent. */
	for (int k = 0; k < 16; k += 2)
		buddy_free(&t_b, p[k], 0);
	struct snapshot s = snap();
	EXPECT_EQ(s.free, 8);
	EXPECT_EQ(buddy_alloc(&t_b, 1), BUDDY_NONE);
	EXPECT_EQ(buddy_alloc(&t_b, 4), BUDDY_NONE);
	EXPECT_EQ(buddy_alloc(&t_b, 200), BUDDY_NONE);
	struct snapshot t = snap();
	EXPECT_TRUE(same(&s, &t));
	EXPECT_TRUE(buddy_check(&t_b));
	for (int k = 1; k < 16; k += 2)
		buddy_free(&t_b, p[k], 0);
	buddy_drain(&t_b);
	EXPECT_EQ(buddy_free_blocks(&t_b, 4), 1);
}

KTEST(buddy, owner_slot)
{
	buddy_init(&t_b, t_meta, 0, 64);
	buddy_add_range(&t_b, 0, 32);
	static int token;
	uint64_t pfn = buddy_alloc(&t_b, 1);
	void **slot = buddy_owner_slot(&t_b, pfn);
	ASSERT_NOT_NULL(slot);
	EXPECT_NULL(*slot);
	*slot = &token;
	EXPECT_EQ(*buddy_owner_slot(&t_b, pfn), (void *)&token);
	EXPECT_EQ(buddy_owner_slot(&t_b, pfn + 1), slot); /* one slot per block */
	EXPECT_NULL(buddy_owner_slot(&t_b, 40));	  /* not RAM */
	EXPECT_NULL(buddy_owner_slot(&t_b, 1000));	  /* outside the span */
	buddy_free(&t_b, pfn, 1);
	EXPECT_NULL(*buddy_owner_slot(&t_b, pfn)); /* no stale owner survives */
	EXPECT_TRUE(buddy_check(&t_b));
}

/* --- misuse --------------------------------------------------------------------- */

/* Each misuse panics, and afterwards the allocator is exactly as before. */
KTEST(buddy, misuse_is_caught_before_any_change)
{
	buddy_init(&t_b, t_meta, 16, 112);
	buddy_add_range(&t_b, 16, 48); /* 16..63 RAM, 64..127 not */
	uint64_t one = buddy_alloc(&t_b, 0);
	uint64_t four = buddy_alloc(&t_b, 2);
	uint64_t spare = buddy_alloc(&t_b, 0);
	buddy_free(&t_b, spare, 0);
	ASSERT_EQ(one, 16);
	ASSERT_EQ(four, 20);
	ASSERT_EQ(spare, 17);
	struct snapshot s = snap();

	EXPECT_PANIC("double free of frame", buddy_free(&t_b, spare, 0));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "(pfn "));
	EXPECT_PANIC("not owned", buddy_free(&t_b, 3, 0));    /* below the span */
	EXPECT_PANIC("not owned", buddy_free(&t_b, 4096, 0)); /* above it */
	EXPECT_PANIC("not owned", buddy_free(&t_b, 80, 0));   /* in the span, not RAM */
	EXPECT_PANIC("not the start of a block", buddy_free(&t_b, four + 1, 0));
	EXPECT_PANIC("allocated with order 2, freed with order 1", buddy_free(&t_b, four, 1));
	EXPECT_PANIC("allocated with order 0, freed with order 1", buddy_free(&t_b, one, 1));
	EXPECT_PANIC("misaligned", buddy_free(&t_b, four + 2, 2));
	EXPECT_PANIC("larger than any block", buddy_free(&t_b, four, BUDDY_MAX_ORDER + 1));
	/* A frame inside a free block is free too. */
	EXPECT_PANIC("double free", buddy_free(&t_b, 48 + 1, 0));
	char expect[40];
	ksnprintf(expect, sizeof expect, "frame 0x%llx (pfn %llu)", (unsigned long long)four << 12,
		  (unsigned long long)four);
	EXPECT_PANIC(expect, buddy_free(&t_b, four, 3));

	struct snapshot t = snap();
	EXPECT_TRUE(same(&s, &t));
	ASSERT_TRUE(buddy_check(&t_b));
	/* And it still works. */
	buddy_free(&t_b, four, 2);
	buddy_free(&t_b, one, 0);
	EXPECT_EQ(buddy_allocated_frames(&t_b), 0);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, check_finds_corruption)
{
	setup_whole(0, 64);
	uint64_t a = buddy_alloc(&t_b, 0);
	ASSERT_TRUE(buddy_check(&t_b));
	t_b.free_blocks[0]++; /* a count that lies */
	EXPECT_FALSE(buddy_check(&t_b));
	t_b.free_blocks[0]--;
	t_meta[a + 1].state = BUDDY_TAIL; /* a free head lost */
	EXPECT_FALSE(buddy_check(&t_b));
	t_meta[a + 1].state = BUDDY_FREE;
	ASSERT_TRUE(buddy_check(&t_b));
	buddy_free(&t_b, a, 0);
}

/* --- random ------------------------------------------------------------------------ */

KTEST(buddy, random_alloc_free_keeps_invariants)
{
	buddy_init(&t_b, t_meta, 7, 1200);
	buddy_add_range(&t_b, 7, 500);
	buddy_add_range(&t_b, 600, 607);
	struct snapshot before = snap();
	clear_owned();
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	unsigned live = 0;
	for (int step = 0; step < 3000; step++) {
		uint64_t r = xorshift(&seed);
		if (live > 0 && (r % 100 < 45 || live == T_FRAMES)) {
			unsigned k = (unsigned)((r >> 8) % live);
			buddy_free(&t_b, t_pfns[k], t_orders[k]);
			unclaim(t_pfns[k], t_orders[k]);
			t_pfns[k] = t_pfns[--live];
			t_orders[k] = t_orders[live];
		} else {
			/* Mostly small orders, sometimes big ones. */
			unsigned order =
			    (unsigned)((r >> 16) % 8 == 0 ? (r >> 24) % 11 : (r >> 24) % 3);
			uint64_t pfn = buddy_alloc(&t_b, order);
			if (pfn != BUDDY_NONE) {
				ASSERT_EQ(pfn % (1ull << order), 0);
				ASSERT_TRUE(claim(pfn, order));
				t_pfns[live] = pfn;
				t_orders[live++] = (uint8_t)order;
			}
		}
		ASSERT_TRUE(buddy_check(&t_b));
	}
	while (live > 0) {
		live--;
		buddy_free(&t_b, t_pfns[live], t_orders[live]);
	}
	ASSERT_TRUE(buddy_check(&t_b));
	buddy_drain(&t_b);
	struct snapshot after = snap();
	EXPECT_TRUE(same(&before, &after));
	EXPECT_TRUE(buddy_check(&t_b));
}
