/*
 * round.c - rounding to an integer value: trunc, floor, ceil, round and
 * their float forms, by clearing the fraction bits of the representation;
 * rint, nearbyint, lrint, llrint, rintf, in the current rounding mode.
 * (SSE4.1's roundsd would do it in one instruction, but QEMU's default
 * CPU model lacks SSE4.1.) A double with exponent e (1 <= |x| < 2^(e+1))
 * has 52 - e fraction bits below its binary point; from e = 52 on every
 * double is an integer, and below e = 0 the integer part is 0.
 */
#include <math.h>
#include "math/ext.h"

/* x rounded toward zero. +-0, +-inf and NaN are their own results. */
double trunc(double x)
{
	uint64_t u = math_bits(x);
	int e = (int)((u >> 52) & 0x7ff) - 1023;
	if (e >= 52)
		return isnan(x) ? x + x : x; /* an integer or an infinity (a NaN made quiet) */
	if (e < 0)
		return math_double(u & (1ULL << 63)); /* +-0 */
	return math_double(u & ~((1ULL << (52 - e)) - 1));
}

/* The largest integer value <= x. */
double floor(double x)
{
	double t = trunc(x);
	return x < t ? t - 1.0 : t; /* only a negative non-integer was rounded up */
}

/* The smallest integer value >= x. */
double ceil(double x)
{
	double t = trunc(x);
	return x > t ? t + 1.0 : t;
}

/* x rounded to the nearest integer value, halves away from zero (round(2.5) = 3, round(-0.5) = -1).
 */
double round(double x)
{
	double a = __builtin_fabs(x), t = trunc(a);
	if (a - t >= 0.5) /* exact: a - t is a's fraction */
		t += 1.0;
	return __builtin_copysign(t, x);
}

/* The float forms, on the float's 23 fraction bits. */
float truncf(float x)
{
	uint32_t u = math_bitsf(x);
	int e = (int)((u >> 23) & 0xff) - 127;
	if (e >= 23)
		return isnan(x) ? x + x : x;
	if (e < 0)
		return math_float(u & (1U << 31));
	return math_float(u & ~((1U << (23 - e)) - 1));
}

/* floor in float. */
float floorf(float x)
{
	float t = truncf(x);
	return x < t ? t - 1.0f : t;
}

/* ceil in float. */
float ceilf(float x)
{
	float t = truncf(x);
	return x > t ? t + 1.0f : t;
}

/* round in float. */
float roundf(float x)
{
	float a = __builtin_fabsf(x), t = truncf(a);
	if (a - t >= 0.5f)
		t += 1.0f;
	return __builtin_copysignf(t, x);
}

/* round(x) as a long (what C leaves undefined, out of range, is LONG_MIN here, as on x86). */
long lround(double x)
{
	return (long)round(x);
}

/* round(x) as a long long. */
long long llround(double x)
{
	return (long long)round(x);
}

/*
 * x rounded to an integer value in the current rounding mode (to nearest,
 * ties to even, unless the program changed it): adding and subtracting
 * 2^52 with x's sign pushes the fraction bits out of the significand, so
 * the hardware rounds them in its mode. nearbyint is the same here (C
 * says it must not raise the inexact flag; this libc reports errors in
 * errno only, not in the flags).
 */
double rint(double x)
{
	if (!(__builtin_fabs(x) < 0x1p52))
		return isnan(x) ? x + x : x; /* already an integer, or inf, or NaN (made quiet) */
	double big = __builtin_copysign(0x1p52, x);
	return __builtin_copysign((x + big) - big, x); /* copysign: rint(-0.3) = -0 */
}

/* rint(x): the same rounding. */
double nearbyint(double x)
{
	return rint(x);
}

/* rint(x) as a long. */
long lrint(double x)
{
	return (long)rint(x);
}

/* rint(x) as a long long. */
long long llrint(double x)
{
	return (long long)rint(x);
}

/* rint in float, with 2^23. */
float rintf(float x)
{
	if (!(__builtin_fabsf(x) < 0x1p23f))
		return isnan(x) ? x + x : x;
	float big = __builtin_copysignf(0x1p23f, x);
	return __builtin_copysignf((x + big) - big, x);
}
