/*
 * sqrt.c - the square root (sqrt, sqrtf): one SSE2 instruction each,
 * sqrtsd and sqrtss, which IEEE 754 requires to be correctly rounded (so
 * the result is exact to half an ulp). Only the error case is C's:
 * a negative argument (not -0) sets EDOM.
 */
#include <math.h>
#include "math/ext.h"

/* sqrt x, correctly rounded; sqrt(-0) = -0; NaN and EDOM for x < 0. */
double sqrt(double x)
{
	if (x < 0)
		return __math_domain();
	__asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
	return x;
}

/* sqrt x in float, correctly rounded. */
float sqrtf(float x)
{
	if (x < 0)
		return (float)__math_domain();
	__asm__("sqrtss %1, %0" : "=x"(x) : "x"(x));
	return x;
}
