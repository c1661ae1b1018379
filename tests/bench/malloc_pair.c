/*
 * malloc_pair.c - guest instructions of the allocator's fast paths, for
 * what the memory trace costs when it is off (docs/TRACE.md).
 *
 * Run under QEMU's -icount shift=0, where one rdtsc tick is one guest
 * instruction:
 *
 *   make run PROG=tests/bench/malloc_pair.c QEMUFLAGS="-icount shift=0,sleep=off"
 *
 * It prints the instructions per malloc(32) + free pair, and per pair of
 * a batch of 64 mallocs then 64 frees (the blocks come from and go back
 * to a span), each the least of 5 rounds (the least is the one no timer
 * interrupt landed in). Built against Interlude's libc.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PAIRS 20000
#define BATCH 64

static void *volatile sink;

/* Returns the time stamp counter: guest instructions under -icount. */
static inline uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Returns the ticks of PAIRS malloc(32) + free pairs, one block at a time. */
static uint64_t one_at_a_time(void)
{
	uint64_t t0 = tsc();
	for (int i = 0; i < PAIRS; i++) {
		void *p = malloc(32);
		sink = p;
		free(p);
	}
	return tsc() - t0;
}

/* Returns the ticks of PAIRS / BATCH rounds of BATCH mallocs, then BATCH frees. */
static uint64_t batches(void)
{
	static void *held[BATCH];
	uint64_t t0 = tsc();
	for (int r = 0; r < PAIRS / BATCH; r++) {
		for (int i = 0; i < BATCH; i++)
			held[i] = malloc(32);
		sink = held[BATCH - 1];
		for (int i = 0; i < BATCH; i++)
			free(held[i]);
	}
	return tsc() - t0;
}

int main(void)
{
	uint64_t best1 = UINT64_MAX, best2 = UINT64_MAX;
	for (int round = 0; round < 5; round++) {
		uint64_t a = one_at_a_time(), b = batches();
		best1 = a < best1 ? a : best1;
		best2 = b < best2 ? b : best2;
	}
	int batched = PAIRS / BATCH * BATCH;
	printf("malloc(32)+free, one at a time: %lu.%02lu ticks per pair\n",
	       (unsigned long)(best1 / PAIRS), (unsigned long)(best1 * 100 / PAIRS % 100));
	printf("malloc(32)+free, batches of %d: %lu.%02lu ticks per pair\n", BATCH,
	       (unsigned long)(best2 / batched), (unsigned long)(best2 * 100 / batched % 100));
	return 0;
}
