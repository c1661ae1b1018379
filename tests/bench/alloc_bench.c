/*
 * alloc_bench.c - host-native cost of the kernel's allocators, beside
 * glibc's malloc in the same run (make bench).
 *
 * The kernel's buddy allocator and slab heap are pure code: here they are
 * built for the host (-O2, no sanitizers, KHEAP_DEBUG=0) over a static
 * arena and timed with clock_gettime, pair by pair like the in-kernel
 * benchmarks. Host timings vary from machine to machine; compare the
 * columns of one run, not runs of different machines.
 */
#define _GNU_SOURCE
#include "lib/console.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "mm/kmalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ITER 2000000
#define RUNS 5

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Times `body` ITER times, RUNS times over; returns the median ns per op. */
#define TIME_OPS(body)                                                                             \
	({                                                                                         \
		double samples_[RUNS];                                                             \
		for (int r_ = 0; r_ < RUNS; r_++) {                                                \
			double t0_ = now_ns();                                                     \
			for (long i_ = 0; i_ < ITER; i_++) {                                       \
				body;                                                              \
			}                                                                          \
			samples_[r_] = (now_ns() - t0_) / ITER;                                    \
		}                                                                                  \
		qsort(samples_, RUNS, sizeof(double), cmp);                                        \
		samples_[RUNS / 2];                                                                \
	})

static struct buddy_frame frames[1 << 14];

int main(void)
{
	struct buddy b;
	buddy_init(&b, frames, 0, 1 << 14);
	buddy_add_range(&b, 0, 1 << 14);
	kheap_init();

	printf("%-36s %12s %12s %8s\n", "operation (alloc + free)", "interlude", "glibc", "ratio");
	double o0 = TIME_OPS({
		uint64_t f = buddy_alloc(&b, 0);
		buddy_free(&b, f, 0);
	});
	printf("%-36s %9.1f ns %12s\n", "buddy order 0 (4 KiB)", o0, "-");
	double o9 = TIME_OPS({
		uint64_t f = buddy_alloc(&b, 9);
		buddy_free(&b, f, 9);
	});
	printf("%-36s %9.1f ns %12s\n", "buddy order 9 (2 MiB)", o9, "-");

	static const size_t sizes[] = {16, 64, 256, 1024, 4096};
	for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i];
		double k = TIME_OPS({
			void *p = kmalloc(n);
			__asm__ volatile("" : : "r"(p) : "memory");
			kfree(p);
		});
		double g = TIME_OPS({
			void *p = malloc(n);
			__asm__ volatile("" : : "r"(p) : "memory");
			free(p);
		});
		char label[64];
		snprintf(label, sizeof label, "kmalloc/malloc(%zu) + free", n);
		printf("%-36s %9.1f ns %9.1f ns %7.2fx\n", label, k, g, k / g);
	}
	return 0;
}
