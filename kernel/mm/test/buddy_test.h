/*
 * buddy_test.h - the fixture the buddy suite's two files share
 * (buddy_test.c: setting up, allocating and freeing, misuse, a random
 * walk; buddy_unmerged_test.c: the unmerged order-0 frames).
 *
 * Each test builds its own small allocator, t_b, over a static metadata
 * array (the kernel stack is only 16 KiB): the arrays are defined once,
 * in buddy_test.c, rather than in each file, to keep the kernel's .bss
 * from carrying two copies.
 */
#ifndef MM_TEST_BUDDY_TEST_H
#define MM_TEST_BUDDY_TEST_H

#include "mm/buddy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define T_FRAMES 2048

extern struct buddy_frame t_meta[T_FRAMES]; /* t_b's frames */
extern struct buddy t_b;
extern uint64_t t_pfns[T_FRAMES];  /* blocks a test holds ... */
extern uint8_t t_orders[T_FRAMES]; /* ... and their orders */

/* The per-order free block counts, to compare two states of t_b. */
struct snapshot {
	uint64_t blocks[BUDDY_NUM_ORDERS];
	uint64_t free, allocated;
};

/*
 * The helpers are static, not inline: each file gets one copy, called as
 * before the split, rather than one inlined at every call site (that
 * grew the kernel's test code by kilobytes).
 */

/* Returns the current counts of t_b. */
static struct snapshot snap(void)
{
	struct snapshot s;
	for (unsigned o = 0; o < BUDDY_NUM_ORDERS; o++)
		s.blocks[o] = buddy_free_blocks(&t_b, o);
	s.free = buddy_free_frames(&t_b);
	s.allocated = buddy_allocated_frames(&t_b);
	return s;
}

/* Returns true if two snapshots are identical. */
static bool same(const struct snapshot *a, const struct snapshot *b)
{
	for (unsigned o = 0; o < BUDDY_NUM_ORDERS; o++)
		if (a->blocks[o] != b->blocks[o])
			return false;
	return a->free == b->free && a->allocated == b->allocated;
}

/* Sets t_b up over pfns [base, base + n), all of it RAM. */
static void setup_whole(uint64_t base, uint64_t n)
{
	buddy_init(&t_b, t_meta, base, n);
	buddy_add_range(&t_b, base, n);
}

/* Returns a fresh xorshift64 value; tests seed *s themselves to be repeatable. */
static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

#endif
