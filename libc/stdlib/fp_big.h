/*
 * stdlib/fp_big.h - unsigned big integers in base 2^32, just what strtod
 * needs to round a decimal number exactly (strtod_round.c): build from
 * digits, multiply by a small factor, shift, divide.
 *
 * The size bound: strtod keeps at most 11,600 significant digits (what
 * a long double's halfway points need) and gives up early on numbers far
 * out of range, so no operand passes 2^40000 (see strtod_round.c).
 */
#ifndef LIBC_STDLIB_FP_BIG_H
#define LIBC_STDLIB_FP_BIG_H

#include <stdbool.h>
#include <stdint.h>

#define FP_BIG_LIMBS 1300

struct fp_big {
	int n;			     /* limbs in use, no zero limb on top: 0 is n = 0 */
	uint32_t limb[FP_BIG_LIMBS]; /* least significant first */
};

/* Sets b to v. */
void fp_big_set(struct fp_big *b, uint64_t v);

/* b = b * f + add (f, add below 2^32). */
void fp_big_mul_add(struct fp_big *b, uint32_t f, uint32_t add);

/* b = b * 5^k. */
void fp_big_mul_pow5(struct fp_big *b, long k);

/* b = b * 2^k. */
void fp_big_shl(struct fp_big *b, long k);

/* The number of bits of b (0 for 0). */
long fp_big_bits(const struct fp_big *b);

/*
 * Divides a by b (b > 0) for a quotient below 2^96: *q = floor(a / b);
 * returns whether a remainder is left. a is used up.
 */
bool fp_big_div(struct fp_big *a, const struct fp_big *b, unsigned __int128 *q);

#endif
