/*
 * log.c - logarithms: log, log2, log10, log1p and their float forms.
 *
 * The range reduction: x = 2^k m with sqrt(2)/2 <= m < sqrt(2), so
 * log x = k ln 2 + log m and |log m| <= ln 2 / 2. With s = (m-1)/(m+1)
 * (|s| <= 0.172), log m = 2 atanh s = 2 (s + s^3/3 + s^5/5 + ...), a
 * series in s^2 <= 0.0295 of which 13 terms leave an error under 2^-67.
 * m - 1 and m + 1 are exact, so s is good to 64 bits. pow needs log2 x
 * to about 120 bits; __math_log2_ext2 gets them by carrying s and the
 * first term of the series as hi + lo pairs (ext.h): the rest of the
 * series is under 1/100 of the sum, so its 64 bits suffice.
 * The constants: tools/math-constants.py.
 */
#include <math.h>
#include "math/ext.h"

#define LN2_HI 0x1.62e42fefa39ef358p-1L
#define LN2_LO -0x1.b0e2633fe0684a86p-67L
#define INV_LN2_HI 0x1.71547652b82fe178p+0L
#define INV_LN2_LO -0x1.05e004be5b8b05dcp-65L
#define INV_LN10 0x1.bcb7b1526e50e32ap-2L
#define LOG10_2_HI 0x1.34413509f79fef32p-2L
#define LOG10_2_LO -0x1.c1da994fd20dba20p-67L
/* sqrt(2), to 64 bits: m is kept below it (exactly where to switch does not matter) */
#define SQRT2 0x1.6a09e667f3bcc908p+0L
#define TERMS 13

/* 1/(2n+1), n = 0..TERMS. */
static const long double odd_inverse[TERMS + 1] = {
    1.0L,      1.0L / 3,  1.0L / 5,  1.0L / 7,	1.0L / 9,  1.0L / 11, 1.0L / 13,
    1.0L / 15, 1.0L / 17, 1.0L / 19, 1.0L / 21, 1.0L / 23, 1.0L / 25, 1.0L / 27,
};

/* (atanh(s) - s) / s for |s| <= 0.18: s^2/3 + s^4/5 + ..., to 64 bits relative to atanh(s)/s. */
static long double atanh_tail(long double s)
{
	long double z = s * s, p = odd_inverse[TERMS];
	for (int n = TERMS - 1; n >= 1; n--)
		p = odd_inverse[n] + z * p;
	return z * p;
}

/* For finite x > 0: sets *k and returns log m, where x = 2^k m and sqrt(2)/2 <= m < sqrt(2). */
long double __math_log_mantissa(long double x, int *k)
{
	long double m;
	*k = ext_frexp(x, &m);
	if (m > SQRT2) {
		m *= 0.5L;
		++*k;
	}
	long double s = (m - 1.0L) / (m + 1.0L);
	return 2.0L * s + 2.0L * s * atanh_tail(s);
}

/* ln x for finite x > 0 (a long double), to about 63 bits. */
long double __math_log_ext(long double x)
{
	int k;
	long double lm = __math_log_mantissa(x, &k);
	return (long double)k * LN2_HI + ((long double)k * LN2_LO + lm);
}

/*
 * log2 |x| for finite non-zero x, as hi + lo to about 120 bits (pow's).
 * s = (m-1)/(m+1) is s.hi + s.lo with s.lo = ((m-1) - s.hi (m+1)) / (m+1),
 * the exact remainder of the division divided again; then
 * log2 m = (2s + 2s atanh_tail(s)) / ln 2, the division by ln 2 as a
 * product with 1/ln 2's two halves.
 */
struct ext2 __math_log2_ext2(double x)
{
	long double m;
	int k = ext_frexp(__builtin_fabs(x), &m);
	if (m > SQRT2) {
		m *= 0.5L;
		k++;
	}
	long double num = m - 1.0L, den = m + 1.0L;
	long double s = num / den;
	struct ext2 q = ext_two_prod(s, den);
	long double s_lo = ((num - q.hi) - q.lo) / den;
	struct ext2 two_s = ext_two_sum(2.0L * s, 2.0L * s_lo + 2.0L * s * atanh_tail(s));
	struct ext2 inv_ln2 = {INV_LN2_HI, INV_LN2_LO};
	struct ext2 l = ext2_mul(two_s, inv_ln2);
	struct ext2 r = ext_two_sum((long double)k, l.hi);
	return ext_two_sum(r.hi, r.lo + l.lo);
}

/*
 * ln(1 + x) for long double x > -1, to about 63 bits relative: for small
 * x through s = x / (2 + x), ln(1 + x) = 2 atanh s, without forming 1 + x.
 */
long double __math_log1p_ext(long double x)
{
	if (x > -0.25L && x < 0.4L) {
		long double s = x / (2.0L + x);
		return 2.0L * s + 2.0L * s * atanh_tail(s);
	}
	return __math_log_ext(1.0L + x);
}

/* The value of log at 0, negative x, infinity or NaN, with glibc's errno; 0 if x is none of them.
 */
static int special(double x, double *out)
{
	if (isnan(x))
		*out = x + x;
	else if (x == 0)
		*out = __math_range(-HUGE_VAL); /* the pole: -inf, ERANGE */
	else if (x < 0)
		*out = __math_domain();
	else if (isinf(x))
		*out = x;
	else
		return 0;
	return 1;
}

/* ln x, within 1 ulp: -inf and ERANGE at 0, NaN and EDOM below 0. */
double log(double x)
{
	double out;
	if (special(x, &out))
		return out;
	return (double)__math_log_ext(x);
}

/* log2 x, within 1 ulp; exact for powers of two. Errors as log. */
double log2(double x)
{
	double out;
	if (special(x, &out))
		return out;
	int k;
	long double lm = __math_log_mantissa(x, &k);
	return (double)((long double)k + lm * INV_LN2_HI);
}

/* log10 x, within 1 ulp. Errors as log. */
double log10(double x)
{
	double out;
	if (special(x, &out))
		return out;
	int k;
	long double lm = __math_log_mantissa(x, &k);
	return (double)((long double)k * LOG10_2_HI +
			((long double)k * LOG10_2_LO + lm * INV_LN10));
}

/*
 * ln(1 + x), within 1 ulp, also for tiny x, where 1 + x would lose x's
 * low bits: there s = x / (2 + x) and ln(1 + x) = 2 atanh s directly.
 * -inf and ERANGE at -1, NaN and EDOM below -1.
 */
double log1p(double x)
{
	if (isnan(x))
		return x + x;
	if (x == -1)
		return __math_range(-HUGE_VAL);
	if (x < -1)
		return __math_domain();
	if (isinf(x))
		return x;
	return (double)__math_log1p_ext(x);
}

/* ln x in float. */
float logf(float x)
{
	double out;
	if (special(x, &out))
		return (float)out;
	return (float)__math_log_ext(x);
}

/* log2 x in float. */
float log2f(float x)
{
	double out;
	if (special(x, &out))
		return (float)out;
	int k;
	long double lm = __math_log_mantissa(x, &k);
	return (float)((long double)k + lm * INV_LN2_HI);
}

/* log10 x in float. */
float log10f(float x)
{
	double out;
	if (special(x, &out))
		return (float)out;
	int k;
	long double lm = __math_log_mantissa(x, &k);
	return (float)((long double)k * LOG10_2_HI + ((long double)k * LOG10_2_LO + lm * INV_LN10));
}

/* ln(1 + x) in float. */
float log1pf(float x)
{
	return (float)log1p(
	    x); /* one rounding of the double, which is within 1 ulp: under 1 ulp of float */
}
