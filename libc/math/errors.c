/*
 * errors.c - how the math functions report errors: in errno, as glibc
 * does (math_errhandling is MATH_ERRNO). A domain error (an argument
 * outside the function's domain: sqrt(-1), log(-1), asin(2)) sets EDOM
 * and returns NaN; a range error (a finite argument whose result
 * overflows to infinity, or underflows to zero, or a pole: log(0)) sets
 * ERANGE and returns the infinity or zero.
 */
#include <errno.h>
#include <math.h>
#include "math/ext.h"

/* Sets errno to EDOM; returns a quiet NaN, computed (0/0) so that the invalid flag is raised too.
 */
double __math_domain(void)
{
	volatile double zero = 0.0;
	errno = EDOM;
	return zero / zero;
}

/* Sets errno to ERANGE; returns v (the overflowed infinity or underflowed zero). */
double __math_range(double v)
{
	errno = ERANGE;
	return v;
}
