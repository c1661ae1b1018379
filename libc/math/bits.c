/*
 * bits.c - the functions that only look at or move a double's fields:
 * fabs, copysign, fmin, fmax, fdim, frexp, ldexp, scalbn, modf, nextafter,
 * ilogb, logb, and their
 * float forms. They are exact: no rounding except where a result is too
 * small for a normal double (ldexp into the subnormals rounds once).
 */
#include <math.h>
#include "math/ext.h"

/* |x|: the sign bit cleared (so fabs(-0) = +0 and fabs(-NaN) is a NaN with the sign cleared). */
double fabs(double x)
{
	return math_double(math_bits(x) & ~(1ULL << 63));
}

/* |x| with y's sign bit. */
double copysign(double x, double y)
{
	return math_double((math_bits(x) & ~(1ULL << 63)) | (math_bits(y) & (1ULL << 63)));
}

/* Whether x is a signaling NaN (a NaN whose quiet bit, the fraction's top bit, is clear). */
static int signaling(double x)
{
	return isnan(x) && !(math_bits(x) & (1ULL << 51));
}

/* The smaller of x and y; if one is a quiet NaN, the other (C99 F.9.9.3); a signaling NaN gives
 * NaN. */
double fmin(double x, double y)
{
	if (signaling(x) || signaling(y))
		return x + y;
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	return x < y ? x : y;
}

/* The larger of x and y; NaNs as fmin. */
double fmax(double x, double y)
{
	if (signaling(x) || signaling(y))
		return x + y;
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	return x > y ? x : y;
}

/*
 * x = m 2^*e with 0.5 <= |m| < 1: returns m. For 0, inf and NaN returns x
 * and sets *e to 0. A subnormal x is first scaled by 2^64 into the normals.
 */
double frexp(double x, int *e)
{
	uint64_t u = math_bits(x);
	int be = (int)((u >> 52) & 0x7ff);
	*e = 0;
	if (be == 0x7ff || x == 0)
		return x;
	if (be == 0) {
		x *= 0x1p64;
		u = math_bits(x);
		be = (int)((u >> 52) & 0x7ff);
		*e = -64;
	}
	*e += be - 1022;
	return math_double((u & ~(0x7ffULL << 52)) | (1022ULL << 52));
}

/*
 * x * 2^n, rounded once (only a subnormal result needs it): the product
 * is exact in long double. Overflow to inf and underflow to 0 set ERANGE
 * (glibc), a subnormal result does not.
 */
double scalbn(double x, int n)
{
	if (x == 0 || isinf(x) || isnan(x))
		return x + x;
	if (n > 5000)
		n = 5000; /* past any overflow, inside long double's range */
	if (n < -5000)
		n = -5000;
	double r = (double)ext_scale(x, n);
	if (r == 0 || isinf(r))
		return __math_range(r);
	return r;
}

/* x * 2^n: scalbn (the same for binary floating point). */
double ldexp(double x, int n)
{
	return scalbn(x, n);
}

/* The positive difference: x - y if x > y, else +0; NaN if either is; ERANGE if x - y overflows. */
double fdim(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (!(x > y))
		return 0.0;
	double d = x - y;
	return isinf(d) && !isinf(x) && !isinf(y) ? __math_range(d) : d;
}

/*
 * The next double after x in the direction of y (y itself if equal; NaN
 * if either is NaN). Doubles of one sign are ordered as their bit
 * patterns are, so the step is +-1 on the integer view: away from zero
 * adds 1, toward zero subtracts 1; from +-0 the step is to the smallest
 * subnormal of y's sign. ERANGE when the result overflows to infinity or
 * is subnormal or zero (glibc).
 */
double nextafter(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	uint64_t u = math_bits(x);
	if (x == 0)
		u = (math_bits(y) & (1ULL << 63)) | 1;
	else if ((x < y) == (x > 0))
		u++; /* away from zero */
	else
		u--;
	double r = math_double(u);
	if (isinf(r) || __builtin_fabs(r) < 0x1p-1022)
		return __math_range(r);
	return r;
}

/* nextafter in float. */
float nextafterf(float x, float y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	uint32_t u = math_bitsf(x);
	if (x == 0)
		u = (math_bitsf(y) & (1U << 31)) | 1;
	else if ((x < y) == (x > 0))
		u++;
	else
		u--;
	float r = math_float(u);
	if (isinf(r) || __builtin_fabsf(r) < 0x1p-126f)
		return (float)__math_range(r);
	return r;
}

/*
 * The binary exponent of x as an int: floor(log2 |x|), also for
 * subnormals. For 0 FP_ILOGB0 (INT_MIN), for NaN FP_ILOGBNAN (INT_MIN),
 * for inf INT_MAX, each with EDOM, as glibc.
 */
int ilogb(double x)
{
	if (x == 0 || isnan(x) || isinf(x)) {
		__math_domain();
		return isinf(x) ? 0x7fffffff : -0x7fffffff - 1;
	}
	int e;
	frexp(x, &e);
	return e - 1;
}

/* The binary exponent of x as a double: -inf and ERANGE for 0 (a pole), +inf for +-inf, NaN for
 * NaN. */
double logb(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return __builtin_fabs(x);
	if (x == 0)
		return -HUGE_VAL;
	int e;
	frexp(x, &e);
	return e - 1;
}

/* Splits x into an integer part (*ip, with x's sign) and the fraction, returned with x's sign. */
double modf(double x, double *ip)
{
	if (isnan(x)) {
		*ip = x + x;
		return *ip;
	}
	*ip = trunc(x);
	if (isinf(x))
		return __builtin_copysign(0.0, x);
	return __builtin_copysign(x - *ip, x); /* exact; copysign keeps -0 for negative integers */
}

/* The float forms. */
float fabsf(float x)
{
	return math_float(math_bitsf(x) & ~(1U << 31));
}

/* copysign in float. */
float copysignf(float x, float y)
{
	return math_float((math_bitsf(x) & ~(1U << 31)) | (math_bitsf(y) & (1U << 31)));
}

/* Whether x is a signaling NaN, in float. */
static int signalingf(float x)
{
	return isnan(x) && !(math_bitsf(x) & (1U << 22));
}

/* fmin in float. */
float fminf(float x, float y)
{
	if (signalingf(x) || signalingf(y))
		return x + y;
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	return x < y ? x : y;
}

/* fmax in float. */
float fmaxf(float x, float y)
{
	if (signalingf(x) || signalingf(y))
		return x + y;
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	return x > y ? x : y;
}

/* frexp in float: every float is a normal double. */
float frexpf(float x, int *e)
{
	return (float)frexp(x, e);
}

/* ldexp in float: rounded once, from the exact long double product. */
float ldexpf(float x, int n)
{
	if (x == 0 || isinf(x) || isnan(x))
		return x + x;
	if (n > 5000)
		n = 5000;
	if (n < -5000)
		n = -5000;
	float r = (float)ext_scale(x, n);
	if (r == 0 || isinf(r))
		return (float)__math_range(r);
	return r;
}

/* scalbn in float. */
float scalbnf(float x, int n)
{
	return ldexpf(x, n);
}

/* modf in float. */
float modff(float x, float *ip)
{
	double di;
	float f = (float)modf(x, &di);
	*ip = (float)di;
	return f;
}
