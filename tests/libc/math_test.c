/*
 * math_test.c - <math.h> on Linux and on Interlude (the same static
 * binary must print the same on both; built against glibc, with
 * gcc -Itests/include tests/libc/math_test.c -lm, it passes too except
 * "cbrt(y^3) = y", glibc's cbrt being up to 3 ulps off). Checked: the
 * classification macros; values against the correctly rounded result
 * (computed at 300 bits), within 1 ulp, including the arguments that are
 * hard for the range reduction of sin and cos; the special cases of C99
 * Annex F for pow and atan2 and the others' edges (zeros, infinities,
 * NaN); errno (EDOM, ERANGE, untouched); the exact functions (rounding,
 * fmod, frexp, ldexp, modf) exactly; and identities over a sweep of
 * arguments (sin^2 + cos^2 = 1, exp(log x) = x, ...), which also check
 * that the x87 and SSE state behaves the same under Interlude. The wide
 * comparison with glibc's libm is math_glibc_test.c.
 *
 * test-run: ktap
 */
#define _GNU_SOURCE /* sincos, for glibc */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ktap.h"

static uint64_t bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}

static double from_bits(uint64_t u)
{
	double d;
	memcpy(&d, &u, 8);
	return d;
}

/* How many doubles apart a and b are (the sign-magnitude bits made an ordered integer line). */
static uint64_t ulps(double a, double b)
{
	if (a == 0 && b == 0 && signbit(a) != signbit(b))
		return 1000; /* -0 and +0 are different answers */
	int64_t oa = (int64_t)(bits(a) & ~(1ULL << 63)), ob = (int64_t)(bits(b) & ~(1ULL << 63));
	if (signbit(a))
		oa = -oa;
	if (signbit(b))
		ob = -ob;
	return oa > ob ? (uint64_t)(oa - ob) : (uint64_t)(ob - oa);
}

/* How many floats apart a and b are. */
static uint32_t ulpsf(float a, float b)
{
	uint32_t ua, ub;
	memcpy(&ua, &a, 4);
	memcpy(&ub, &b, 4);
	int64_t oa = ua & 0x7fffffff, ob = ub & 0x7fffffff;
	if (ua >> 31)
		oa = -oa;
	if (ub >> 31)
		ob = -ob;
	return (uint32_t)(oa > ob ? oa - ob : ob - oa);
}

/* Whether got is the double with bits `want`, exactly (the sign of zero counts; any NaN matches
 * NaN). */
static int same(double got, double want)
{
	if (isnan(want))
		return isnan(got);
	return bits(got) == bits(want);
}

struct one_case {
	const char *name;
	double (*f)(double);
	double x;
	uint64_t want; /* the correctly rounded result's bits */
};

struct two_case {
	const char *name;
	double (*f)(double, double);
	double x, y;
	uint64_t want;
};

/* Correctly rounded values (300-bit arithmetic); each result must be within 1 ulp. */
static const struct one_case near1[] = {
    {"sqrt(2.0)", sqrt, 2.0, 0x3ff6a09e667f3bcdULL},
    {"cbrt(2.0)", cbrt, 2.0, 0x3ff428a2f98d728bULL},
    {"cbrt(-27.0)", cbrt, -27.0, 0xc008000000000000ULL}, /* exact here; glibc's is 1 ulp off */
    {"cbrt(0x1p-1074)", cbrt, 0x1p-1074, 0x2990000000000000ULL},
    {"exp(1.0)", exp, 1.0, 0x4005bf0a8b145769ULL},
    {"exp(-1.0)", exp, -1.0, 0x3fd78b56362cef38ULL},
    {"exp(700.0)", exp, 700.0, 0x7f0d945df4f8ec8eULL},
    {"exp(-740.0), a subnormal", exp, -740.0, 0x0000000000000055ULL},
    {"exp2(0.5)", exp2, 0.5, 0x3ff6a09e667f3bcdULL},
    {"expm1(1e-10)", expm1, 1e-10, 0x3ddb7cdfd9dda4e3ULL},
    {"log(2.0)", log, 2.0, 0x3fe62e42fefa39efULL},
    {"log(1e-300)", log, 1e-300, 0xc085963447f87fb5ULL},
    {"log2(10.0)", log2, 10.0, 0x400a934f0979a371ULL},
    {"log10(2.0)", log10, 2.0, 0x3fd34413509f79ffULL},
    {"log1p(1e-10)", log1p, 1e-10, 0x3ddb7cdfd9d1d693ULL},
    {"sin(1.0)", sin, 1.0, 0x3feaed548f090ceeULL},
    {"sin(1e22)", sin, 1e22, 0xbfeb453ab76bf397ULL},
    {"sin(1e300)", sin, 1e300, 0xbfea2c16b010e385ULL},
    {"cos(1e22)", cos, 1e22, 0x3fe0be2cef01c8f4ULL},
    {"sin(3.141592653589793)", sin, 3.141592653589793, 0x3ca1a62633145c07ULL},
    {"cos(1.5707963267948966)", cos, 1.5707963267948966, 0x3c91a62633145c07ULL},
    {"tan(1.5707963267948966)", tan, 1.5707963267948966, 0x434d02967c31cdb5ULL},
    {"sin(0x1.598bae9e632f6p-5)", sin, 0x1.598bae9e632f6p-5, 0x3fa597173ec187a7ULL},
    {"sin(6381956970095103 * 2^797)", sin, 6381956970095103.0 * 0x1p797, 0x3ff0000000000000ULL},
    {"asin(0.5)", asin, 0.5, 0x3fe0c152382d7366ULL},
    {"acos(-0.5)", acos, -0.5, 0x4000c152382d7366ULL},
    {"atan(1.0)", atan, 1.0, 0x3fe921fb54442d18ULL},
    {"acos(-1.0)", acos, -1.0, 0x400921fb54442d18ULL},
    {"asin(1.0)", asin, 1.0, 0x3ff921fb54442d18ULL},
    {"sinh(1.0)", sinh, 1.0, 0x3ff2cd9fc44eb982ULL},
    {"cosh(1.0)", cosh, 1.0, 0x3ff8b07551d9f550ULL},
    {"tanh(0.5)", tanh, 0.5, 0x3fdd9353d7568af3ULL},
    {"sinh(1e-5)", sinh, 1e-5, 0x3ee4f8b588e4e940ULL},
    {"asinh(1.0)", asinh, 1.0, 0x3fec34366179d427ULL},
    {"asinh(1e-300)", asinh, 1e-300, 0x01a56e1fc2f8f359ULL},
    {"acosh(2.0)", acosh, 2.0, 0x3ff5124271980435ULL},
    {"acosh(1e300)", acosh, 1e300, 0x40859bbfd8b83e44ULL},
    {"atanh(0.5)", atanh, 0.5, 0x3fe193ea7aad030bULL},
};

static const struct two_case near2[] = {
    {"pow(2.0, 0.5)", pow, 2.0, 0.5, 0x3ff6a09e667f3bcdULL},
    {"pow(10.0, -3.0)", pow, 10.0, -3.0, 0x3f50624dd2f1a9fcULL},
    {"pow(1.0000001, 1e9)", pow, 1.0000001, 1e9, 0x48f349445c228792ULL},
    {"pow(0.5, 1074.0), the smallest subnormal", pow, 0.5, 1074.0, 0x0000000000000001ULL},
    {"pow(3.0, 645.0)", pow, 3.0, 645.0, 0x7fd3b59c25079105ULL},
    {"atan2(1.0, -1.0)", atan2, 1.0, -1.0, 0x4002d97c7f3321d2ULL},
    {"atan2(-1e-300, -1.0)", atan2, -1e-300, -1.0, 0xc00921fb54442d18ULL},
    {"hypot(1e300, 1e300)", hypot, 1e300, 1e300, 0x7e40e4d50f99b211ULL},
};

/*
 * Exact results: Annex F's special cases (F.9), the exact functions, and
 * the results that must not be off at all (log2 of a power of 2, cbrt of a cube).
 */
#define INF HUGE_VAL
static const struct two_case exact2[] = {
    {"pow(NaN, 0) = 1", pow, NAN, 0.0, 0},
    {"pow(1, NaN) = 1", pow, 1.0, NAN, 0},
    {"pow(-0, -3) = -inf", pow, -0.0, -3.0, 0},
    {"pow(+0, -3) = +inf", pow, 0.0, -3.0, 0},
    {"pow(-0, -2) = +inf", pow, -0.0, -2.0, 0},
    {"pow(-0, -inf) = +inf", pow, -0.0, -INF, 0},
    {"pow(-0, 3) = -0", pow, -0.0, 3.0, 0},
    {"pow(-0, 2) = +0", pow, -0.0, 2.0, 0},
    {"pow(-0, 0.5) = +0", pow, -0.0, 0.5, 0},
    {"pow(-1, inf) = 1", pow, -1.0, INF, 0},
    {"pow(-1, -inf) = 1", pow, -1.0, -INF, 0},
    {"pow(0.5, -inf) = +inf", pow, 0.5, -INF, 0},
    {"pow(2, -inf) = +0", pow, 2.0, -INF, 0},
    {"pow(-0.5, inf) = +0", pow, -0.5, INF, 0},
    {"pow(-2, inf) = +inf", pow, -2.0, INF, 0},
    {"pow(-inf, -3) = -0", pow, -INF, -3.0, 0},
    {"pow(-inf, -2) = +0", pow, -INF, -2.0, 0},
    {"pow(-inf, 3) = -inf", pow, -INF, 3.0, 0},
    {"pow(-inf, 2.5) = +inf", pow, -INF, 2.5, 0},
    {"pow(inf, -1) = +0", pow, INF, -1.0, 0},
    {"pow(inf, 0.5) = +inf", pow, INF, 0.5, 0},
    {"pow(-8, 1/3) = NaN", pow, -8.0, 1.0 / 3, 0},
    {"pow(-2, 3) = -8", pow, -2.0, 3.0, 0},
    {"pow(-2, 2^60) = +inf", pow, -2.0, 0x1p60, 0},
    {"pow(2, -1074) = smallest subnormal", pow, 2.0, -1074.0, 0},
    {"pow(10, 400) = +inf", pow, 10.0, 400.0, 0},
    {"atan2(+0, -0) = +pi", atan2, 0.0, -0.0, 0},
    {"atan2(-0, -0) = -pi", atan2, -0.0, -0.0, 0},
    {"atan2(-0, +0) = -0", atan2, -0.0, 0.0, 0},
    {"atan2(+0, -1) = +pi", atan2, 0.0, -1.0, 0},
    {"atan2(-1, +0) = -pi/2", atan2, -1.0, 0.0, 0},
    {"atan2(1, -inf) = +pi", atan2, 1.0, -INF, 0},
    {"atan2(-1, inf) = -0", atan2, -1.0, INF, 0},
    {"atan2(inf, -inf) = 3pi/4", atan2, INF, -INF, 0},
    {"atan2(-inf, inf) = -pi/4", atan2, -INF, INF, 0},
    {"atan2(inf, 5) = pi/2", atan2, INF, 5.0, 0},
    {"hypot(inf, NaN) = +inf", hypot, INF, NAN, 0},
    {"hypot(3, 4) = 5", hypot, 3.0, 4.0, 0},
    {"fmod(5.5, 2) = 1.5", fmod, 5.5, 2.0, 0},
    {"fmod(-5.5, 2) = -1.5", fmod, -5.5, 2.0, 0},
    {"fmod(-4, 2) = -0", fmod, -4.0, 2.0, 0},
    {"fmod(1e300, 7) = 1 (exact)", fmod, 1e300, 7.0, 0},
    {"fmod(3, inf) = 3", fmod, 3.0, INF, 0},
    {"fmod(inf, 3) = NaN", fmod, INF, 3.0, 0},
    {"fmod(3, 0) = NaN", fmod, 3.0, 0.0, 0},
    {"fmod(0x1p-1074 * 7, 0x1p-1074 * 2) = smallest subnormal", fmod, 0x1p-1074 * 7, 0x1p-1074 * 2,
     0},
    {"copysign(3, -0) = -3", copysign, 3.0, -0.0, 0},
    {"fmin(NaN, 2) = 2", fmin, NAN, 2.0, 0},
    {"fmax(2, NaN) = 2", fmax, 2.0, NAN, 0},
};
static const double exact2_want[] = {
    1,	     1,	   -INF, INF,	     INF,	INF,	   -0.0, 0.0,	0.0,  1,
    1,	     INF,  0.0,	 0.0,	     INF,	-0.0,	   0.0,	 -INF,	INF,  0.0,
    INF,     NAN,  -8,	 INF,	     0x1p-1074, INF,	   M_PI, -M_PI, -0.0, M_PI,
    -M_PI_2, M_PI, -0.0, 3 * M_PI_4, -M_PI_4,	M_PI_2,	   INF,	 5,	1.5,  -1.5,
    -0.0,    1.0,  3,	 NAN,	     NAN,	0x1p-1074, -3,	 2,	2,
};
/* errno after each exact2 case: 0, or what C99 and glibc set. */
static const int exact2_errno[] = {
    0, 0, ERANGE, ERANGE, ERANGE, 0, 0,	     0, 0,	0,    0,    0, 0, 0, 0, 0, 0,
    0, 0, 0,	  0,	  EDOM,	  0, ERANGE, 0, ERANGE, 0,    0,    0, 0, 0, 0, 0, 0,
    0, 0, 0,	  0,	  0,	  0, 0,	     0, 0,	EDOM, EDOM, 0, 0, 0, 0,
};

static const struct one_case exact1[] = {
    {"sqrt(-0) = -0", sqrt, -0.0, 0},
    {"sqrt(-1) = NaN", sqrt, -1.0, 0},
    {"sqrt(inf) = inf", sqrt, INF, 0},
    {"sqrt(0x1p-1074) = 0x1p-537", sqrt, 0x1p-1074, 0},
    {"exp(-inf) = 0", exp, -INF, 0},
    {"exp(1000) = inf", exp, 1000.0, 0},
    {"exp(-1000) = 0", exp, -1000.0, 0},
    {"exp(NaN) = NaN", exp, NAN, 0},
    {"exp2(-1074) exact", exp2, -1074.0, 0},
    {"exp2(1023) exact", exp2, 1023.0, 0},
    {"expm1(-0) = -0", expm1, -0.0, 0},
    {"expm1(-inf) = -1", expm1, -INF, 0},
    {"log(1) = +0", log, 1.0, 0},
    {"log(0) = -inf", log, 0.0, 0},
    {"log(-0) = -inf", log, -0.0, 0},
    {"log(-1) = NaN", log, -1.0, 0},
    {"log(inf) = inf", log, INF, 0},
    {"log2(0x1p-1074) = -1074", log2, 0x1p-1074, 0},
    {"log2(1024) = 10", log2, 1024.0, 0},
    {"log10(1e22) = 22", log10, 1e22, 0},
    {"log1p(-1) = -inf", log1p, -1.0, 0},
    {"log1p(-2) = NaN", log1p, -2.0, 0},
    {"sin(-0) = -0", sin, -0.0, 0},
    {"sin(inf) = NaN", sin, INF, 0},
    {"cos(-inf) = NaN", cos, -INF, 0},
    {"tan(-0) = -0", tan, -0.0, 0},
    {"sin(0x1p-1074) = 0x1p-1074", sin, 0x1p-1074, 0},
    {"cos(0) = 1", cos, 0.0, 0},
    {"asin(2) = NaN", asin, 2.0, 0},
    {"acos(1) = +0", acos, 1.0, 0},
    {"atan(-inf) = -pi/2", atan, -INF, 0},
    {"sinh(-0) = -0", sinh, -0.0, 0},
    {"sinh(800) = inf", sinh, 800.0, 0},
    {"cosh(-800) = inf", cosh, -800.0, 0},
    {"tanh(-inf) = -1", tanh, -INF, 0},
    {"tanh(50) = 1", tanh, 50.0, 0},
    {"floor(-0.5) = -1", floor, -0.5, 0},
    {"floor(-0.0) = -0", floor, -0.0, 0},
    {"ceil(-0.5) = -0", ceil, -0.5, 0},
    {"ceil(0x1p52 + 1) unchanged", ceil, 0x1p52 + 1, 0},
    {"round(2.5) = 3", round, 2.5, 0},
    {"round(-0.5) = -1", round, -0.5, 0},
    {"round(0.49999999999999994) = 0", round, 0.49999999999999994, 0},
    {"trunc(-1.9) = -1", trunc, -1.9, 0},
    {"trunc(-inf) = -inf", trunc, -INF, 0},
    {"fabs(-0) = +0", fabs, -0.0, 0},
};
static const double exact1_want[] = {
    -0.0, NAN,	INF,	   0x1p-537,   0,   INF,   0,	    NAN,  0x1p-1074, 0x1p1023, -0.0, -1,
    0.0,  -INF, -INF,	   NAN,	       INF, -1074, 10,	    22,	  -INF,	     NAN,      -0.0, NAN,
    NAN,  -0.0, 0x1p-1074, 1,	       NAN, 0.0,   -M_PI_2, -0.0, INF,	     INF,      -1,   1,
    -1,	  -0.0, -0.0,	   0x1p52 + 1, 3,   -1,	   0,	    -1,	  -INF,	     0.0,
};
static const int exact1_errno[] = {
    0,	    EDOM,   0, 0, 0,	  ERANGE, ERANGE, 0,	0,    0, 0, 0, 0,    ERANGE, ERANGE, EDOM,
    0,	    0,	    0, 0, ERANGE, EDOM,	  0,	  EDOM, EDOM, 0, 0, 0, EDOM, 0,	     0,	     0,
    ERANGE, ERANGE, 0, 0, 0,	  0,	  0,	  0,	0,    0, 0, 0, 0,    0,
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static void classification(void)
{
	volatile double zero = 0.0, sub = 0x1p-1074, one = 1.0, inf = INFINITY, nan = NAN;
	EXPECT(fpclassify(zero) == FP_ZERO && fpclassify(sub) == FP_SUBNORMAL &&
		   fpclassify(one) == FP_NORMAL && fpclassify(inf) == FP_INFINITE &&
		   fpclassify(nan) == FP_NAN,
	       "fpclassify of 0, subnormal, 1, inf, NaN");
	EXPECT(isnan(nan) && !isnan(inf) && !isnan(one), "isnan");
	EXPECT(isinf(inf) == 1 && isinf(-inf) == -1 && !isinf(DBL_MAX) && !isinf(nan),
	       "isinf: 1 for +inf, -1 for -inf (glibc), 0 otherwise");
	EXPECT(isfinite(one) && isfinite(sub) && !isfinite(inf) && !isfinite(nan), "isfinite");
	EXPECT(isnormal(one) && !isnormal(sub) && !isnormal(zero), "isnormal");
	EXPECT(signbit(-zero) && !signbit(zero) && signbit(-inf) && !signbit(one),
	       "signbit sees -0");
	EXPECT(isnan(sqrtf(-1.0f)) && fpclassify(0x1p-149f) == FP_SUBNORMAL && isinf(HUGE_VALF),
	       "the float forms and HUGE_VALF");
	EXPECT(isunordered(nan, one) && !isless(nan, one) && isless(one, inf) &&
		   islessgreater(one, inf),
	       "the comparison macros, quiet with NaN");
	EXPECT(HUGE_VAL == inf && M_PI == 0x1.921fb54442d18p+1 && M_SQRT2 == 0x1.6a09e667f3bcdp+0,
	       "HUGE_VAL, M_PI, M_SQRT2");
	EXPECT(math_errhandling & MATH_ERRNO, "math_errhandling says errno");
}

static void values(void)
{
	for (int i = 0; i < N(near1); i++) {
		double got = near1[i].f(near1[i].x);
		EXPECT(ulps(got, from_bits(near1[i].want)) <= 1,
		       "%s within 1 ulp (got %016llx, want %016llx)", near1[i].name,
		       (unsigned long long)bits(got), (unsigned long long)near1[i].want);
	}
	for (int i = 0; i < N(near2); i++) {
		double got = near2[i].f(near2[i].x, near2[i].y);
		EXPECT(ulps(got, from_bits(near2[i].want)) <= 1,
		       "%s within 1 ulp (got %016llx, want %016llx)", near2[i].name,
		       (unsigned long long)bits(got), (unsigned long long)near2[i].want);
	}
	for (int i = 0; i < N(exact1); i++) {
		errno = 0;
		double got = exact1[i].f(exact1[i].x);
		int e = errno;
		EXPECT(same(got, exact1_want[i]) && e == exact1_errno[i],
		       "%s, errno %d (got %016llx, errno %d)", exact1[i].name, exact1_errno[i],
		       (unsigned long long)bits(got), e);
	}
	for (int i = 0; i < N(exact2); i++) {
		errno = 0;
		double got = exact2[i].f(exact2[i].x, exact2[i].y);
		int e = errno;
		EXPECT(same(got, exact2_want[i]) && e == exact2_errno[i],
		       "%s, errno %d (got %016llx, errno %d)", exact2[i].name, exact2_errno[i],
		       (unsigned long long)bits(got), e);
	}
}

static void representation(void)
{
	int e;
	double m = frexp(48.0, &e);
	EXPECT(m == 0.75 && e == 6, "frexp(48) = 0.75 * 2^6");
	m = frexp(0x1p-1074, &e);
	EXPECT(m == 0.5 && e == -1073, "frexp of the smallest subnormal");
	m = frexp(-INF, &e);
	EXPECT(m == -INF, "frexp(-inf) = -inf (the exponent is unspecified)");
	errno = 0;
	EXPECT(ldexp(0.75, 6) == 48 && ldexp(1.0, -1074) == 0x1p-1074 &&
		   ldexp(1.5, -1074) == 0x1p-1073 && errno == 0,
	       "ldexp, into the subnormals rounding once (1.5 * 2^-1074 to even: 2^-1073)");
	EXPECT(ldexp(1.0, 1024) == INF && errno == ERANGE, "ldexp overflow: inf, ERANGE");
	errno = 0;
	EXPECT(ldexp(1.0, -2000) == 0 && errno == ERANGE && scalbn(3.0, 2) == 12,
	       "ldexp underflow: 0, ERANGE; scalbn");
	double ip;
	double f = modf(-3.25, &ip);
	EXPECT(f == -0.25 && ip == -3, "modf(-3.25) = -3 + -0.25");
	f = modf(-4.0, &ip);
	EXPECT(f == 0 && signbit(f) && ip == -4, "modf(-4) = -4 + -0");
	f = modf(INF, &ip);
	EXPECT(f == 0 && !signbit(f) && ip == INF, "modf(inf) = inf + 0");
	EXPECT(lround(-2.5) == -3 && llround(1e15 + 0.5) == 1000000000000001LL,
	       "lround, llround halves away from zero");
	EXPECT(rint(2.5) == 2 && rint(3.5) == 4 && rint(-2.5) == -2 && same(rint(-0.3), -0.0) &&
		   nearbyint(0.5) == 0 && lrint(-3.5) == -4 &&
		   llrint(1e15 + 0.5) == 1000000000000000LL && rint(0x1p52 + 1) == 0x1p52 + 1 &&
		   rintf(2.5f) == 2,
	       "rint, nearbyint, lrint, llrint: to nearest, ties to even");
	errno = 0;
	EXPECT(same(asinh(-0.0), -0.0) && same(acosh(1.0), 0.0) && same(atanh(-0.0), -0.0) &&
		   errno == 0,
	       "asinh(-0) = -0, acosh(1) = +0, atanh(-0) = -0");
	EXPECT(isnan(acosh(0.5)) && errno == EDOM, "acosh(0.5): NaN, EDOM");
	errno = 0;
	EXPECT(atanh(-1.0) == -INF && errno == ERANGE, "atanh(-1): -inf, ERANGE (a pole)");
	EXPECT(nextafter(1.0, 2.0) == 1.0 + 0x1p-52 && nextafter(1.0, 0.0) == 1.0 - 0x1p-53 &&
		   nextafter(-0.0, 1.0) == 0x1p-1074 && same(nextafter(0.0, -1.0), -0x1p-1074) &&
		   nextafter(3.0, 3.0) == 3.0 && nextafterf(1.0f, 2.0f) == 1.0f + 0x1p-23f,
	       "nextafter, nextafterf");
	errno = 0;
	EXPECT(nextafter(DBL_MAX, INF) == INF && errno == ERANGE,
	       "nextafter past DBL_MAX: inf, ERANGE");
	errno = 0;
	EXPECT(ilogb(1.0) == 0 && ilogb(-48.0) == 5 && ilogb(0x1p-1074) == -1074 &&
		   logb(0.75) == -1 && errno == 0,
	       "ilogb, logb, also of a subnormal");
	EXPECT(ilogb(0.0) == FP_ILOGB0 && errno == EDOM && logb(INF) == INF,
	       "ilogb(0) = FP_ILOGB0 with EDOM");
	int quo;
	errno = 0;
	EXPECT(remainder(5, 2) == 1 && remainder(7, 2) == -1 && remainder(-7, 2) == 1 &&
		   same(remainder(-4, 2), -0.0) && remquo(7, 2, &quo) == -1 && quo == 4 &&
		   remquo(-7, 2, &quo) == 1 && quo == -4 && errno == 0,
	       "remainder and remquo: the nearest quotient, ties to even (7/2 = 3.5 -> 4)");
	EXPECT(isnan(remainder(1, 0)) && errno == EDOM && remainder(3, INF) == 3,
	       "remainder(1, 0): NaN, EDOM");
	double n = nan("");
	EXPECT(isnan(n) && bits(n) == 0x7ff8000000000000ULL &&
		   bits(nan("0x7b")) == 0x7ff800000000007bULL &&
		   bits(nan("x")) == 0x7ff8000000000000ULL,
	       "nan(tag): the default NaN, a payload, a tag that is no number");
	EXPECT(fdim(5, 3) == 2 && same(fdim(3, 5), 0.0) && isnan(fdim(NAN, 1)), "fdim");
	float fi;
	EXPECT(floorf(-1.5f) == -2 && ceilf(1.2f) == 2 && roundf(-2.5f) == -3 &&
		   truncf(-2.7f) == -2 && fmodf(7.0f, 3.0f) == 1 && modff(2.5f, &fi) == 0.5f &&
		   fi == 2,
	       "the float rounding functions");
}

/* Identities over a sweep of arguments, each within a few ulps. */
static void identities(void)
{
	int bad_pythagoras = 0, bad_explog = 0, bad_powsqrt = 0, bad_cbrt = 0, bad_atan = 0,
	    bad_float = 0;
	for (int i = 1; i <= 2000; i++) {
		double x = i * 0.37 - 300.0;
		double s = sin(x), c = cos(x), sc, cc;
		sincos(x, &sc, &cc);
		if (__builtin_fabs(s * s + c * c - 1) > 0x1p-51 || s != sc || c != cc)
			bad_pythagoras++;
		double y = i * 1.7, x3 = i * 0.3;
		/* log y's half-ulp error, about |log y| 2^-53 absolute, is that much relative in
		 * exp */
		if (__builtin_fabs(exp(log(y)) - y) > (__builtin_fabs(log(y)) + 1) * y * 0x1p-52 ||
		    ulps(log(exp(x3)), x3) > 2)
			bad_explog++;
		if (ulps(pow(y, 0.5), sqrt(y)) > 1 || ulps(pow(y, 2), y * y) > 1)
			bad_powsqrt++;
		if (ulps(cbrt(y * y * y), y) > 1)
			bad_cbrt++;
		double t = (i - 1000) * 0.003; /* in [-3, 3], inside (-pi, pi) */
		if (__builtin_fabs(atan2(sin(t), cos(t)) - t) > 0x1p-50 ||
		    ulps(tan(atan(t)), t) > 8 || ulps(tanh(t), sinh(t) / cosh(t)) > 3)
			bad_atan++;
		float xf = (float)(i * 0.05);
		if (ulpsf(sinf(xf), (float)sin(xf)) > 1 || ulpsf(expf(xf), (float)exp(xf)) > 1 ||
		    ulpsf(logf(xf), (float)log(xf)) > 1 ||
		    ulpsf(powf(xf, 1.5f), (float)pow(xf, 1.5)) > 1)
			bad_float++;
	}
	EXPECT_EQ(bad_pythagoras, 0,
		  "sin^2 + cos^2 = 1 and sincos = (sin, cos) on 2000 arguments in [-300, 440]");
	EXPECT_EQ(bad_explog, 0,
		  "exp(log y) = y (to log y's error) and log(exp x) = x within 2 ulps");
	EXPECT_EQ(bad_powsqrt, 0, "pow(y, 0.5) = sqrt(y), pow(y, 2) = y*y within 1 ulp");
	EXPECT_EQ(bad_cbrt, 0, "cbrt(y^3) = y within 1 ulp");
	EXPECT_EQ(bad_atan, 0, "atan2(sin t, cos t) = t, tan(atan t) = t, tanh = sinh/cosh");
	EXPECT_EQ(bad_float, 0, "sinf, expf, logf, powf agree with the double functions");
}

static void tests(void)
{
	classification();
	values();
	representation();
	identities();
}

int main(void)
{
	return ktap_run(tests);
}
