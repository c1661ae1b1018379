/*
 * bench.h - in-kernel micro-benchmarks (make bench).
 *
 * A benchmark is a function registered with KBENCH(name); the kernel runs
 * them all when its command line holds "bench". Inside, BENCH_OPS(label,
 * iterations, body) runs `body` iterations times, BENCH_RUNS times over,
 * and prints the median cost of one iteration.
 *
 * Costs are rdtsc deltas. Under QEMU with "-icount shift=0,sleep=off" (as
 * make bench runs it) the time-stamp counter advances by exactly one per
 * guest instruction, so the numbers are guest instruction counts: the
 * same on every host and repeatable. They include the loop's own
 * instructions (about 3 per iteration).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdint.h>

#include "arch/x86_64/cpu.h"

#define BENCH_RUNS 7

struct kbench_case {
	const char *name;
	void (*fn)(void);
};

#define KBENCH(name)                                                                               \
	static void kbench_fn_##name(void);                                                        \
	static const struct kbench_case kbench_case_##name                                         \
	    __attribute__((used, section("kbench_cases"), aligned(8))) = {#name,                   \
									  kbench_fn_##name};       \
	static void kbench_fn_##name(void)

/* Prints one result line: label, median, min and max cost per iteration. */
void bench_report(const char *label, uint64_t iterations, uint64_t *samples);

#define BENCH_OPS(label, iterations, body)                                                         \
	do {                                                                                       \
		uint64_t bench_samples_[BENCH_RUNS];                                               \
		for (int bench_run_ = 0; bench_run_ < BENCH_RUNS; bench_run_++) {                  \
			uint64_t bench_t0_ = rdtsc();                                              \
			for (uint64_t bench_i_ = 0; bench_i_ < (iterations); bench_i_++) {         \
				body;                                                              \
			}                                                                          \
			bench_samples_[bench_run_] = rdtsc() - bench_t0_;                          \
		}                                                                                  \
		bench_report(label, iterations, bench_samples_);                                   \
	} while (0)

/* Runs every registered benchmark. */
void bench_run_all(void);

#endif
