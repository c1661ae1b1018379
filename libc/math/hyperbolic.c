/*
 * hyperbolic.c - sinh, cosh, tanh and their float forms, from e^x in
 * long double (exp.c). sinh x = (e^x - e^-x)/2 cancels for small x, so
 * there the Taylor series is summed instead (nested, like sin's, to
 * x^21/21!); tanh x = (e^2x - 1)/(e^2x + 1) uses e^2x - 1 from expm1,
 * which keeps its relative precision near 0.
 */
#include <math.h>
#include "math/ext.h"

/* sinh |x| for |x| <= 1000, in long double. */
static long double sinh_ext(long double a)
{
	if (a < 1) {
		long double z = a * a, p = 1.0L;
		for (int k = 20; k >= 2; k -= 2)
			p = 1.0L + p * z / (long double)(k * (k + 1));
		return a * p;
	}
	long double e = __math_exp_ext(a);
	return (e - 1.0L / e) * 0.5L;
}

/* cosh |x| for |x| <= 1000: (e^x + e^-x)/2 has no cancellation. */
static long double cosh_ext(long double a)
{
	long double e = __math_exp_ext(a);
	return (e + 1.0L / e) * 0.5L;
}

/* tanh x for any finite x: +-1 from |x| = 40 on, where 1 - tanh |x| < 2^-115. */
static long double tanh_ext(long double x)
{
	long double a = x < 0 ? -x : x, t;
	if (a > 40)
		t = 1.0L;
	else {
		long double m = __math_expm1_ext(2.0L * a);
		t = m / (m + 2.0L);
	}
	return x < 0 ? -t : t;
}

/* sinh x, within 1 ulp; +-inf and ERANGE beyond +-710.48. */
double sinh(double x)
{
	if (isnan(x) || isinf(x) || x == 0)
		return x + x;
	double a = __builtin_fabs(x);
	double r = a > 1000 ? HUGE_VAL : (double)sinh_ext(a);
	if (isinf(r))
		r = __math_range(r);
	return x < 0 ? -r : r;
}

/* cosh x, within 1 ulp; +inf and ERANGE beyond +-710.48. */
double cosh(double x)
{
	if (isnan(x))
		return x + x;
	double a = __builtin_fabs(x);
	if (isinf(a))
		return a;
	double r = a > 1000 ? HUGE_VAL : (double)cosh_ext(a);
	return isinf(r) ? __math_range(r) : r;
}

/* tanh x, within 1 ulp; +-1 for +-inf. */
double tanh(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? 1.0 : -1.0;
	return (double)tanh_ext(x);
}

/* sinh x in float. */
float sinhf(float x)
{
	if (isnan(x) || isinf(x) || x == 0)
		return x + x;
	float a = __builtin_fabsf(x);
	float r = a > 1000 ? HUGE_VALF : (float)sinh_ext(a);
	if (isinf(r))
		r = (float)__math_range(r);
	return x < 0 ? -r : r;
}

/* cosh x in float. */
float coshf(float x)
{
	if (isnan(x))
		return x + x;
	float a = __builtin_fabsf(x);
	if (isinf(a))
		return a;
	float r = a > 1000 ? HUGE_VALF : (float)cosh_ext(a);
	return isinf(r) ? (float)__math_range(r) : r;
}

/* tanh x in float. */
float tanhf(float x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? 1.0f : -1.0f;
	return (float)tanh_ext(x);
}
