/*
 * string_bench.c - what memcpy, memmove, memset, memcmp and strlen cost at
 * sizes from 8 bytes to 64 KiB, in time-stamp-counter ticks per call. The
 * same source is built against every C library compared (Interlude's with
 * tools/interlude-cc, musl with musl-gcc, glibc with gcc -static), always
 * with -fno-builtin so that each call reaches the library:
 *
 *   string_bench [ROUNDS]
 *
 * prints one line per function and size, "string FN SIZE ticks T", T the
 * median over ROUNDS (default 7) runs of a loop of calls whose buffers
 * move through 16 alignments (the destination on odd bytes half the
 * time). Natively a tick is a fixed fraction of a second; under QEMU with
 * -icount shift=0 it is one guest instruction. Results: docs/BENCHMARKS.md.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AREA (64 * 1024 + 64)
#define MAXROUNDS 31

static unsigned char bufa[AREA], bufb[AREA];
static volatile long sink;

/* The time-stamp counter. */
static uint64_t ticks(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Ticks for `calls` calls of function fn on n-byte buffers at shifting alignments. */
static uint64_t run(int fn, size_t n, long calls)
{
	uint64_t t0 = ticks();
	long acc = 0;
	for (long i = 0; i < calls; i++) {
		size_t da = (size_t)i & 15, sa = ((size_t)i * 5) & 15;
		unsigned char *d = bufa + da, *s = bufb + sa;
		switch (fn) {
		case 0: memcpy(d, s, n); break;
		case 1: memmove(d, d + 1 + sa, n); break;
		case 2: memset(d, (int)i, n); break;
		case 3: acc += memcmp(d, d, n); break;
		default: acc += (long)strlen((const char *)s); break;
		}
	}
	sink = acc;
	return ticks() - t0;
}

/* Sorts a few values (insertion sort) for the median. */
static void sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

int main(int argc, char **argv)
{
	static const char *names[] = {"memcpy", "memmove", "memset", "memcmp", "strlen"};
	static const size_t sizes[] = {8, 16, 32, 64, 128, 256, 512, 1024, 4096, 65536};
	int rounds = argc > 1 ? atoi(argv[1]) : 7;
	if (rounds < 1 || rounds > MAXROUNDS)
		rounds = 7;
	for (size_t i = 0; i < AREA; i++)
		bufa[i] = bufb[i] = (unsigned char)(i % 251 + 1);
	for (int fn = 0; fn < 5; fn++)
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			size_t n = sizes[k];
			long calls = (long)(4000000 / (n + 64)) + 16;
			if (fn == 4)
				for (size_t a = 0; a < 16;
				     a++) /* strings of length n at every alignment */
					bufb[a + n] = 0;
			uint64_t t[MAXROUNDS];
			for (int r = 0; r < rounds; r++)
				t[r] = run(fn, n, calls);
			sort(t, rounds);
			unsigned long tenths =
			    (unsigned long)(t[rounds / 2] * 10 / (uint64_t)calls);
			printf("string %s %zu ticks %lu.%lu\n", names[fn], n, tenths / 10,
			       tenths % 10);
			if (fn == 4)
				for (size_t a = 0; a < 16; a++)
					bufb[a + n] = (unsigned char)((a + n) % 251 + 1);
		}
	return 0;
}
