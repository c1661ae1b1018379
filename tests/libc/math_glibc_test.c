/*
 * math_glibc_test.c - the libc's <math.h> against glibc's libm, on the
 * host (under ASan/UBSan, with every libc name renamed ilc_: rename.h),
 * over many inputs per function: every special value (+-0, the smallest
 * subnormal, the largest double, +-inf, NaN, 1, halves and integers
 * around the function's edges), then random doubles, both uniform over
 * all bit patterns (every exponent alike) and uniform over the range
 * where the function is interesting (huge arguments for sin and cos).
 * Each result must be within 1 ulp (the distance counted in representable
 * doubles) of the reference: glibc's long double function (sinl for sin)
 * rounded to double, for glibc's own double functions are not always
 * within 1 ulp (cbrt is off by up to 3, cos and tan by more near
 * multiples of pi/2 for huge arguments; this was checked at 200 bits),
 * and for a float function glibc's double function rounded to float;
 * NaN where the reference is NaN. errno must be what glibc's function of
 * the same type sets, except for results in the subnormals, where glibc
 * sometimes sets ERANGE (C leaves it to the implementation) and this libc
 * only does for 0. The largest distances to the reference and to glibc's
 * function of the same type are printed.
 *
 * glibc's functions are reached by their assembler names (asm("sin"))
 * because in this file sin means ilc_sin.
 *
 * test-run: host
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ktap.h"

#define G1(f)                                                                                      \
	double glibc_##f(double) __asm__(#f);                                                      \
	long double glibc_##f##l(long double) __asm__(#f "l");
#define G2(f)                                                                                      \
	double glibc_##f(double, double) __asm__(#f);                                              \
	long double glibc_##f##l(long double, long double) __asm__(#f "l");
#define G1F(f) float glibc_##f(float) __asm__(#f);
#define G2F(f) float glibc_##f(float, float) __asm__(#f);
/* clang-format off */
G1(sqrt)
G1(cbrt)
G1(exp)
G1(exp2)
G1(expm1)
G1(log)
G1(log2)
G1(log10)
G1(log1p)
G1(sin)
G1(cos)
G1(tan)
G1(asin)
G1(acos)
G1(atan)
G1(sinh)
G1(cosh)
G1(tanh)
G1(floor)
G1(ceil)
G1(round)
G1(trunc)
G1(fabs)
G1(rint)
G1(asinh)
G1(acosh)
G1(atanh)
G1(logb)
G1(nearbyint)
G2(pow)
G2(atan2)
G2(hypot)
G2(fmod)
G2(copysign)
G2(fmin)
G2(fmax)
G2(fdim)
G2(nextafter)
G2(remainder)
G1F(sqrtf)
G1F(cbrtf)
G1F(expf)
G1F(exp2f)
G1F(expm1f)
G1F(logf)
G1F(log2f)
G1F(log10f)
G1F(log1pf)
G1F(sinf)
G1F(cosf)
G1F(tanf)
G1F(asinf)
G1F(acosf)
G1F(atanf)
G1F(sinhf)
G1F(coshf)
G1F(tanhf)
G1F(floorf)
G1F(ceilf)
G1F(roundf)
G1F(truncf)
G1F(fabsf)
G1F(rintf)
G1F(asinhf)
G1F(acoshf)
G1F(atanhf)
G2F(powf)
G2F(atan2f)
G2F(hypotf)
G2F(fmodf)
/* clang-format on */
int *glibc_errno_location(void) __asm__("__errno_location");
int glibc_ilogb(double) __asm__("ilogb");
double glibc_remquo(double, double, int *) __asm__("remquo");
double glibc_nan(const char *) __asm__("nan");
float glibc_nanf(const char *) __asm__("nanf");
double glibc_frexp(double, int *) __asm__("frexp");
long double glibc_ldexpl(long double, int) __asm__("ldexpl");

#ifndef RANDOM
#define RANDOM                                                                                     \
	100000 /* random inputs per function and distribution (-DRANDOM=N for a longer run) */
#endif

#include "math_ulps.h" /* distances in ulps, tallies, the report */

static const double specials[] = {
    0.0,
    0x1p-1074,
    0x1p-1022,
    0x1.fffffffffffffp-1023,
    0x1p-537,
    0x1p-60,
    0x1p-27,
    1e-10,
    0.25,
    0.5,
    0.75,
    1.0 - 0x1p-53,
    1.0,
    1.0 + 0x1p-52,
    1.5,
    2.0,
    2.5,
    3.0,
    10.0,
    0.1,
    0.7853981633974483,
    1.5707963267948966,
    3.141592653589793,
    6.283185307179586,
    22.0,
    100.0,
    709.782712893384,
    709.79,
    710.5,
    744.0,
    745.2,
    1000.0,
    1024.0,
    1075.0,
    1e6,
    0x1p52,
    0x1p53 + 2,
    1e22,
    1e100,
    6381956970095103.0 * 0x1p797,
    1e300,
    0x1.fffffffffffffp1023,
    __builtin_inf(),
    __builtin_nan(""),
};
#define NSPECIALS (int)(sizeof specials / sizeof specials[0])

/* A random double: every bit pattern alike, or uniform in [-range, range]. */
static double random_double(double range)
{
	if (range == 0)
		return from_bits(next());
	return ((double)(next() >> 11) * 0x1p-53 * 2 - 1) * range;
}

#define U(f, r)                                                                                    \
	{                                                                                          \
#f, f, glibc_##f, glibc_##f##l, r                                                  \
	}
#define B(f, rx, ry)                                                                               \
	{                                                                                          \
#f, f, glibc_##f, glibc_##f##l, rx, ry                                             \
	}
/* Exact functions, whose reference is glibc's function itself (fminl would see a signaling NaN made
 * quiet). */
#define BX(f, rx, ry)                                                                              \
	{                                                                                          \
#f, f, glibc_##f, NULL, rx, ry                                                     \
	}
#define UF(fn, r)                                                                                  \
	{                                                                                          \
#fn "f", fn##f, glibc_##fn##f, glibc_##fn, r                                       \
	}
#define BF(fn, rx, ry)                                                                             \
	{                                                                                          \
#fn "f", fn##f, glibc_##fn##f, glibc_##fn, rx, ry                                  \
	}

static const struct unary unaries[] = {
    U(sqrt, 1e6),  U(cbrt, 1e6),  U(exp, 750),	 U(exp2, 1100), U(expm1, 2),	    U(log, 1e3),
    U(log2, 4),	   U(log10, 1e6), U(log1p, 2),	 U(sin, 100),	U(cos, 100),	    U(tan, 10),
    U(asin, 1),	   U(acos, 1),	  U(atan, 4),	 U(sinh, 720),	U(cosh, 3),	    U(tanh, 5),
    U(floor, 1e6), U(ceil, 1e6),  U(round, 1e6), U(trunc, 10),	U(fabs, 10),	    U(rint, 10),
    U(asinh, 1e3), U(acosh, 4),	  U(atanh, 1),	 U(logb, 1e10), U(nearbyint, 1e16),
};

static const struct binary binaries[] = {
    B(pow, 4, 100),	   B(atan2, 10, 10),	  B(hypot, 1e10, 1e10), B(fmod, 1e20, 3),
    BX(copysign, 10, 10),  BX(fmin, 10, 10),	  BX(fmax, 10, 10),	B(fdim, 10, 10),
    BX(nextafter, 10, 10), B(remainder, 1e20, 3),
};

static const struct unaryf unaryfs[] = {
    UF(sqrt, 1e6),  UF(cbrt, 1e6),  UF(exp, 90),    UF(exp2, 130), UF(expm1, 2), UF(log, 1e3),
    UF(log2, 4),    UF(log10, 1e6), UF(log1p, 2),   UF(sin, 1e4),  UF(cos, 1e4), UF(tan, 10),
    UF(asin, 1),    UF(acos, 1),    UF(atan, 4),    UF(sinh, 90),  UF(cosh, 3),	 UF(tanh, 5),
    UF(floor, 1e6), UF(ceil, 1e6),  UF(round, 1e6), UF(trunc, 10), UF(fabs, 10), UF(rint, 1e7),
    UF(asinh, 1e3), UF(acosh, 4),   UF(atanh, 1),
};

static const struct binaryf binaryfs[] = {
    BF(pow, 4, 40),
    BF(atan2, 10, 10),
    BF(hypot, 1e10, 1e10),
    BF(fmod, 1e20, 3),
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static void tests(void)
{
	for (int i = 0; i < N(unaries); i++) {
		const struct unary *f = &unaries[i];
		struct tally t = {.name = f->name};
		for (int j = 0; j < NSPECIALS; j++) {
			one(&t, f, specials[j]);
			one(&t, f, -specials[j]);
		}
		for (int j = 0; j < RANDOM; j++) {
			one(&t, f, random_double(0));
			one(&t, f, random_double(f->range));
		}
		report(&t);
	}
	/* sin and cos on huge arguments: the reduction's hard part */
	static const struct unary huge[] = {U(sin, 0), U(cos, 0), U(tan, 0)};
	static const char *huge_names[] = {"sin(huge)", "cos(huge)", "tan(huge)"};
	for (int i = 0; i < N(huge); i++) {
		struct tally t = {.name = huge_names[i]};
		for (int j = 0; j < RANDOM; j++) /* 2^49 <= |x| < 2^1024 */
			one(&t, &huge[i], from_bits((next() >> 2) | 0x4300000000000000ULL));
		report(&t);
	}
	for (int i = 0; i < N(binaries); i++) {
		const struct binary *f = &binaries[i];
		struct tally t = {.name = f->name};
		for (int j = 0; j < NSPECIALS; j++)
			for (int k = 0; k < NSPECIALS; k++)
				for (int s = 0; s < 4; s++)
					two(&t, f, s & 1 ? -specials[j] : specials[j],
					    s & 2 ? -specials[k] : specials[k]);
		for (int j = 0; j < RANDOM; j++) {
			two(&t, f, random_double(0), random_double(0));
			two(&t, f, random_double(f->range_x), random_double(f->range_y));
		}
		report(&t);
	}
	/* pow with big results, 2^1000..2^1023 and 2^-1000..2^-1070: y log2 x must be right to
	 * 2^-64 there */
	{
		static const struct binary p = B(pow, 0, 0);
		struct tally t = {.name = "pow(big results)"};
		for (int j = 0; j < RANDOM; j++) {
			double x = 1 + (double)(next() >> 11) * 0x1p-53 * 3,
			       u = (double)(next() >> 11) * 0x1p-53;
			double y = (next() & 1 ? 1000 + 23 * u : -1000 - 70 * u) / glibc_log2(x);
			two(&t, &p, x, y);
			two(&t, &p, -x, glibc_round(y)); /* negative bases, integer exponents */
		}
		report(&t);
	}
	/* nan's payloads: the bits must be glibc's */
	{
		static const char *tags[] = {"",
					     "0",
					     "123",
					     "0x10",
					     "0x7ffffffffffff",
					     "0xfffffffffffff",
					     "0x1fffffffffffff",
					     "abc",
					     "12abc",
					     "-1",
					     "  5",
					     "010",
					     "99999999999999999999999",
					     "_a",
					     "0X1F",
					     "08",
					     "0x",
					     "ff"};
		int differ = 0;
		for (int j = 0; j < N(tags); j++) {
			errno = 0;
			*glibc_errno_location() = 0;
			double a = nan(tags[j]), b = glibc_nan(tags[j]);
			float af = nanf(tags[j]), bf = glibc_nanf(tags[j]);
			uint32_t ua, ub;
			memcpy(&ua, &af, 4);
			memcpy(&ub, &bf, 4);
			if (to_bits(a) != to_bits(b) || ua != ub ||
			    errno != *glibc_errno_location()) {
				if (differ++ < 5)
					ktap_diag("nan(\"%s\") = %016llx/%08x, glibc %016llx/%08x",
						  tags[j], (unsigned long long)to_bits(a), ua,
						  (unsigned long long)to_bits(b), ub);
			}
		}
		EXPECT(differ == 0, "nan and nanf: the payloads of %d tags are glibc's", N(tags));
	}
	/* remquo: the remainder and the quotient's low bits, on the same pairs as remainder */
	{
		int differ = 0, n = 0;
		for (int j = 0; j < RANDOM; j++) {
			double x = j & 1 ? random_double(0) : random_double(1e6),
			       y = j & 1 ? random_double(0) : random_double(3);
			if (j < NSPECIALS * NSPECIALS)
				x = specials[j / NSPECIALS], y = -specials[j % NSPECIALS];
			int qa = 99, qb = 99;
			double a = remquo(x, y, &qa), b = glibc_remquo(x, y, &qb);
			n++;
			/* the quotient bits are unspecified when the result is NaN */
			if (ulps(a, b) != 0 || (!isnan(b) && (qa & 7) != (qb & 7)) ||
			    (!isnan(b) && (qa < 0) != (qb < 0))) {
				if (differ++ < 5)
					ktap_diag("remquo(%016llx, %016llx) = %016llx %d, glibc "
						  "%016llx %d",
						  (unsigned long long)to_bits(x),
						  (unsigned long long)to_bits(y),
						  (unsigned long long)to_bits(a), qa,
						  (unsigned long long)to_bits(b), qb);
			}
		}
		EXPECT(differ == 0,
		       "remquo: %d pairs, %d differences from glibc (remainder, quotient)", n,
		       differ);
	}
	/* ilogb returns an int: compared as such, with errno */
	{
		int differ = 0;
		for (int j = 0; j < RANDOM + 2 * NSPECIALS; j++) {
			double x = j < 2 * NSPECIALS ? (j & 1 ? -specials[j / 2] : specials[j / 2])
						     : random_double(0);
			errno = 0;
			*glibc_errno_location() = 0;
			int a = ilogb(x), ea = errno, b = glibc_ilogb(x),
			    eb = *glibc_errno_location();
			if (a != b || ea != eb) {
				if (differ++ < 5)
					ktap_diag("ilogb(%016llx) = %d errno %d, glibc %d errno %d",
						  (unsigned long long)to_bits(x), a, ea, b, eb);
			}
		}
		EXPECT(differ == 0, "ilogb: %d inputs, %d differences from glibc (value or errno)",
		       RANDOM + 2 * NSPECIALS, differ);
	}
	for (int i = 0; i < N(unaryfs); i++) {
		const struct unaryf *f = &unaryfs[i];
		struct tally t = {.name = f->name};
		for (int j = 0; j < NSPECIALS; j++) {
			onef(&t, f, (float)specials[j]);
			onef(&t, f, (float)-specials[j]);
		}
		for (int j = 0; j < RANDOM; j++) {
			uint32_t u = (uint32_t)next();
			float r;
			memcpy(&r, &u, 4);
			onef(&t, f, r);
			onef(&t, f, (float)random_double(f->range));
		}
		report(&t);
	}
	for (int i = 0; i < N(binaryfs); i++) {
		const struct binaryf *f = &binaryfs[i];
		struct tally t = {.name = f->name};
		for (int j = 0; j < NSPECIALS; j++)
			for (int k = 0; k < NSPECIALS; k++)
				twof(&t, f, (float)specials[j], (float)-specials[k]);
		for (int j = 0; j < RANDOM; j++)
			twof(&t, f, (float)random_double(f->range_x),
			     (float)random_double(f->range_y));
		report(&t);
	}
}

int main(void)
{
	return ktap_run(tests);
}
