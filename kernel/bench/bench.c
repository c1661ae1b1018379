/* bench.c - the benchmark runner; see bench.h. */
#include "bench/bench.h"
#include "lib/kprintf.h"

extern const struct kbench_case __start_kbench_cases[];
extern const struct kbench_case __stop_kbench_cases[];

/* Sorts the few samples in place (insertion sort). */
static void sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

void bench_report(const char *label, uint64_t iterations, uint64_t *samples)
{
	sort(samples, BENCH_RUNS);
	uint64_t med = samples[BENCH_RUNS / 2];
	/* one decimal without floating point */
	uint64_t tenths = (med * 10 + iterations / 2) / iterations;
	kprintf("bench %-36s %6lu.%lu per op  (min %lu, max %lu; %lu ops x %d runs)\n", label,
		tenths / 10, tenths % 10, samples[0] / iterations,
		samples[BENCH_RUNS - 1] / iterations, iterations, BENCH_RUNS);
}

void bench_run_all(void)
{
	kprintf("bench: costs in rdtsc ticks (guest instructions under -icount shift=0)\n");
	for (const struct kbench_case *b = __start_kbench_cases; b < __stop_kbench_cases; b++)
		b->fn();
	kprintf("bench: done\n");
}
