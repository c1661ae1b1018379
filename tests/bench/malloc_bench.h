/*
 * malloc_bench.h - what the two halves of the malloc benchmark share:
 * malloc_bench_workloads.c (the requests, the PRNG, the checksum) and
 * malloc_bench.c (the harness: system calls, timing, peak RSS, output,
 * main). Both are compiled into one program by tools/bench-malloc.py.
 */
#ifndef MALLOC_BENCH_H
#define MALLOC_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* A workload: run at scale, it returns the number of allocation calls. */
struct mb_workload {
	const char *name;
	uint64_t (*fn)(double scale);
};

/* In the order "all" runs them and the usage message lists them. */
extern const struct mb_workload mb_workloads[];
extern const size_t mb_nworkloads;

/* Seeds the PRNG for workload w (so each has its own fixed sequence) and
 * zeroes the checksum; called before the clock starts. */
void mb_workload_begin(size_t w);

/* The checksum of everything read back since mb_workload_begin(). */
uint64_t mb_checksum(void);

/* Supplied by the harness: reports a failed allocation of n bytes and
 * exits with status 3 (the workloads have no output of their own). */
void mb_oom(size_t n);

#endif
