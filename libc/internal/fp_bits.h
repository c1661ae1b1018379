/*
 * internal/fp_bits.h - a binary floating-point number taken apart and put
 * back together: the one place that knows how double and x86-64's 80-bit
 * long double are laid out in memory. printf (libc/stdio/printf_float.c)
 * takes numbers apart; strtod (libc/stdlib/strtod.c) puts them together.
 *
 * A finite number is mant * 2^exp2 with an integer mant, exactly: that
 * is what makes an exact decimal expansion possible.
 *   double       1 sign bit, 11 exponent bits, 52 fraction bits; the
 *                leading 1 is implicit (absent for subnormals, exponent 0)
 *   long double  1 sign bit, 15 exponent bits, then a 64-bit significand
 *                whose top bit (the integer bit) is stored, in 10 bytes
 */
#ifndef LIBC_INTERNAL_FP_BITS_H
#define LIBC_INTERNAL_FP_BITS_H

#include <stdbool.h>
#include <stdint.h>

enum fp_class { FP_BITS_ZERO, FP_BITS_FINITE, FP_BITS_INF, FP_BITS_NAN };

/* A number taken apart: the value is (neg ? -1 : 1) * mant * 2^exp2 when finite. */
struct fp_parts {
	bool neg;
	enum fp_class cls;
	uint64_t mant;
	int exp2;
	int biased; /* the stored exponent field (for %a, which prints it) */
};

/* The 80-bit long double's two stored fields (the rest of its 16 bytes is padding). */
union fp_ldouble {
	long double v;
	struct {
		uint64_t mant;
		uint16_t sign_exp;
	} f;
};

/* Takes d apart: the fraction with its implicit bit, and the power of two it scales. */
static inline struct fp_parts fp_split_double(double d)
{
	union {
		double v;
		uint64_t u;
	} b = {.v = d};
	struct fp_parts p = {.neg = b.u >> 63, .biased = (int)(b.u >> 52) & 0x7ff};
	uint64_t frac = b.u & ((1ull << 52) - 1);
	if (p.biased == 0x7ff) {
		p.cls = frac ? FP_BITS_NAN : FP_BITS_INF;
	} else if (p.biased == 0) {
		p.cls = frac ? FP_BITS_FINITE : FP_BITS_ZERO;
		p.mant = frac;
		p.exp2 = -1074; /* subnormal: 0.frac * 2^-1022 */
	} else {
		p.cls = FP_BITS_FINITE;
		p.mant = frac | 1ull << 52;
		p.exp2 = p.biased - 1075; /* 1.frac * 2^(biased - 1023) */
	}
	return p;
}

/* Takes an 80-bit long double apart; its integer bit is stored, so mant is the field itself. */
static inline struct fp_parts fp_split_ldouble(long double x)
{
	union fp_ldouble b = {.v = x};
	struct fp_parts p = {.neg = b.f.sign_exp >> 15, .biased = b.f.sign_exp & 0x7fff};
	p.mant = b.f.mant;
	if (p.biased == 0x7fff) {
		p.cls = (p.mant << 1) ? FP_BITS_NAN : FP_BITS_INF;
	} else {
		p.cls = p.mant ? FP_BITS_FINITE : FP_BITS_ZERO;
		/* 2^-16382 is the smallest normal's unit; subnormals share it */
		p.exp2 = (p.biased ? p.biased : 1) - 16383 - 63;
	}
	return p;
}

/* Builds a double from a sign, the stored exponent field and the 52 fraction bits. */
static inline double fp_make_double(bool neg, unsigned biased, uint64_t frac)
{
	union {
		double v;
		uint64_t u;
	} b = {.u = (uint64_t)neg << 63 | (uint64_t)biased << 52 | (frac & ((1ull << 52) - 1))};
	return b.v;
}

/* Builds a float from a sign, the stored exponent field and the 23 fraction bits. */
static inline float fp_make_float(bool neg, unsigned biased, uint32_t frac)
{
	union {
		float v;
		uint32_t u;
	} b = {.u = (uint32_t)neg << 31 | (uint32_t)biased << 23 | (frac & ((1u << 23) - 1))};
	return b.v;
}

/* Builds a long double from a sign, the stored exponent field and the 64-bit significand. */
static inline long double fp_make_ldouble(bool neg, unsigned biased, uint64_t mant)
{
	union fp_ldouble b = {.v = 0};
	b.f.mant = mant;
	b.f.sign_exp = (uint16_t)((unsigned)neg << 15 | biased);
	return b.v;
}

#endif
