/*
 * frame_ref_test.c - the per-frame reference counts' arithmetic (suite
 * "frame_ref", on the host and in the kernel): the window of frames
 * covered, counting up and down to the free, and the mistakes (a ref of a
 * free frame, an unref past zero, a saturated count) refused without
 * changing anything.
 */
#include "mm/frame_ref.h"
#include "test/ktest.h"

#define T_BASE 0x100
#define T_N 64

static uint32_t t_mem[T_N];
static struct frame_refs t_r;

KTEST(frame_ref, a_fresh_array_counts_every_frame_free)
{
	t_mem[5] = 77; /* garbage from before */
	frame_refs_init(&t_r, t_mem, T_BASE, T_N);
	for (unsigned i = 0; i < T_N; i++)
		EXPECT_EQ(frame_refs_get(&t_r, T_BASE + i), 0);
	EXPECT_TRUE(frame_refs_covers(&t_r, T_BASE));
	EXPECT_TRUE(frame_refs_covers(&t_r, T_BASE + T_N - 1));
	EXPECT_FALSE(frame_refs_covers(&t_r, T_BASE - 1));
	EXPECT_FALSE(frame_refs_covers(&t_r, T_BASE + T_N));
}

KTEST(frame_ref, sharers_count_up_and_the_last_unref_says_free)
{
	frame_refs_init(&t_r, t_mem, T_BASE, T_N);
	frame_refs_set(&t_r, T_BASE + 3, 1); /* allocated */
	EXPECT_TRUE(frame_refs_inc(&t_r, T_BASE + 3));
	EXPECT_TRUE(frame_refs_inc(&t_r, T_BASE + 3));
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE + 3), 3);
	EXPECT_EQ(frame_refs_dec(&t_r, T_BASE + 3), 2);
	EXPECT_EQ(frame_refs_dec(&t_r, T_BASE + 3), 1);
	EXPECT_EQ(frame_refs_dec(&t_r, T_BASE + 3), 0); /* the caller frees it now */
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE + 2), 0); /* neighbours untouched */
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE + 4), 0);
}

KTEST(frame_ref, mistakes_are_refused_and_change_nothing)
{
	frame_refs_init(&t_r, t_mem, T_BASE, T_N);
	EXPECT_FALSE(frame_refs_inc(&t_r, T_BASE)); /* free: nobody to share with */
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE), 0);
	EXPECT_EQ(frame_refs_dec(&t_r, T_BASE), -1); /* a double unref */
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE), 0);
	EXPECT_FALSE(frame_refs_inc(&t_r, T_BASE + T_N)); /* outside */
	EXPECT_EQ(frame_refs_dec(&t_r, T_BASE - 1), -1);
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE + T_N), 0);
	frame_refs_set(&t_r, T_BASE + T_N, 5); /* outside: ignored, no write past the end */
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE + T_N), 0);
	frame_refs_set(&t_r, T_BASE + 1, UINT32_MAX);
	EXPECT_FALSE(frame_refs_inc(&t_r, T_BASE + 1)); /* saturated: never wraps to 0 */
	EXPECT_EQ(frame_refs_get(&t_r, T_BASE + 1), UINT32_MAX);
}
