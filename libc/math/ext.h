/*
 * ext.h - the math library's working precision: long double, the x87's
 * extended format (64 significant bits and a 15-bit exponent, against a
 * double's 53 and 11). Every function computes its result in long double
 * and rounds it to double once at the end, so the 11 extra bits absorb
 * the rounding errors of the range reduction and the polynomial, and the
 * wider exponent means that no intermediate overflows or underflows
 * (docs/MATH.md). Where 64 bits are not enough (pow, the reduction of
 * large arguments of sin and cos), a value is carried as a sum hi + lo of
 * two long doubles, with the classic error-free steps below.
 *
 * This relies on the x87 computing at its full 64 bits, its precision
 * control's default on Linux and on Interlude (fninit's state, which
 * every process starts with); a program that narrows it to 53 bits would
 * get results up to a few ulps off. The rounding mode is assumed to be
 * to nearest (there is no <fenv.h> to change it).
 *
 * Internal to libc/math/; the bit-level views of double and float are here too.
 */
#ifndef LIBC_MATH_EXT_H
#define LIBC_MATH_EXT_H

#include <stdint.h>

/* A value hi + lo with |lo| <= half an ulp of hi: about 128 significant bits. */
struct ext2 {
	long double hi, lo;
};

/* The 64 bits of a double (sign, 11-bit exponent, 52-bit fraction). */
static inline uint64_t math_bits(double x)
{
	union {
		double d;
		uint64_t u;
	} v = {.d = x};
	return v.u;
}

/* The double whose bits are u. */
static inline double math_double(uint64_t u)
{
	union {
		uint64_t u;
		double d;
	} v = {.u = u};
	return v.d;
}

/* The 32 bits of a float. */
static inline uint32_t math_bitsf(float x)
{
	union {
		float f;
		uint32_t u;
	} v = {.f = x};
	return v.u;
}

/* The float whose bits are u. */
static inline float math_float(uint32_t u)
{
	union {
		uint32_t u;
		float f;
	} v = {.u = u};
	return v.f;
}

/* 2^k as a long double, for -16382 <= k <= 16383 (built from its exponent field). */
static inline long double ext_pow2(int k)
{
	union {
		long double x;
		struct {
			uint64_t significand;
			uint16_t sign_exponent;
		} p;
	} v;
	v.p.significand = 1ULL << 63; /* the x87 format stores the leading 1 */
	v.p.sign_exponent = (uint16_t)(k + 16383);
	return v.x;
}

/* x * 2^k, exact: two steps if 2^k alone is out of range. */
static inline long double ext_scale(long double x, int k)
{
	if (k > 16000)
		return x * ext_pow2(16000) * ext_pow2(k - 16000);
	if (k < -16000)
		return x * ext_pow2(-16000) * ext_pow2(k + 16000);
	return x * ext_pow2(k);
}

/* The binary exponent of finite non-zero x: x = m * 2^k with 1 <= |m| < 2, returns k and sets *m.
 */
static inline int ext_frexp(long double x, long double *m)
{
	union {
		long double x;
		struct {
			uint64_t significand;
			uint16_t sign_exponent;
		} p;
	} v = {.x = x};
	int k = (v.p.sign_exponent & 0x7fff) - 16383;
	if ((v.p.sign_exponent & 0x7fff) == 0) { /* a long double subnormal: never from a double */
		v.x *= ext_pow2(100);
		k = (v.p.sign_exponent & 0x7fff) - 16383 - 100;
	}
	v.p.sign_exponent = (uint16_t)((v.p.sign_exponent & 0x8000) | 16383);
	*m = v.x;
	return k;
}

/* sqrt(x), correctly rounded to 64 bits: the x87's fsqrt instruction. */
static inline long double ext_sqrt(long double x)
{
	__asm__("fsqrt" : "+t"(x));
	return x;
}

/* The integer nearest x (halves away from zero), for |x| < 2^62. */
static inline long long ext_nearest(long double x)
{
	return (long long)(x < 0 ? x - 0.5L : x + 0.5L);
}

/* a + b exactly, as hi + lo (Knuth's two-sum: no condition on the sizes). */
static inline struct ext2 ext_two_sum(long double a, long double b)
{
	long double s = a + b;
	long double bb = s - a;
	struct ext2 r = {s, (a - (s - bb)) + (b - bb)};
	return r;
}

/* a * b exactly, as hi + lo (Dekker: each factor cut in two 32-bit halves, whose products are
 * exact). */
static inline struct ext2 ext_two_prod(long double a, long double b)
{
	const long double split = 4294967297.0L; /* 2^32 + 1 */
	long double ca = split * a, cb = split * b;
	long double ah = ca - (ca - a), al = a - ah;
	long double bh = cb - (cb - b), bl = b - bh;
	long double p = a * b;
	struct ext2 r = {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
	return r;
}

/* (a.hi + a.lo) * (b.hi + b.lo), to about 124 bits. */
static inline struct ext2 ext2_mul(struct ext2 a, struct ext2 b)
{
	struct ext2 p = ext_two_prod(a.hi, b.hi);
	long double lo = p.lo + (a.hi * b.lo + a.lo * b.hi);
	return ext_two_sum(p.hi, lo);
}

/* The math library's long double kernels (each says its range). */
long double __math_exp_ext(long double x);
long double __math_expm1_ext(long double x);
long double __math_exp2_ext(struct ext2 t);
long double __math_log_ext(long double x);
long double __math_log1p_ext(long double x);
long double __math_log_mantissa(long double x, int *k);
struct ext2 __math_log2_ext2(double x);
int __math_rem_pio2(double x, struct ext2 *r);
long double __math_sin_kernel(struct ext2 r);
long double __math_cos_kernel(struct ext2 r);
long double __math_atan_ext(long double x);

/* errno for the math functions: EDOM returns NaN; ERANGE returns its argument. */
double __math_domain(void);
double __math_range(double v);

#endif
