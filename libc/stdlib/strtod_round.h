/*
 * stdlib/strtod_round.h - rounding an exact number to the nearest
 * float, double or long double, half to even, with C's and glibc's
 * ERANGE: the core of strtod, strtof and strtold (strtod.c).
 */
#ifndef LIBC_STDLIB_STRTOD_ROUND_H
#define LIBC_STDLIB_STRTOD_ROUND_H

#include <stdbool.h>
#include <stdint.h>
#include "stdlib/fp_big.h"

/* What a binary format can hold. */
struct fp_target {
	int mant_bits;	 /* P: significant bits (24, 53, 64) */
	int lsb_min;	 /* the exponent of the smallest subnormal, 2^lsb_min */
	int max_exp;	 /* the largest number is below 2^(max_exp + 1) */
	int max_digits;	 /* significant decimal digits that can matter (see strtod_round.c) */
	int over_point;	 /* 0.d * 10^point above this point always overflows */
	int under_point; /* ... at or below this one always rounds to zero */
};

extern const struct fp_target fp_target_float, fp_target_double, fp_target_ldouble;

/* The rounded number, mant * 2^exp2 with mant < 2^P (0 is mant 0), or infinity. */
struct fp_rounded {
	uint64_t mant;
	int exp2;
	bool inf;
	bool range_error; /* ERANGE: overflow, or a tiny result that is not exact */
};

/*
 * Rounds (a / b + a tiny bit if sticky) * 2^e2 for a, b > 0; a and b are
 * used up (scaled in place). sticky stands for non-zero digits that were
 * dropped: they lie below any place the rounding looks at.
 */
struct fp_rounded fp_round_ratio(struct fp_big *a, struct fp_big *b, long e2, bool sticky,
				 const struct fp_target *t);

/* The rounded number 0.digits * 10^point (n significant digits, the first not 0), plus sticky. */
struct fp_rounded fp_round_decimal(const char *digits, int n, long point, bool sticky,
				   const struct fp_target *t);

#endif
