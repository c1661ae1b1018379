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
#include "fp_glibc.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static char ours[20000], theirs[20000];
static long mismatches; /* in the current group */

/* The raw bits of a double, to name a value without trusting our %a. */
static unsigned long long bits_of(double x)
{
	unsigned long long u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static long glibc_defects; /* differences that are glibc's known defects, all groups */

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

/* splitmix64: a fixed-seed generator, the same on every machine. */
static uint64_t rng_state;
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A double from 64 random bits: every exponent equally likely, inf and nan included. */
static double random_double(void)
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
static void printf_hard_cases(void)
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
	    "%Lf",   "%.0Lf",  "%.30Lf", "%Le",	      "%.0Le",	 "%.25Le",
	    "%Lg",   "%.21Lg", "%#Lg",	 "%La",	      "%LA",	 "%.0La",
	    "%.1La", "%.3La",  "%.20La", "%+015.4Le", "%-20La|", "%.5000Le",
	};
	for (size_t v = 0; v < sizeof lvalues / sizeof lvalues[0]; v++)
		for (size_t f = 0; f < sizeof lformats / sizeof lformats[0]; f++)
			cmp_format_long(lformats[f], lvalues[v]);
}

/* n random doubles, each with a random specification; n / 50 random long doubles too. */
static void printf_random(long n)
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

/*
 * glibc's strtod and strtof drop a bit when a hex number (0x...p...)
 * becomes subnormal with its last bits exactly 1 after the rounding bit:
 * strtof("0x1.000003p-127") is 0x1p-127 there, where the nearest float
 * (and GCC's own constant) is 0x1.000004p-127, and ERANGE is missed for
 * "0x1.000001p-127". For hex input of at most 64 bits the exact value
 * is glibc's strtold (exact: such numbers are normal long doubles), and
 * the hardware's conversion to the narrower type rounds it correctly;
 * if ours is that, with ERANGE exactly for a tiny inexact result, the
 * difference is glibc's and is counted, not failed. p, emin: the type's
 * precision and smallest normal exponent; got: our result, widened.
 */
static int glibc_hex_defect(const char *s, long double got, int err, int p, int emin)
{
	const char *h = s;
	while (*h == ' ' || *h == '-' || *h == '+')
		h++;
	if (h[0] != '0' || (h[1] != 'x' && h[1] != 'X'))
		return 0;
	long gend;
	int gerr;
	long double exact = glibc_strtold(s, &gend, &gerr);
	long double want = p == 24 ? (long double)(float)exact : (long double)(double)exact;
	if (memcmp(&want, &got, 10))
		return 0;
	long double mag = exact < 0 ? -exact : exact;
	long double tiny_below =
	    __builtin_ldexpl(1.0L, emin) - __builtin_ldexpl(1.0L, emin - p - 1);
	int want_err = (mag < tiny_below && want != exact) ? ERANGE : 0;
	if (err != want_err)
		return 0;
	glibc_defects++;
	return 1;
}

/* strtod, strtof and strtold of s by both: the same bits, the same end, the same errno. */
static void cmp_strtod(const char *s)
{
	long gend;
	int gerr;
	char *end;
	double gd = glibc_strtod(s, &gend, &gerr);
	errno = 0;
	double d = strtod(s, &end);
	if ((bits_of(d) != bits_of(gd) || errno != gerr) && end - s == gend &&
	    glibc_hex_defect(s, d, errno, 53, -1022))
		return;
	if (bits_of(d) != bits_of(gd) || end - s != gend || errno != gerr) {
		if (mismatches++ < 10)
			ktap_diag("strtod(\"%.50s\"): ours %016llx end %ld errno %d, glibc %016llx "
				  "end %ld errno %d",
				  s, bits_of(d), (long)(end - s), errno, bits_of(gd), gend, gerr);
	}
}

/* strtof by both. */
static void cmp_strtof(const char *s)
{
	long gend;
	int gerr;
	char *end;
	float gf = glibc_strtof(s, &gend, &gerr);
	errno = 0;
	float f = strtof(s, &end);
	if ((memcmp(&f, &gf, 4) || errno != gerr) && end - s == gend &&
	    glibc_hex_defect(s, f, errno, 24, -126))
		return;
	unsigned a, b;
	memcpy(&a, &f, 4);
	memcpy(&b, &gf, 4);
	if (a != b || end - s != gend || errno != gerr) {
		if (mismatches++ < 10)
			ktap_diag("strtof(\"%.50s\"): ours %08x end %ld errno %d, glibc %08x end "
				  "%ld errno %d",
				  s, a, (long)(end - s), errno, b, gend, gerr);
	}
}

/* strtold by both (the 10 bytes that hold the value). */
static void cmp_strtold(const char *s)
{
	long gend;
	int gerr;
	char *end;
	long double gx = glibc_strtold(s, &gend, &gerr);
	errno = 0;
	long double x = strtold(s, &end);
	if (memcmp(&x, &gx, 10) || end - s != gend || errno != gerr) {
		unsigned long long a[2] = {0, 0}, b[2] = {0, 0};
		memcpy(a, &x, 10);
		memcpy(b, &gx, 10);
		if (mismatches++ < 10)
			ktap_diag("strtold(\"%.50s\"): ours %04llx:%016llx end %ld errno %d, glibc "
				  "%04llx:%016llx end %ld errno %d",
				  s, a[1], a[0], (long)(end - s), errno, b[1], b[0], gend, gerr);
	}
}

/* All three readers on s. */
static void cmp_all_strto(const char *s)
{
	cmp_strtod(s);
	cmp_strtof(s);
	cmp_strtold(s);
}

/*
 * Strings exactly halfway between the double x and the next one up, and
 * just beside it: the midpoint is exact as a long double, and glibc's
 * %.800Le prints it exactly; cut short, or with a 1 far down, it falls
 * on either side.
 */
static void halfway_strings(double x, void (*check)(const char *))
{
	static char buf[1200];
	if (x != x || x == __builtin_inf())
		return; /* nothing above */
	unsigned long long u = bits_of(x);
	u = x == 0 ? 1 : x > 0 ? u + 1 : u - 1; /* the next double up */
	double next;
	memcpy(&next, &u, sizeof next);
	long double mid = next == __builtin_inf()
			      ? (long double)x + 0x1p970L /* DBL_MAX's half step */
			      : ((long double)x + next) / 2;
	int n = glibc_format_long(buf, sizeof buf - 8, "%.800Le", mid);
	check(buf);
	char *e = strchr(buf, 'e');
	if (!e || n < 0)
		return;
	static char alt[1300];
	/* the exact digits and a 1 after them: just above halfway */
	int digits_len = (int)(e - buf);
	snprintf(alt, sizeof alt, "%.*s%s1%s", digits_len, buf, "00000000", e);
	check(alt);
	/* cut at 17, 20 and 40 significant digits: just below halfway */
	for (int cut = 18; cut <= 41; cut += cut == 18 ? 3 : 20) {
		snprintf(alt, sizeof alt, "%.*s%s", cut + (buf[0] == '-'), buf, e);
		check(alt);
	}
}

static const char *const hard_strings[] = {
    "0",
    "-0",
    "+0",
    "0.0",
    "-0.0e10",
    "1",
    "-1",
    "0.1",
    "0.5",
    "1.5",
    "2.5",
    "1e400",
    "-1e400",
    "1e-400",
    "-1e-400",
    "5e-324",
    "4.9406564584124654e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "2.4703282292062327208828439643411068618252990130716238221279284125033775364"
    "51e-324",
    "2.2250738585072011e-308",
    "2.2250738585072012e-308",
    "2.2250738585072014e-308",
    "2.2250738585072009e-308",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "1.797693134862315807937e308",
    "9007199254740993",
    "9007199254740993.0000000000000000000000000000000000000000001",
    "9007199254740992.999999999999",
    "9007199254740995",
    "0x1p-1074",
    "0x1p-1075",
    "0x1.8p-1075",
    "0x1.fffffffffffffp-1023",
    "0x1.fffffffffffff8p-1023",
    "0x1p1023",
    "0x1p1024",
    "0x1.fffffffffffffp1023",
    "0x1.fffffffffffff7ffffffffp1023",
    "0x1.fffffffffffff8p1023",
    "0x.8p1",
    "0x1.8",
    "0X1P+3",
    "0x123456789abcdef0123456789p-10",
    "0x",
    "0xg",
    "0x.p1",
    "-0x",
    "0x1p",
    "0x1p+",
    "0x1.8p-",
    "inf",
    "-Infinity",
    "INFINITE",
    "infinit",
    "+INF",
    "nan",
    "-nan",
    "NaN(123)",
    "nan(0x7)",
    "nan(abc",
    "nan()",
    "nan(_x1)",
    "nanx",
    "1e",
    "1e+",
    "1e-5x",
    ".5",
    "5.",
    ".",
    "-.",
    "+",
    "",
    "   \t\n 42",
    "1.5e+9999999999999",
    "0e999999999",
    "-0e-99999999999999",
    "123456789012345678901234567890e-30",
    "1_000",
    "0.000000000000000000000000000001e30",
    "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124",
    "1.00000000000000011102230246251565404236316680908203126",
    "3.4028235677973366e38",
    "3.4028235677973367e38",
    "1.4012984643248170e-45",
    "7.0064923216240854e-46",
    "7.0064923216240855e-46",
    "1.1754942e-38",
    "1e-4951",
    "3.6e-4951",
    "1.18973149535723176502e4932",
    "1.18973149535723176508e4932",
    "1.2e4932",
    "0x1p-16445",
    "0x1p-16446",
    "0x1.8p-16446",
    "0x1p16384",
    "1e-5000",
    "1e5000",
    "0x1.000003p-127",
    "0x1.000001p-127",
    "0x1.00000000000018p-1023",
};

/* Every hard string by the three readers, and the halfway strings of some hard doubles. */
static void strtod_hard_cases(void)
{
	for (size_t i = 0; i < sizeof hard_strings / sizeof hard_strings[0]; i++)
		cmp_all_strto(hard_strings[i]);
	const double halfway_of[] = {0.0,	5e-324,
				     1e-310,	0x1.fffffffffffffp-1023,
				     0x1p-1022, 0.1,
				     1.0,	9007199254740992.0,
				     1e23,	0x1.ffffffffffffep1023,
				     1e300};
	for (size_t i = 0; i < sizeof halfway_of / sizeof halfway_of[0]; i++)
		halfway_strings(halfway_of[i], cmp_strtod);
	/* a long run of digits: 9007199254740993 with 1000 zeros and a 1, and without the 1 */
	static char big[1100];
	memset(big, '0', sizeof big - 1);
	memcpy(big, "9007199254740993.", 17);
	big[sizeof big - 2] = '1';
	cmp_all_strto(big);
	big[sizeof big - 2] = '0';
	cmp_all_strto(big);
}

/*
 * n random doubles printed by glibc (%.17g, and %.Ne or %.Na with a
 * random N: short strings land anywhere between two doubles) and read
 * back by the three readers; every 50th by its halfway strings too.
 */
static void strtod_random(long n)
{
	char s[96], fmt[16];
	for (long i = 0; i < n; i++) {
		double x = random_double();
		glibc_format(s, sizeof s, "%.17g", x);
		cmp_strtod(s);
		uint64_t r = rng();
		snprintf(fmt, sizeof fmt, "%%.%d%c", (int)(r % 26), (r >> 8) % 4 ? 'e' : 'a');
		glibc_format(s, sizeof s, fmt, x);
		cmp_all_strto(s);
		if (i % 50 == 0)
			halfway_strings(x, cmp_strtod);
	}
}

/* A random short text from the characters numbers are made of, and a few that are not. */
static void random_text(char *s, size_t size)
{
	static const char alphabet[] = "0123456789.eE+-xXpPaAbcfFiInNtTy( ) \t,";
	uint64_t r = rng();
	size_t len = r % 14;
	if (len > size - 1)
		len = size - 1;
	for (size_t i = 0; i < len; i++) {
		if (i % 8 == 0)
			r = rng();
		s[i] = alphabet[(r >> (8 * (i % 8))) % (sizeof alphabet - 1)];
	}
	s[len] = '\0';
}

/* Whether a value written by one sscanf is the other's (same bits), for size bytes. */
static int same_bytes(const void *a, const void *b, size_t size)
{
	return memcmp(a, b, size) == 0;
}

/*
 * sscanf by both of n random texts, in the formats that read numbers:
 * the return value, the value stored (its bits) and the %n count must be
 * glibc's. Values start as the same junk, so "not stored" is compared too.
 */
static void scanf_random(long n)
{
	static const char *const float_formats[] = {"%f%n", "%3f%n", " %f %n"};
	static const char *const double_formats[] = {"%lf%n", "%le%n", "%5la%n", "%2lg%n",
						     "%*lf%n"};
	static const char *const long_formats[] = {"%ld%n",  "%li%n",  "%lx%n", "%lo%n", "%lu%n",
						   "%2li%n", "%3lx%n", "%p%n",	"x%ld%n"};
	char text[16];
	for (long i = 0; i < n; i++) {
		random_text(text, sizeof text);
		uint64_t r = rng();
		int kind = (int)(r % 4), k, ra, rb, na = -7, nb = -7, same;
		const char *fmt;
		if (kind == 0) {
			fmt = float_formats[(r >> 8) % 3];
			float a = -7, b = -7;
			ra = sscanf(text, fmt, &a, &na);
			rb = glibc_scan_float(text, fmt, &b, &nb);
			same = same_bytes(&a, &b, sizeof a);
		} else if (kind == 1) {
			k = (int)((r >> 8) % 5);
			fmt = double_formats[k];
			double a = -7, b = -7;
			ra = k == 4 ? sscanf(text, fmt, &na) : sscanf(text, fmt, &a, &na);
			rb = k == 4 ? glibc_scan_count(text, fmt, &nb)
				    : glibc_scan_double(text, fmt, &b, &nb);
			same = same_bytes(&a, &b, sizeof a);
		} else if (kind == 2) {
			fmt = "%Lf%n";
			long double a = -7, b = -7;
			ra = sscanf(text, fmt, &a, &na);
			rb = glibc_scan_ldouble(text, fmt, &b, &nb);
			same = same_bytes(&a, &b, 10);
		} else {
			fmt = long_formats[(r >> 8) % 9];
			long a = -7, b = -7;
			ra = sscanf(text, fmt, &a, &na);
			rb = glibc_scan_long(text, fmt, &b, &nb);
			same = a == b;
		}
		if (ra != rb || na != nb || !same) {
			if (mismatches++ < 10)
				ktap_diag(
				    "sscanf(\"%s\", \"%s\"): ours %d (%%n %d), glibc %d (%%n %d)%s",
				    text, fmt, ra, na, rb, nb, same ? "" : ", values differ");
		}
	}
}

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
