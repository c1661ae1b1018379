/*
 * fmod.c - the remainder of x / y truncated toward zero (fmod, fmodf):
 * x - n y with n = trunc(x / y), which has x's sign and |r| < |y|. It is
 * always exactly representable, and computed exactly: with x = mx 2^ex
 * and y = my 2^ey (mx, my integers below 2^53), the remainder is
 * ((mx 2^(ex-ey)) mod my) 2^ey, and mx 2^(ex-ey) mod my is found by
 * long division, shifting in at most 11 bits at a time so that the
 * 64-bit remainder never overflows. x / y itself is never formed.
 */
#include <math.h>
#include "math/ext.h"

/* |x| as an integer significand *m and the exponent of its last bit (x = m 2^e). */
static int parts(double x, uint64_t *m)
{
	uint64_t u = math_bits(x);
	int be = (int)((u >> 52) & 0x7ff);
	*m = u & ((1ULL << 52) - 1);
	if (be == 0)
		return -1074; /* subnormal: no hidden bit */
	*m |= 1ULL << 52;
	return be - 1075;
}

/* fmod(x, y): exact; NaN and EDOM if x is infinite or y is 0; x if y is infinite. */
double fmod(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __math_domain();
	if (isinf(y) || x == 0)
		return x;
	if (__builtin_fabs(x) < __builtin_fabs(y))
		return x;
	uint64_t mx, my;
	int ex = parts(x, &mx), ey = parts(y, &my);
	while (ex > ey) {
		int k = ex - ey < 11 ? ex - ey : 11;
		mx = (mx % my) << k; /* < 2^53 * 2^11 */
		ex -= k;
	}
	mx %= my;
	double r = (double)ext_scale((long double)mx, ey); /* exact: the remainder is a double */
	return __builtin_copysign(r, x);
}

/* fmod in float: the double remainder is exact and so is a float. */
float fmodf(float x, float y)
{
	return (float)fmod(x, y);
}
