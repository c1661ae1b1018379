/*
 * mm_fake.h - fake side effects for the mm and vma self-tests.
 *
 * The tests run on the host and in the kernel, before or without kmalloc,
 * so struct vmas come from a static pool, and the unmap/protect/zap/populate
 * callbacks are only recorded in a log the tests inspect. mm_fake_fresh()
 * builds the standard layout most tests start from:
 *
 *   00400000-00401000 r-xp [image]
 *   00401000-00402000 rw-p [image]      start_brk = brk = 0x402000
 *   7fffffffb000-7ffffffff000 rw-p [stack]
 *
 * with a RAM budget of 23 GiB (the specification's measuring machine).
 */
#ifndef MM_TEST_MM_FAKE_H
#define MM_TEST_MM_FAKE_H

#include "mm/mm.h"

#include <stdbool.h>
#include <stdint.h>

#define FAKE_RAM_PAGES (23ULL << 18) /* 23 GiB */
#define FAKE_START_BRK 0x402000ULL
#define FAKE_STACK_PAGES 4

/*
 * One recorded callback: 'u' unmap, 'p' protect, 'z' zap, 'f' populate
 * (fill), 'm' move ([start, end) moves to `to`).
 */
struct fake_call {
	char kind;
	uint64_t start, end;
	unsigned prot;
	uint64_t to;
};

#define FAKE_MAX_CALLS 32

extern const struct mm_ops mm_fake_ops;
extern struct fake_call mm_fake_calls[FAKE_MAX_CALLS];
extern int mm_fake_ncalls;

/* Empties the pool and the log; allocations fail after `allow` more (-1: never). */
void mm_fake_reset(int allow);

/* Returns the number of pool entries in use. */
int mm_fake_live(void);

/* Makes the number of further allocations that succeed `allow` (-1: unlimited). */
void mm_fake_fail_after(int allow);

/* Resets the fakes and builds the standard layout in u; returns mm_setup's result. */
int mm_fake_fresh(struct mm *u);

/* Makes every further populate callback fail with -ENOMEM (true) or succeed. */
void mm_fake_fail_populate(bool fail);

/* Makes every further move callback fail with -ENOMEM (true) or succeed. */
void mm_fake_fail_move(bool fail);

/* Returns how many recorded moves are exactly [start, end) to `to`. */
int mm_fake_count_move(uint64_t start, uint64_t end, uint64_t to);

/* Forgets the recorded callbacks. */
void mm_fake_clear_calls(void);

/* Returns how many recorded calls are exactly (kind, start, end). */
int mm_fake_count(char kind, uint64_t start, uint64_t end);

/* Returns the maps listing of u in a static buffer (for EXPECT_STREQ). */
const char *mm_fake_maps(const struct mm *u);

/* Returns the listing of the VMAs meeting [start, end) only. */
const char *mm_fake_maps_in(const struct mm *u, uint64_t start, uint64_t end);

#endif
