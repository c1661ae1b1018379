/*
 * fp_compare.c - Interlude's printf floating-point conversions and strtod
 * against glibc's, on the host under ASan/UBSan: the classic hard cases
 * (the extremes, subnormals, halfway values, long digit strings near a
 * halfway point, overflow and underflow, hex floats), then random values
 * from a fixed seed, each printed with a random specification (flags,
 * width, precision, conversion) and read back; and sscanf of random short
 * texts made of the characters numbers are made of, in every numeric
 * conversion (what is stored, the return value, %n).
 *
 *   fp_compare [N [SEED]]     N random values (200000), SEED (printed)
 *
 * Everything here is the libc's under its ilc_ names (rename.h), except
 * the glibc_ functions of fp_glibc.c. Each difference is a failure,
 * printed with the value's bits; make test-fp-long runs 10 million.
 */
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"
#include "fp_compare.h"
#include "fp_glibc.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static char ours[20000], theirs[20000];
long mismatches; /* in the current group */

/* The raw bits of a double, to name a value without trusting our %a. */
unsigned long long bits_of(double x)
{
	unsigned long long u;
	memcpy(&u, &x, sizeof u);
	return u;
}

long glibc_defects; /* differences that are glibc's known defects, all groups */

/*
 * glibc's %#g drops the zeros C asks for when rounding carries into a
 * new power of ten in the e style: %#g of 999999.5 is "1.e+06" there,
 * "1.00000e+06" here (C: # keeps the trailing zeros). If ours is glibc's
 * with only a run of zeros after its '.', the difference is counted,
 * not failed.
 */
static int glibc_alt_g_defect(const char *fmt, const char *mine, const char *glibc)
{
	size_t fl = strlen(fmt);
	if (!strchr(fmt, '#') || (fmt[fl - 1] != 'g' && fmt[fl - 1] != 'G'))
		return 0;
	const char *dot = strstr(glibc, ".e") ? strstr(glibc, ".e") : strstr(glibc, ".E");
	if (!dot)
		return 0;
	size_t pre = (size_t)(dot - glibc) + 1;
	if (strncmp(mine, glibc, pre))
		return 0;
	const char *m = mine + pre;
	if (*m != '0')
		return 0;
	while (*m == '0')
		m++;
	if (strcmp(m, dot + 1))
		return 0;
	glibc_defects++;
	return 1;
}

/* printf(fmt, x) by both; counts and shows (the first few) differences. */
static void cmp_format(const char *fmt, double x)
{
	int a = snprintf(ours, sizeof ours, fmt, x);
	int b = glibc_format(theirs, sizeof theirs, fmt, x);
	if ((a != b || strcmp(ours, theirs)) && !glibc_alt_g_defect(fmt, ours, theirs)) {
		if (mismatches++ < 10)
			ktap_diag(
			    "\"%s\" of bits %016llx: ours \"%.60s\" (%d), glibc \"%.60s\" (%d)",
			    fmt, bits_of(x), ours, a, theirs, b);
	}
}

/* The same for a long double. */
static void cmp_format_long(const char *fmt, long double x)
{
	int a = snprintf(ours, sizeof ours, fmt, x);
	int b = glibc_format_long(theirs, sizeof theirs, fmt, x);
	if ((a != b || strcmp(ours, theirs)) && !glibc_alt_g_defect(fmt, ours, theirs)) {
		unsigned long long w[2] = {0, 0};
		memcpy(w, &x, 10);
		if (mismatches++ < 10)
			ktap_diag("\"%s\" of long double %04llx:%016llx: ours \"%.60s\" (%d), "
				  "glibc \"%.60s\" (%d)",
				  fmt, w[1] & 0xffff, w[0], ours, a, theirs, b);
	}
}

uint64_t rng_state;

/* splitmix64: a fixed-seed generator, the same on every machine. */
uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A double from 64 random bits: every exponent equally likely, inf and nan included. */
double random_double(void)
{
	uint64_t u = rng();
	double d;
	memcpy(&d, &u, sizeof d);
	return d;
}

/* A random specification for one floating conversion: flags, width, precision, conversion. */
static void random_spec(char *fmt, size_t size, const char *length)
{
	static const char convs[] = "fFeEgGaA";
	char flags[8];
	int nf = 0;
	uint64_t r = rng();
	for (int i = 0; i < 5; i++)
		if (r >> i & 1 && (r >> (8 + i)) % 3 == 0)
			flags[nf++] = "-+ #0"[i];
	flags[nf] = '\0';
	char conv = convs[(r >> 16) % 8];
	int width = (r >> 24) % 4 ? -1 : (int)((r >> 28) % 40);
	int prec =
	    (r >> 36) % 4 == 0 ? -1 : (int)((r >> 40) % (conv == 'f' || conv == 'F' ? 30 : 40));
	char w[16] = "", p[16] = "";
	if (width >= 0)
		snprintf(w, sizeof w, "%d", width);
	if (prec >= 0)
		snprintf(p, sizeof p, ".%d", prec);
	snprintf(fmt, size, "%%%s%s%s%s%c", flags, w, p, length, conv);
}

static const char *const hard_formats[] = {
    "%f",      "%.0f",	    "%.1f",   "%.2f",	 "%.20f",  "%.1100f", "%e",   "%.0e",
    "%.1e",    "%.16e",	    "%.17e",  "%.40e",	 "%.800e", "%g",      "%.0g", "%.1g",
    "%.17g",   "%.30g",	    "%#g",    "%#.0f",	 "%#.0e",  "%#.3g",   "%a",   "%A",
    "%.0a",    "%.1a",	    "%.3a",   "%.20a",	 "%#.0a",  "%+f",     "% e",  "%-12.3g|",
    "%012.3f", "%-012.3e|", "%+015a", "%25.10e", "%F",	   "%E",      "%G",   "%010f",
};

/* Every hard format on the hard values, doubles and long doubles. */
void printf_hard_cases(void)
{
	double zero = 0.0;
	const double values[] = {
	    0.0,
	    -0.0,
	    1.0,
	    -1.0,
	    0.5,
	    1.5,
	    2.5,
	    3.5,
	    -0.5,
	    -2.5,
	    0.125,
	    0.375,
	    0.1,
	    0.2,
	    0.3,
	    1e-5,
	    1e-4,
	    9.9999e-5,
	    0.0001,
	    123456.0,
	    999999.5,
	    9.5,
	    99.5,
	    0.05,
	    0.15,
	    0.25,
	    0.35,
	    1e15,
	    1e16,
	    1e17,
	    1e21,
	    1e22,
	    1e23,
	    9007199254740993.0,
	    9007199254740992.0,
	    DBL_MAX,
	    -DBL_MAX,
	    DBL_MIN,
	    DBL_TRUE_MIN,
	    5e-324,
	    0x1p-1074,
	    0x1p-1022,
	    0x1.fffffffffffffp-1023,
	    0x1p-1073,
	    0x1.8p-1074 * 2,
	    1.0 / 3,
	    2.0 / 3,
	    0x1.fffffffffffffp+0,
	    0x1.0000000000001p+0,
	    0x1.ffffp+10,
	    0x1.f8p+0,
	    0x1.08p+0,
	    0x1.18p+0,
	    1e300,
	    1e-300,
	    4.35,
	    2.675,
	    1.005,
	    1.0 / zero,
	    -1.0 / zero,
	    zero / zero,
	    -(zero / zero),
	    0x1p63,
	    0x1p64,
	    18446744073709551615.0,
	};
	for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
		for (size_t f = 0; f < sizeof hard_formats / sizeof hard_formats[0]; f++)
			cmp_format(hard_formats[f], values[v]);
	const long double lvalues[] = {
	    0.0L,
	    -0.0L,
	    1.0L,
	    0.5L,
	    2.5L,
	    0.1L,
	    LDBL_MAX,
	    -LDBL_MAX,
	    LDBL_MIN,
	    LDBL_TRUE_MIN,
	    LDBL_MIN / 3,
	    1.0L / 3,
	    0x1.fffffffffffffffep+0L,
	    0xf.fffffffffffffffp+0L,
	    1e4000L,
	    1e-4000L,
	    DBL_MAX,
	    9007199254740993.0L,
	    1.0L / zero,
	    zero / zero,
	};
	static const char *const lformats[] = {
	    "%Lf",    "%.0Lf",	   "%.30Lf",  "%Le",	  "%.0Le", "%.25Le", "%Lg",
	    "%.21Lg", "%#Lg",	   "%La",     "%LA",	  "%.0La", "%.1La",  "%.3La",
	    "%.20La", "%+015.4Le", "%-20La|", "%.5000Le", "%llf",  "%qe",
	};
	for (size_t v = 0; v < sizeof lvalues / sizeof lvalues[0]; v++)
		for (size_t f = 0; f < sizeof lformats / sizeof lformats[0]; f++)
			cmp_format_long(lformats[f], lvalues[v]);
}

/* n random doubles, each with a random specification; n / 50 random long doubles too. */
void printf_random(long n)
{
	char fmt[64];
	for (long i = 0; i < n; i++) {
		double x = random_double();
		random_spec(fmt, sizeof fmt, "");
		cmp_format(fmt, x);
		cmp_format("%.17g", x); /* enough digits to read the double back */
	}
	for (long i = 0; i < n / 50; i++) {
		uint64_t m = rng();
		unsigned se = (unsigned)rng() & 0xffff;
		if ((se & 0x7fff) == 0)
			m &= ~(1ull << 63); /* a subnormal: no integer bit */
		else
			m |= 1ull << 63; /* the canonical normal (and inf/nan) encodings */
		long double x = 0;
		memcpy(&x, &m, 8);
		memcpy((char *)&x + 8, &se, 2);
		random_spec(fmt, sizeof fmt, "L");
		cmp_format_long(fmt, x);
	}
}

/* The groups in order, each one KTAP result; the number of failures. */
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x1e7e1ade2026ull;
	ktap_begin(7);
	ktap_diag("seed %#llx, %ld random values", (unsigned long long)seed, n);
	rng_state = seed;

	mismatches = 0;
	printf_hard_cases();
	EXPECT_EQ(mismatches, 0, "printf: the hard cases as glibc prints them");
	EXPECT(glibc_defects > 0,
	       "the %%#g case where glibc drops zeros is among them, and is C's here");

	char buf[32];
	snprintf(buf, sizeof buf, "%#g", 999999.5);
	errno = 0;
	float f1 = strtof("0x1.000003p-127", NULL);
	int e1 = errno;
	errno = 0;
	float f2 = strtof("0x1.000001p-127", NULL);
	EXPECT(!strcmp(buf, "1.00000e+06") && f1 == 0x1.000004p-127f && e1 == ERANGE &&
		   f2 == 0x1p-127f && errno == ERANGE,
	       "where glibc errs: %%#g keeps its zeros, hex subnormals round and set ERANGE as C "
	       "says");

	mismatches = 0;
	printf_random(n);
	EXPECT_EQ(mismatches, 0, "printf: %ld random doubles and %ld long doubles as glibc", n,
		  n / 50);

	mismatches = 0;
	strtod_hard_cases();
	EXPECT_EQ(mismatches, 0, "strtod, strtof, strtold: the hard cases as glibc reads them");

	mismatches = 0;
	strtod_random(n);
	EXPECT_EQ(mismatches, 0, "strtod, strtof, strtold: %ld random doubles read back as glibc",
		  n);
	mismatches = 0;
	scanf_random(n);
	EXPECT_EQ(mismatches, 0, "sscanf: %ld random texts as glibc reads them", n);
	ktap_diag("%ld results differ from glibc's by its known defects (glibc_alt_g_defect, "
		  "glibc_hex_defect), and are C's",
		  glibc_defects);
	return ktap_end();
}
