/*
 * buddy_unmerged_test.c - the buddy allocator's unmerged order-0 frames
 * (suite "buddy", continued from buddy_test.c, whose file name sorts
 * first so the suite runs in the same order): a freed single frame is
 * kept unmerged on its order-0 list, up to BUDDY_UNMERGED_MAX of them,
 * and handed out again last freed first; a larger allocation or
 * buddy_drain() merges them. Checked here: reuse, double frees while
 * unmerged, draining, the bound, owner slots, and buddy_check()'s relaxed
 * invariants. The fixture (t_b over t_meta) is buddy_test.h's.
 */
#include "mm/buddy.h"
#include "mm/test/buddy_test.h"
#include "lib/kprintf.h"
#include "test/ktest.h"

#include <stddef.h>
#include <stdint.h>

/* A second allocator given the same RAM as t_b and never used: what
 * fully merged looks like. */
static struct buddy_frame t_ref_meta[T_FRAMES];
static struct buddy t_ref;

/* --- unmerged order-0 frames -------------------------------------------------- */

KTEST(buddy, unmerged_frames_are_reused_lifo)
{
	setup_whole(0, 256);
	uint64_t p[10];
	for (int k = 0; k < 10; k++)
		p[k] = buddy_alloc(&t_b, 0);
	uint64_t blocks1 = buddy_free_blocks(&t_b, 1);
	for (int k = 0; k < 10; k++)
		buddy_free(&t_b, p[k], 0);
	/* Free in every respect, but not merged: nothing moved up an order. */
	EXPECT_EQ(buddy_unmerged_frames(&t_b), 10);
	EXPECT_EQ(buddy_free_frames(&t_b), 256);
	EXPECT_EQ(buddy_allocated_frames(&t_b), 0);
	EXPECT_EQ(buddy_free_blocks(&t_b, 1), blocks1);
	ASSERT_TRUE(buddy_check(&t_b));
	/* They come back last freed first, before any other order-0 frame. */
	for (int k = 9; k >= 0; k--)
		EXPECT_EQ(buddy_alloc(&t_b, 0), p[k]);
	EXPECT_EQ(buddy_unmerged_frames(&t_b), 0);
	ASSERT_TRUE(buddy_check(&t_b));
	for (int k = 0; k < 10; k++)
		buddy_free(&t_b, p[k], 0);
	buddy_drain(&t_b);
	EXPECT_EQ(buddy_free_blocks(&t_b, 8), 1);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, double_free_of_unmerged_frame_panics)
{
	setup_whole(0, 64);
	uint64_t a = buddy_alloc(&t_b, 0);
	uint64_t b = buddy_alloc(&t_b, 0);
	buddy_free(&t_b, a, 0);
	ASSERT_EQ(buddy_unmerged_frames(&t_b), 1);
	struct snapshot s = snap();
	EXPECT_PANIC("double free of frame", buddy_free(&t_b, a, 0));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "not merged yet"));
	char expect[40];
	ksnprintf(expect, sizeof expect, "(pfn %llu)", (unsigned long long)a);
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), expect));
	EXPECT_PANIC("misaligned", buddy_free(&t_b, b, 1));
	struct snapshot t = snap();
	EXPECT_TRUE(same(&s, &t));
	EXPECT_EQ(buddy_unmerged_frames(&t_b), 1);
	ASSERT_TRUE(buddy_check(&t_b));
	/* Still caught once it has been merged. */
	buddy_free(&t_b, b, 0);
	buddy_drain(&t_b);
	EXPECT_PANIC("double free of frame", buddy_free(&t_b, a, 0));
	EXPECT_PANIC("double free of frame", buddy_free(&t_b, b, 0));
	EXPECT_EQ(buddy_free_blocks(&t_b, 6), 1);
	EXPECT_TRUE(buddy_check(&t_b));
}

/* Every free frame is unmerged, so no block of order >= 1 is on any list:
 * only draining can satisfy a larger allocation. */
KTEST(buddy, larger_alloc_drains_unmerged_frames)
{
	setup_whole(32, 16);
	uint64_t p[16];
	for (unsigned order = 1; order <= 4; order++) {
		for (int k = 0; k < 16; k++)
			p[k] = buddy_alloc(&t_b, 0);
		for (int k = 0; k < 16; k++)
			buddy_free(&t_b, p[k], 0);
		ASSERT_EQ(buddy_unmerged_frames(&t_b), 16);
		ASSERT_EQ(buddy_free_blocks(&t_b, 0), 16);
		for (unsigned o = 1; o <= BUDDY_MAX_ORDER; o++)
			ASSERT_EQ(buddy_free_blocks(&t_b, o), 0);
		ASSERT_TRUE(buddy_check(&t_b));
		uint64_t big = buddy_alloc(&t_b, order);
		ASSERT_NE(big, BUDDY_NONE);
		EXPECT_EQ(big % (1ull << order), 0);
		EXPECT_EQ(buddy_unmerged_frames(&t_b), 0);
		EXPECT_EQ(buddy_free_frames(&t_b), 16 - (1ull << order));
		ASSERT_TRUE(buddy_check(&t_b));
		buddy_free(&t_b, big, order);
		EXPECT_EQ(buddy_free_blocks(&t_b, 4), 1);
	}
	/* Draining cannot make what the RAM does not have: still none, and
	 * the cached frames are merged but every count is unchanged. */
	for (int k = 0; k < 16; k++)
		p[k] = buddy_alloc(&t_b, 0);
	for (int k = 0; k < 16; k += 2)
		buddy_free(&t_b, p[k], 0);
	EXPECT_EQ(buddy_alloc(&t_b, 1), BUDDY_NONE);
	EXPECT_EQ(buddy_alloc(&t_b, 5), BUDDY_NONE);
	EXPECT_EQ(buddy_free_frames(&t_b), 8);
	EXPECT_EQ(buddy_free_blocks(&t_b, 0), 8);
	EXPECT_TRUE(buddy_check(&t_b));
	for (int k = 1; k < 16; k += 2)
		buddy_free(&t_b, p[k], 0);
}

/* Returns true if t_b's frames are exactly those of t_ref (a fresh allocator). */
static bool same_frames_as_ref(void)
{
	for (uint64_t i = 0; i < t_b.nframes; i++) {
		const struct buddy_frame *f = &t_meta[i], *r = &t_ref_meta[i];
		if (f->state != r->state || f->flags != r->flags || f->owner != r->owner ||
		    ((f->state == BUDDY_FREE) && f->order != r->order))
			return false;
	}
	return true;
}

KTEST(buddy, drain_restores_fully_merged_state)
{
	/* An odd base and a hole; the reference gets the same RAM, never used. */
	buddy_init(&t_b, t_meta, 9, 1500);
	buddy_add_range(&t_b, 9, 600);
	buddy_add_range(&t_b, 700, 809);
	buddy_init(&t_ref, t_ref_meta, 9, 1500);
	buddy_add_range(&t_ref, 9, 600);
	buddy_add_range(&t_ref, 700, 809);
	struct snapshot before = snap();
	uint64_t seed = 12345;
	unsigned live = 0;
	for (int step = 0; step < 2000; step++) {
		uint64_t r = xorshift(&seed);
		if (live > 0 && r % 100 < 48) {
			unsigned k = (unsigned)((r >> 8) % live);
			buddy_free(&t_b, t_pfns[k], t_orders[k]);
			t_pfns[k] = t_pfns[--live];
			t_orders[k] = t_orders[live];
		} else {
			unsigned order = (unsigned)((r >> 16) % 4 == 0 ? (r >> 24) % 4 : 0);
			uint64_t pfn = buddy_alloc(&t_b, order);
			if (pfn != BUDDY_NONE) {
				t_pfns[live] = pfn;
				t_orders[live++] = (uint8_t)order;
			}
		}
	}
	while (live > 0) {
		live--;
		buddy_free(&t_b, t_pfns[live], t_orders[live]);
	}
	EXPECT_EQ(buddy_free_frames(&t_b), before.free);
	EXPECT_GT(buddy_unmerged_frames(&t_b), 0);
	EXPECT_FALSE(same_frames_as_ref()); /* not merged yet */
	ASSERT_TRUE(buddy_check(&t_b));
	buddy_drain(&t_b);
	EXPECT_EQ(buddy_unmerged_frames(&t_b), 0);
	struct snapshot after = snap();
	EXPECT_TRUE(same(&before, &after));
	EXPECT_TRUE(same_frames_as_ref());
	EXPECT_TRUE(buddy_check(&t_b));
	buddy_drain(&t_b); /* nothing left to do */
	EXPECT_TRUE(same_frames_as_ref());
}

KTEST(buddy, unmerged_frames_are_bounded)
{
	setup_whole(0, 1024);
	for (unsigned k = 0; k < 100; k++)
		t_pfns[k] = buddy_alloc(&t_b, 0);
	for (unsigned k = 0; k < 100; k++) {
		buddy_free(&t_b, t_pfns[k], 0);
		uint64_t expect = k + 1 < BUDDY_UNMERGED_MAX ? k + 1 : BUDDY_UNMERGED_MAX;
		ASSERT_EQ(buddy_unmerged_frames(&t_b), expect);
		ASSERT_TRUE(buddy_check(&t_b));
	}
	EXPECT_EQ(buddy_free_frames(&t_b), 1024);
	/* The first BUDDY_UNMERGED_MAX were kept; the rest merged, as far as
	 * their buddies (unmerged ones included) let them. */
	EXPECT_LE(buddy_free_blocks(&t_b, 0), BUDDY_UNMERGED_MAX);
	buddy_drain(&t_b);
	EXPECT_EQ(buddy_free_blocks(&t_b, 10), 1);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, owner_slot_is_per_block_and_cleared_by_free)
{
	setup_whole(0, 64);
	static int token;
	uint64_t pfn = buddy_alloc(&t_b, 3);
	void **slot = buddy_owner_slot(&t_b, pfn);
	ASSERT_NOT_NULL(slot);
	for (uint64_t k = 0; k < 8; k++)
		EXPECT_EQ(buddy_owner_slot(&t_b, pfn + k), slot);
	/* Tag every page, as the kernel heap does: all go to the one slot. */
	for (uint64_t k = 0; k < 8; k++)
		*buddy_owner_slot(&t_b, pfn + k) = &token;
	EXPECT_EQ(*slot, (void *)&token);
	ASSERT_TRUE(buddy_check(&t_b));
	buddy_free(&t_b, pfn, 3);
	EXPECT_NULL(*slot);
	for (uint64_t k = 0; k < 64; k++)
		EXPECT_NULL(*buddy_owner_slot(&t_b, k));
	/* A frame handed out again, order 0 through the unmerged list too. */
	uint64_t one = buddy_alloc(&t_b, 0);
	*buddy_owner_slot(&t_b, one) = &token;
	buddy_free(&t_b, one, 0);
	EXPECT_EQ(buddy_alloc(&t_b, 0), one);
	EXPECT_NULL(*buddy_owner_slot(&t_b, one));
	buddy_free(&t_b, one, 0);
	EXPECT_TRUE(buddy_check(&t_b));
}

KTEST(buddy, check_finds_broken_relaxed_invariants)
{
	setup_whole(0, 64);
	static int token;
	uint64_t a = buddy_alloc(&t_b, 0), b = buddy_alloc(&t_b, 0), c = buddy_alloc(&t_b, 2);
	buddy_free(&t_b, a, 0); /* unmerged; its buddy b is allocated */
	ASSERT_TRUE(buddy_check(&t_b));
	/* An owner on a tail frame, and on a free frame. */
	t_meta[c + 1].owner = &token;
	EXPECT_FALSE(buddy_check(&t_b));
	t_meta[c + 1].owner = NULL;
	t_meta[a].owner = &token;
	EXPECT_FALSE(buddy_check(&t_b));
	t_meta[a].owner = NULL;
	/* The unmerged count lies. */
	t_b.unmerged++;
	EXPECT_FALSE(buddy_check(&t_b));
	t_b.unmerged--;
	/* An unmerged flag on an allocated frame. */
	t_meta[b].flags = BUDDY_FLAG_UNMERGED;
	EXPECT_FALSE(buddy_check(&t_b));
	t_meta[b].flags = 0;
	ASSERT_TRUE(buddy_check(&t_b));
	/* Free b unmerged too; two free buddies side by side are fine while
	 * one is unmerged, not when neither is. */
	buddy_free(&t_b, b, 0);
	ASSERT_TRUE(buddy_check(&t_b));
	t_meta[a].flags = 0;
	t_meta[b].flags = 0;
	t_b.unmerged -= 2;
	EXPECT_FALSE(buddy_check(&t_b));
	t_meta[a].flags = t_meta[b].flags = BUDDY_FLAG_UNMERGED;
	t_b.unmerged += 2;
	ASSERT_TRUE(buddy_check(&t_b));
	buddy_free(&t_b, c, 2);
	buddy_drain(&t_b);
	EXPECT_EQ(buddy_free_blocks(&t_b, 6), 1);
	EXPECT_TRUE(buddy_check(&t_b));
}
