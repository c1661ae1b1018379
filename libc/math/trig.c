/*
 * trig.c - sin, cos, tan, sincos and their float forms.
 *
 * x = n pi/2 + r, |r| <= pi/4 (rem_pio2.c), then by n mod 4 the answer is
 * +-sin r or +-cos r (tan: sin r / cos r, or -cos r / sin r). On
 * |r| <= pi/4 the Taylor series converge fast: sin r to r^21/21! and
 * cos r to r^20/20! leave errors under 2^-70. They are written nested,
 * sin r = r (1 - r^2/(2*3) (1 - r^2/(4*5) (1 - ...))), so that each
 * step's error stays relative. r comes as hi + lo; lo (under 2^-64 of
 * hi) enters through the first derivative: sin(hi + lo) = sin hi + lo cos hi.
 * The reduction is exact for every finite double, so sin, cos and tan are
 * within 1 ulp over the whole range (measured: docs/MATH.md).
 */
#include <math.h>
#include "math/ext.h"

#define STEPS 10

/* 1/(k(k+1)) for k = 1..2 STEPS: the ratios of successive Taylor terms, computed by the compiler.
 */
static const long double ratio[2 * STEPS + 1] = {
    0,
    1.0L / (1 * 2),
    1.0L / (2 * 3),
    1.0L / (3 * 4),
    1.0L / (4 * 5),
    1.0L / (5 * 6),
    1.0L / (6 * 7),
    1.0L / (7 * 8),
    1.0L / (8 * 9),
    1.0L / (9 * 10),
    1.0L / (10 * 11),
    1.0L / (11 * 12),
    1.0L / (12 * 13),
    1.0L / (13 * 14),
    1.0L / (14 * 15),
    1.0L / (15 * 16),
    1.0L / (16 * 17),
    1.0L / (17 * 18),
    1.0L / (18 * 19),
    1.0L / (19 * 20),
    1.0L / (20 * 21),
};

/* sin r for |r| <= pi/4 + a little, to about 64 bits relative. */
long double __math_sin_kernel(struct ext2 r)
{
	long double z = r.hi * r.hi, p = 1.0L;
	for (int k = 2 * STEPS; k >= 2; k -= 2)
		p = 1.0L - p * z * ratio[k];
	return r.lo != 0 ? r.hi * p + r.lo : r.hi * p; /* adding a 0 would turn sin(-0) into +0 */
}

/* cos r for |r| <= pi/4 + a little, to about 64 bits. */
long double __math_cos_kernel(struct ext2 r)
{
	long double z = r.hi * r.hi, p = 1.0L;
	for (int k = 2 * STEPS - 1; k >= 1; k -= 2)
		p = 1.0L - p * z * ratio[k];
	return p - r.hi * r.lo;
}

/* sin x and cos x of a finite x, in long double. */
static void sincos_ext(double x, long double *s, long double *c)
{
	struct ext2 r;
	int n = __math_rem_pio2(x, &r);
	long double sr = __math_sin_kernel(r), cr = __math_cos_kernel(r);
	switch (n) {
	case 0: *s = sr, *c = cr; break;
	case 1: *s = cr, *c = -sr; break;
	case 2: *s = -sr, *c = -cr; break;
	default: *s = -cr, *c = sr; break;
	}
}

/* tan x of a finite x, in long double. */
static long double tan_ext(double x)
{
	struct ext2 r;
	int n = __math_rem_pio2(x, &r);
	long double sr = __math_sin_kernel(r), cr = __math_cos_kernel(r);
	return (n & 1) ? -cr / sr : sr / cr;
}

/* sin x, within 1 ulp for every finite x; NaN and EDOM for +-inf. */
double sin(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return __math_domain();
	long double s, c;
	sincos_ext(x, &s, &c);
	return (double)s;
}

/* cos x, within 1 ulp for every finite x; NaN and EDOM for +-inf. */
double cos(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return __math_domain();
	long double s, c;
	sincos_ext(x, &s, &c);
	return (double)c;
}

/* tan x, within 1 ulp for every finite x; NaN and EDOM for +-inf. */
double tan(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return __math_domain();
	return (double)tan_ext(x);
}

/* Both sin x and cos x for one reduction (GNU; a compiler may turn sin and cos of one x into it).
 */
void sincos(double x, double *s, double *c)
{
	if (isnan(x) || isinf(x)) {
		*s = *c = isnan(x) ? x + x : __math_domain();
		return;
	}
	long double ls, lc;
	sincos_ext(x, &ls, &lc);
	*s = (double)ls, *c = (double)lc;
}

/* sin x in float. */
float sinf(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return (float)__math_domain();
	long double s, c;
	sincos_ext(x, &s, &c);
	return (float)s;
}

/* cos x in float. */
float cosf(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return (float)__math_domain();
	long double s, c;
	sincos_ext(x, &s, &c);
	return (float)c;
}

/* tan x in float. */
float tanf(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return (float)__math_domain();
	return (float)tan_ext(x);
}

/* sin x and cos x in float. */
void sincosf(float x, float *s, float *c)
{
	if (isnan(x) || isinf(x)) {
		*s = *c = isnan(x) ? x + x : (float)__math_domain();
		return;
	}
	long double ls, lc;
	sincos_ext(x, &ls, &lc);
	*s = (float)ls, *c = (float)lc;
}
