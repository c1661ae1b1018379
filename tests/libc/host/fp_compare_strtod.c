/*
 * fp_compare_strtod.c - fp_compare's strtod, strtof and strtold part:
 * the hard strings, the halfway strings of doubles, and random doubles
 * printed by glibc and read back by both (see fp_compare.c).
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
    "nan(0x7900700710000000000000f0)",
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
void strtod_hard_cases(void)
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
 * A long random decimal text: 1 to 1200 digits (runs of 0s and 9s are
 * likely, the strings where a carry or a sticky bit matters), a point
 * somewhere, an exponent that puts it anywhere from far below the
 * subnormals to past the overflow.
 */
static void long_digit_string(char *s, size_t size)
{
	uint64_t r = rng();
	size_t len = 1 + (size_t)(r % 1200);
	if (len > size - 16)
		len = size - 16;
	size_t point = (size_t)((r >> 12) % (len + 1));
	char *p = s;
	if (r >> 62)
		*p++ = '-';
	int run = (int)((r >> 24) % 3); /* 0: random digits, 1: mostly 0, 2: mostly 9 */
	for (size_t i = 0; i < len; i++) {
		if (i == point)
			*p++ = '.';
		uint64_t d = rng();
		*p++ = run == 0 || d % 8 == 0 ? (char)('0' + d % 10) : run == 1 ? '0' : '9';
	}
	int exp = (int)((r >> 32) % 10000) - 5000;
	snprintf(p, 16, "e%d", exp);
}

/*
 * n random doubles printed by glibc (%.17g, and %.Ne or %.Na with a
 * random N: short strings land anywhere between two doubles) and read
 * back by the three readers; every 50th by its halfway strings too, and
 * every 50th a long random digit string.
 */
void strtod_random(long n)
{
	char s[96], fmt[16];
	static char longs[1300];
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
		if (i % 50 == 25) {
			long_digit_string(longs, sizeof longs);
			cmp_all_strto(longs);
		}
	}
}
