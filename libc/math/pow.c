/*
 * pow.c - x^y (pow, powf), with the special cases of C99's Annex F.
 *
 * For x > 0, x^y = 2^(y log2 x). The difficulty is precision: t = y log2 x
 * reaches +-1075 for results that are still finite, and an absolute error
 * e in t is a relative error e ln 2 in the result, so t must be right to
 * about 2^-64 absolute, 75 bits. log2 x is carried as hi + lo to about
 * 120 bits (log.c), multiplied by y exactly (ext.h's ext2_mul) and the
 * sum handed to __math_exp2_ext as hi + lo (exp.c).
 */
#include <math.h>
#include "math/ext.h"

/* 0 if y is not an integer, 1 if an odd integer, 2 if an even one. */
static int integer_kind(double y)
{
	double a = __builtin_fabs(y);
	if (a >= 0x1p53)
		return 2; /* every double from 2^53 on is an even integer */
	long long n = (long long)a;
	if ((double)n != a)
		return 0;
	return (n & 1) ? 1 : 2;
}

/*
 * x^y, within 1 ulp. The special cases, in the order Annex F lists them:
 * pow(x, +-0) = 1 and pow(1, y) = 1 even for NaN; a NaN otherwise gives
 * NaN; pow(+-0, y < 0) is a pole (+-inf, ERANGE); pow(-1, +-inf) = 1;
 * infinite y gives 0 or +inf by |x| against 1; infinite x by the sign
 * of y (and -inf's sign for odd integer y); a negative finite x with a
 * non-integer y has no real result (NaN, EDOM). Overflow and underflow
 * to 0 set ERANGE.
 */
double pow(double x, double y)
{
	if (y == 0 || x == 1)
		return 1.0;
	if (isnan(x) || isnan(y))
		return x + y;
	int kind = integer_kind(y);
	if (x == 0) {
		int odd = kind == 1;
		if (y < 0) {
			if (isinf(y))
				return HUGE_VAL;
			return __math_range(odd ? __builtin_copysign(HUGE_VAL, x) : HUGE_VAL);
		}
		return odd ? x : 0.0;
	}
	if (isinf(y)) {
		double a = __builtin_fabs(x);
		if (a == 1)
			return 1.0;
		return (a < 1) == (y < 0) ? HUGE_VAL : 0.0;
	}
	if (isinf(x)) {
		double r = y < 0 ? 0.0 : HUGE_VAL;
		return x < 0 && kind == 1 ? -r : r;
	}
	double sign = 1.0;
	if (x < 0) {
		if (kind == 0)
			return __math_domain();
		if (kind == 1)
			sign = -1.0;
	}

	struct ext2 l = __math_log2_ext2(x); /* log2 |x| */
	struct ext2 yy = {y, 0};
	struct ext2 t = ext2_mul(l, yy);
	if (t.hi > 1100)
		return __math_range(sign * HUGE_VAL);
	if (t.hi < -1100)
		return __math_range(sign * 0.0);
	double r = (double)(sign * __math_exp2_ext(t));
	if (r == 0 || isinf(r))
		return __math_range(r);
	return r;
}

/*
 * x^y in float: the double pow (within 1 ulp of double) rounded to float,
 * under 1 ulp of float. A result that overflows or underflows only in
 * float sets ERANGE too.
 */
float powf(float x, float y)
{
	double d = pow(x, y);
	float f = (float)d;
	if ((isinf(f) && !isinf(d)) || (f == 0 && d != 0))
		return (float)__math_range(f);
	return f;
}
