/*
 * strtol_test.c - strtol, strtoul, strtoll, strtoull and atoi: bases 0,
 * 8, 10, 16 and 36, signs, white space, overflow (saturation and ERANGE),
 * where *endptr points, invalid bases.
 *
 * test-run: ktap host
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "ktap.h"

/* strtol(s, &end, base) == want, errno == want_errno (0 if untouched), end == s + want_end. */
static void L(const char *s, int base, long want, int want_errno, int want_end)
{
	char *end = (char *)1;
	errno = 0;
	long v = strtol(s, &end, base);
	int e = errno;
	EXPECT(v == want && e == want_errno && end == s + want_end,
	       "strtol(\"%s\", %d) = %ld errno %d end +%d (got %ld errno %d end +%d)", s, base,
	       want, want_errno, want_end, v, e, (int)(end - s));
}

/* The same for strtoul. */
static void UL(const char *s, int base, unsigned long want, int want_errno, int want_end)
{
	char *end = (char *)1;
	errno = 0;
	unsigned long v = strtoul(s, &end, base);
	int e = errno;
	EXPECT(v == want && e == want_errno && end == s + want_end,
	       "strtoul(\"%s\", %d) = %lu errno %d end +%d (got %lu errno %d end +%d)", s, base,
	       want, want_errno, want_end, v, e, (int)(end - s));
}

static void all(void)
{
	L("0", 10, 0, 0, 1);
	L("123", 10, 123, 0, 3);
	L("-123", 10, -123, 0, 4);
	L("+42", 10, 42, 0, 3);
	L("  17xyz", 10, 17, 0, 4);
	char *end;
	const char *ws = " \t\n\v\f\r-17x";
	EXPECT(strtol(ws, &end, 10) == -17 && end == ws + 9,
	       "strtol skips the six white-space characters");
	L("", 10, 0, 0, 0);
	L("   ", 10, 0, 0, 0);
	L("-", 10, 0, 0, 0);
	L("+ 1", 10, 0, 0, 0);
	L("abc", 10, 0, 0, 0);
	L("0x1f", 0, 31, 0, 4);
	L("0X1F", 16, 31, 0, 4);
	L("1f", 16, 31, 0, 2);
	L("0x", 16, 0, 0, 1); /* "0" is the number, "x" is left */
	L("0xg", 0, 0, 0, 1);
	L("017", 0, 15, 0, 3);
	L("017", 10, 17, 0, 3);
	L("017", 8, 15, 0, 3);
	L("08", 0, 0, 0, 1); /* octal stops at 8 */
	L("0", 0, 0, 0, 1);
	L("-0x10", 0, -16, 0, 5);
	L("zz", 36, 1295, 0, 2);
	L("101", 2, 5, 0, 3);
	L("9223372036854775807", 10, LONG_MAX, 0, 19);
	L("9223372036854775808", 10, LONG_MAX, ERANGE, 19);
	L("-9223372036854775808", 10, LONG_MIN, 0, 20);
	L("-9223372036854775809", 10, LONG_MIN, ERANGE, 20);
	L("99999999999999999999999999", 10, LONG_MAX, ERANGE, 26);
	L("0x7fffffffffffffff", 16, LONG_MAX, 0, 18);
	L("0x8000000000000000", 16, LONG_MAX, ERANGE, 18);
	errno = 0;
	EXPECT(strtol("12", NULL, 1) == 0 && errno == EINVAL, "strtol base 1 is EINVAL");
	errno = 0;
	EXPECT(strtol("12", NULL, 37) == 0 && errno == EINVAL, "strtol base 37 is EINVAL");

	UL("18446744073709551615", 10, ULONG_MAX, 0, 20);
	UL("18446744073709551616", 10, ULONG_MAX, ERANGE, 20);
	UL("-1", 10, ULONG_MAX, 0, 2); /* C: the negation in the unsigned type */
	UL("0xffffffffffffffff", 0, ULONG_MAX, 0, 18);
	UL("0x10000000000000000", 0, ULONG_MAX, ERANGE, 19);
	UL("  42 ", 0, 42, 0, 4);
	UL("777", 8, 511, 0, 3);

	errno = 0;
	EXPECT(strtoll("-9223372036854775809", NULL, 10) == LLONG_MIN && errno == ERANGE,
	       "strtoll underflow gives LLONG_MIN, ERANGE, with a NULL endptr");
	errno = 0;
	EXPECT(strtoull("123456789012345678", NULL, 0) == 123456789012345678ULL && errno == 0,
	       "strtoull");

	EXPECT_EQ(atoi("42"), 42, "atoi");
	EXPECT_EQ(atoi("  -17abc"), -17, "atoi with white space, sign and trailing junk");
	EXPECT_EQ(atoi("junk"), 0, "atoi of no number");
	EXPECT_EQ(atoi("2147483647"), INT_MAX, "atoi INT_MAX");
	EXPECT_EQ(atoi("-2147483648"), INT_MIN, "atoi INT_MIN");
	EXPECT_EQ(atoi("010"), 10, "atoi is decimal");
	EXPECT_EQ(atol("-9223372036854775808"), LONG_MIN, "atol LONG_MIN");
	EXPECT_EQ(atoll("123456789012"), 123456789012LL, "atoll");
}

int main(void)
{
	return ktap_run(all);
}
