/*
 * hypot.c - sqrt(x^2 + y^2) (hypot, hypotf) and the cube root (cbrt, cbrtf).
 *
 * hypot: in long double the squares of any two doubles neither overflow
 * nor underflow, so the textbook formula is right as it stands (the
 * usual scaling by the larger argument is for a double-only sum); its
 * relative error, about 2^-63, is far below double's half ulp.
 * cbrt: e^(ln x / 3) gives about 56 correct bits, one Newton step for
 * y^3 = x, y <- y - (y^3 - x) / (3 y^2), doubles that to the 64 of long double.
 */
#include <math.h>
#include "math/ext.h"

/* sqrt(x^2 + y^2), within 1 ulp: +inf if either is infinite (even with a NaN), ERANGE on overflow.
 */
double hypot(double x, double y)
{
	if (isinf(x) || isinf(y))
		return HUGE_VAL;
	if (isnan(x) || isnan(y))
		return x + y;
	long double lx = x, ly = y;
	double r = (double)ext_sqrt(lx * lx + ly * ly);
	return isinf(r) ? __math_range(r) : r;
}

/* hypot in float. */
float hypotf(float x, float y)
{
	if (isinf(x) || isinf(y))
		return HUGE_VALF;
	if (isnan(x) || isnan(y))
		return x + y;
	long double lx = x, ly = y;
	float r = (float)ext_sqrt(lx * lx + ly * ly);
	return isinf(r) ? (float)__math_range(r) : r;
}

/* The cube root of |a| for finite a > 0, in long double. */
static long double cbrt_ext(long double a)
{
	long double y = __math_exp_ext(__math_log_ext(a) / 3.0L);
	return y - (y * y * y - a) / (3.0L * y * y);
}

/* The real cube root of x (negative for negative x), within 1 ulp; exact for exact cubes. */
double cbrt(double x)
{
	if (isnan(x) || isinf(x) || x == 0)
		return x + x;
	double r = (double)cbrt_ext(__builtin_fabs(x));
	return x < 0 ? -r : r;
}

/* cbrt in float. */
float cbrtf(float x)
{
	if (isnan(x) || isinf(x) || x == 0)
		return x + x;
	float r = (float)cbrt_ext(__builtin_fabsf(x));
	return x < 0 ? -r : r;
}
