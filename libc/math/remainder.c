/*
 * remainder.c - IEEE 754's remainder, remainder(x, y) = x - n y with n
 * the integer nearest x / y (ties to the even one), so |r| <= |y|/2; and
 * remquo, which also gives the low three bits of n with the sign of x / y
 * (for reducing an angle to an octant, say). Both are exact.
 *
 * With a = |x| and b = |y|: fmod(a, 8b) is exact (fmod.c) and has the
 * same remainder and the same n mod 8 as a; the at most seven b's left in
 * it are taken off one by one in long double, exactly (all the values are
 * multiples of b's last bit and below 8b: 56 bits at most), which counts
 * n mod 8; a last step rounds to nearest, even on a tie.
 */
#include <math.h>
#include "math/ext.h"

/* The remainder for finite x and non-zero finite y, *quo the low 3 bits of n with the sign of x/y.
 */
static double exact_remquo(double x, double y, int *quo)
{
	double a = __builtin_fabs(x), b = __builtin_fabs(y);
	long double r =
	    b < 0x1p1021 ? fmod(a, 8 * b) : a; /* else 8b overflows, and a < 8b already */
	int q = 0;
	while (r >= b) {
		r -= b;
		q++;
	}
	if (2 * r > b || (2 * r == b && (q & 1))) {
		r -= b;
		q++;
	}
	*quo = !__builtin_signbit(x) != !__builtin_signbit(y)
		   ? -q
		   : q;	      /* 0..8, as glibc: congruent to n mod 8 */
	double d = (double)r; /* exact */
	return __builtin_signbit(x) ? -d : d;
}

/* remainder(x, y), exact; NaN and EDOM if x is infinite or y is 0; x if y is infinite. */
double remainder(double x, double y)
{
	int q;
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __math_domain();
	if (isinf(y))
		return x;
	return exact_remquo(x, y, &q);
}

/* remainder(x, y) and, in *quo, n mod 8 with the sign of x / y (0 for the error cases). */
double remquo(double x, double y, int *quo)
{
	*quo = 0;
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __math_domain();
	if (isinf(y))
		return x;
	return exact_remquo(x, y, quo);
}
