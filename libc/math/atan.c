/*
 * atan.c - the inverse trigonometric functions: atan, atan2, asin, acos
 * and their float forms, all from one kernel, atan in long double.
 *
 * atan's series, z - z^3/3 + z^5/5 - ..., converges slowly near 1, so
 * the argument is first made small: for |x| > 1, atan x = pi/2 - atan(1/x);
 * then twice the half-angle identity atan x = 2 atan(x / (1 + sqrt(1 + x^2)))
 * brings |x| <= 1 down to tan(pi/16) = 0.199, where 14 terms leave an
 * error under 2^-66. asin x = atan(x / sqrt((1-x)(1+x))) and
 * acos x = 2 atan(sqrt((1-x)/(1+x))), with (1-x)(1+x) rather than 1 - x^2,
 * which would lose the low bits near +-1. The constants: tools/math-constants.py.
 */
#include <math.h>
#include "math/ext.h"

#define PI_HI 0x1.921fb54442d1846ap+1L
#define PI_LO -0x1.d9cceba3f91f1976p-65L
#define PIO2_HI 0x1.921fb54442d1846ap+0L
#define PIO2_LO -0x1.d9cceba3f91f1976p-66L
#define PIO4_HI 0x1.921fb54442d1846ap-1L
#define TERMS 14

/* 1/(2n+1), n = 0..TERMS-1. */
static const long double odd_inverse[TERMS] = {
    1.0L,      1.0L / 3,  1.0L / 5,  1.0L / 7,	1.0L / 9,  1.0L / 11, 1.0L / 13,
    1.0L / 15, 1.0L / 17, 1.0L / 19, 1.0L / 21, 1.0L / 23, 1.0L / 25, 1.0L / 27,
};

/* atan z for |z| <= 0.2: z (1 - z^2/3 + z^4/5 - ...), to 64 bits relative. */
static long double atan_series(long double z)
{
	long double w = z * z, p = odd_inverse[TERMS - 1];
	for (int n = TERMS - 2; n >= 0; n--)
		p = odd_inverse[n] - w * p;
	return z * p;
}

/* atan x for any long double x (+-inf gives +-pi/2), to about 63 bits. */
long double __math_atan_ext(long double x)
{
	long double a = x < 0 ? -x : x;
	int inverted = a > 1;
	if (inverted)
		a = 1.0L / a;
	for (int i = 0; i < 2; i++)
		a = a / (1.0L + ext_sqrt(1.0L + a * a));
	long double t = 4.0L * atan_series(a);
	if (inverted)
		t = (PIO2_HI - t) + PIO2_LO;
	return x < 0 ? -t : t;
}

/* atan x, within 1 ulp; +-pi/2 for +-inf. */
double atan(double x)
{
	if (isnan(x))
		return x + x;
	return (double)__math_atan_ext(x);
}

/*
 * The angle of the point (x, y), in [-pi, pi], as long double: the cases
 * of Annex F with zeros and infinities (atan2(+-0, -0) = +-pi,
 * atan2(+-inf, -inf) = +-3pi/4, ...) follow from the quadrant rules
 * below once an infinite pair is taken as the diagonal.
 */
static long double atan2_ext(double y, double x)
{
	long double ay = __builtin_fabs(y), ax = __builtin_fabs(x), q;
	if (isinf(y) && isinf(x))
		q = PIO4_HI;
	else if (ay == 0 && ax == 0)
		q = 0;
	else
		q = __math_atan_ext(ay / ax); /* y / 0 = inf: pi/2 */
	if (__builtin_signbit(x))
		q = (PI_HI - q) + PI_LO; /* the left half-plane, also for x = -0 */
	return __builtin_signbit(y) ? -q : q;
}

/* atan2(y, x), within 1 ulp; NaN if either is NaN; ERANGE if y != 0 underflowed to 0 (glibc). */
double atan2(double y, double x)
{
	if (isnan(x) || isnan(y))
		return x + y;
	double r = (double)atan2_ext(y, x);
	if (r == 0 && y != 0 && !isinf(x))
		return __math_range(r);
	return r;
}

/* asin x, within 1 ulp; NaN and EDOM outside [-1, 1]. */
double asin(double x)
{
	if (isnan(x))
		return x + x;
	if (x > 1 || x < -1)
		return __math_domain();
	return (double)__math_atan_ext(x / ext_sqrt((1.0L - x) * (1.0L + x)));
}

/* acos x, within 1 ulp; NaN and EDOM outside [-1, 1]. */
double acos(double x)
{
	if (isnan(x))
		return x + x;
	if (x > 1 || x < -1)
		return __math_domain();
	return (double)(2.0L * __math_atan_ext(ext_sqrt((1.0L - x) / (1.0L + x))));
}

/* atan x in float. */
float atanf(float x)
{
	if (isnan(x))
		return x + x;
	return (float)__math_atan_ext(x);
}

/* atan2(y, x) in float. */
float atan2f(float y, float x)
{
	if (isnan(x) || isnan(y))
		return x + y;
	float r = (float)atan2_ext(y, x);
	if (r == 0 && y != 0 && !isinf(x))
		return (float)__math_range(r);
	return r;
}

/* asin x in float. */
float asinf(float x)
{
	if (isnan(x))
		return x + x;
	if (x > 1 || x < -1)
		return (float)__math_domain();
	return (float)__math_atan_ext(x / ext_sqrt((1.0L - x) * (1.0L + x)));
}

/* acos x in float. */
float acosf(float x)
{
	if (isnan(x))
		return x + x;
	if (x > 1 || x < -1)
		return (float)__math_domain();
	return (float)(2.0L * __math_atan_ext(ext_sqrt((1.0L - x) / (1.0L + x))));
}
