/*
 * exp.c - e^x, 2^x and e^x - 1 (exp, exp2, expm1 and their float forms).
 *
 * The range reduction: with k the integer nearest x/ln 2 and
 * r = x - k ln 2, e^x = 2^k e^r and |r| <= ln 2 / 2 (0.347). k ln 2 is
 * subtracted in two parts, a 40-bit head whose product with k is exact,
 * then a 64-bit tail, so r carries about 100 correct bits of ln 2 (Cody
 * and Waite's idea). e^r is the Taylor series to r^16/16!, whose first
 * neglected term is under 2^-67 of the sum, written as nested products,
 * 1 + r(1 + r/2 (1 + r/3 (1 + ...))), in which every step adds to 1.
 * Multiplying by 2^k is exact in long double, and the one rounding to
 * double is the last step, also for results in the double subnormals.
 * The constants: tools/math-constants.py.
 */
#include <math.h>
#include "math/ext.h"

#define LN2_HI40 0x1.62e42fefa2p-1L
#define LN2_LO40 0x1.9ef35793c7673008p-41L
#define LN2_HI 0x1.62e42fefa39ef358p-1L
#define LN2_LO -0x1.b0e2633fe0684a86p-67L
#define INV_LN2 0x1.71547652b82fe178p+0L
#define TERMS 16

/* 1/n for the series' steps, computed by the compiler in long double. */
static const long double inverse[TERMS + 1] = {
    0,	      1.0L,	 1.0L / 2,  1.0L / 3,  1.0L / 4,  1.0L / 5,  1.0L / 6,	1.0L / 7,  1.0L / 8,
    1.0L / 9, 1.0L / 10, 1.0L / 11, 1.0L / 12, 1.0L / 13, 1.0L / 14, 1.0L / 15, 1.0L / 16,
};

/* e^r - 1 for |r| <= 0.35, to 64 bits relative: the series without its leading 1. */
static long double expm1_small(long double r)
{
	long double p = 1.0L;
	for (int n = TERMS; n >= 2; n--)
		p = 1.0L + p * r * inverse[n];
	return p * r;
}

/* e^x for |x| < 11000 (any result a long double holds), to about 63 bits. */
long double __math_exp_ext(long double x)
{
	long long k = ext_nearest(x * INV_LN2);
	long double r = (x - (long double)k * LN2_HI40) - (long double)k * LN2_LO40;
	return ext_scale(1.0L + expm1_small(r), (int)k);
}

/* e^x - 1 for |x| < 11000, to about 63 bits relative even near 0, where e^x - 1 would cancel. */
long double __math_expm1_ext(long double x)
{
	if (x > -0.35L && x < 0.35L)
		return expm1_small(x);
	return __math_exp_ext(x) - 1.0L;
}

/*
 * 2^(t.hi + t.lo) for |t.hi| < 16000: the integer part n is split off
 * exactly, and the fraction f (|f| <= 1/2) becomes e^(f ln 2), with f
 * and ln 2 each carried to about 128 bits (pow needs them: its t can
 * reach 1075, and an error of 2^-64 in t would be 2^-54 in the result).
 */
long double __math_exp2_ext(struct ext2 t)
{
	long long n = ext_nearest(t.hi);
	struct ext2 f = ext_two_sum(t.hi - (long double)n, t.lo);
	struct ext2 ln2 = {LN2_HI, LN2_LO};
	struct ext2 r = ext2_mul(f, ln2);
	/* e^(r.hi + r.lo) = e^r.hi (1 + r.lo), r.lo being below 2^-64 */
	long double m = expm1_small(r.hi);
	return ext_scale(1.0L + (m + r.lo * (1.0L + m)), (int)n);
}

/* The double nearest v, with ERANGE when a finite argument's result overflowed or became 0. */
static double finish(long double v)
{
	double d = (double)v;
	if (d == 0 || isinf(d))
		return __math_range(d);
	return d;
}

/* e^x, within 1 ulp: +inf and ERANGE above 709.78, 0 and ERANGE below -745.13. */
double exp(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : 0.0;
	if (x > 1000)
		return __math_range(HUGE_VAL);
	if (x < -1000)
		return __math_range(0.0);
	return finish(__math_exp_ext(x));
}

/* 2^x, within 1 ulp; exact for integer x. Errors as exp. */
double exp2(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : 0.0;
	if (x > 2000)
		return __math_range(HUGE_VAL);
	if (x < -2000)
		return __math_range(0.0);
	struct ext2 t = {x, 0};
	return finish(__math_exp2_ext(t));
}

/* e^x - 1, within 1 ulp, also for tiny x; -1 for very negative x; ERANGE on overflow. */
double expm1(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : -1.0;
	if (x > 1000)
		return __math_range(HUGE_VAL);
	if (x < -100)
		return -1.0; /* e^x is below half an ulp of 1 */
	double d = (double)__math_expm1_ext(x);
	return isinf(d) ? __math_range(d) : d;
}

/* The float forms: the long double result rounded to float once. */
float expf(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : 0.0f;
	if (x > 1000 || x < -1000)
		return (float)__math_range(x > 0 ? HUGE_VAL : 0.0);
	float f = (float)__math_exp_ext(x);
	return f == 0 || isinf(f) ? (float)__math_range(f) : f;
}

/* 2^x in float. */
float exp2f(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : 0.0f;
	if (x > 2000 || x < -2000)
		return (float)__math_range(x > 0 ? HUGE_VAL : 0.0);
	struct ext2 t = {x, 0};
	float f = (float)__math_exp2_ext(t);
	return f == 0 || isinf(f) ? (float)__math_range(f) : f;
}

/* e^x - 1 in float. */
float expm1f(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : -1.0f;
	if (x > 1000)
		return (float)__math_range(HUGE_VAL);
	if (x < -100)
		return -1.0f;
	float f = (float)__math_expm1_ext(x);
	return isinf(f) ? (float)__math_range(f) : f;
}
