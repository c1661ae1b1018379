/*
 * inverse_hyperbolic.c - asinh, acosh, atanh and their float forms, as
 * logarithms in long double:
 *   asinh x = ln(x + sqrt(x^2 + 1)),  acosh x = ln(x + sqrt(x^2 - 1)),
 *   atanh x = ln((1 + x) / (1 - x)) / 2.
 * Near 0 (and acosh near 1) the argument of ln is close to 1, where
 * ln(1 + u) loses u's low bits if 1 + u is formed: there they are written
 * as log1p of a u computed without cancellation, e.g. for asinh
 * x + sqrt(x^2 + 1) - 1 = x + x^2 / (1 + sqrt(x^2 + 1)).
 */
#include <math.h>
#include "math/ext.h"

/* asinh |x| for finite a >= 0, in long double. */
static long double asinh_ext(long double a)
{
	long double root = ext_sqrt(a * a + 1.0L);
	if (a <= 1)
		return __math_log1p_ext(a + a * a / (1.0L + root));
	return __math_log_ext(a + root);
}

/* acosh x for finite x >= 1, in long double. */
static long double acosh_ext(long double x)
{
	if (x <= 2) {
		long double t = x - 1.0L; /* exact */
		return __math_log1p_ext(t + ext_sqrt(2.0L * t + t * t));
	}
	return __math_log_ext(x + ext_sqrt(x * x - 1.0L));
}

/* atanh |x| for 0 <= a < 1, in long double. */
static long double atanh_ext(long double a)
{
	return 0.5L * __math_log1p_ext(2.0L * a / (1.0L - a));
}

/* asinh x, within 1 ulp; odd, so asinh(-0) = -0. */
double asinh(double x)
{
	if (isnan(x) || isinf(x) || x == 0)
		return x + x;
	double r = (double)asinh_ext(__builtin_fabs(x));
	return x < 0 ? -r : r;
}

/* acosh x, within 1 ulp; NaN and EDOM below 1. */
double acosh(double x)
{
	if (isnan(x))
		return x + x;
	if (x < 1)
		return __math_domain();
	if (isinf(x))
		return x;
	return (double)acosh_ext(x);
}

/* atanh x, within 1 ulp; +-inf and ERANGE at +-1 (poles), NaN and EDOM beyond. */
double atanh(double x)
{
	if (isnan(x) || x == 0)
		return x + x;
	double a = __builtin_fabs(x);
	if (a > 1)
		return __math_domain();
	if (a == 1)
		return __math_range(__builtin_copysign(HUGE_VAL, x));
	double r = (double)atanh_ext(a);
	return x < 0 ? -r : r;
}

/* asinh in float. */
float asinhf(float x)
{
	if (isnan(x) || isinf(x) || x == 0)
		return x + x;
	float r = (float)asinh_ext(__builtin_fabsf(x));
	return x < 0 ? -r : r;
}

/* acosh in float. */
float acoshf(float x)
{
	if (isnan(x))
		return x + x;
	if (x < 1)
		return (float)__math_domain();
	if (isinf(x))
		return x;
	return (float)acosh_ext(x);
}

/* atanh in float. */
float atanhf(float x)
{
	if (isnan(x) || x == 0)
		return x + x;
	float a = __builtin_fabsf(x);
	if (a > 1)
		return (float)__math_domain();
	if (a == 1)
		return (float)__math_range(__builtin_copysign(HUGE_VAL, x));
	float r = (float)atanh_ext(a);
	return x < 0 ? -r : r;
}
