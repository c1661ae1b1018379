/*
 * printf_test.c - the printf formatter through snprintf: flags, width and
 * precision (also *), lengths, every conversion, extreme values, and
 * snprintf's truncation and return value. The expected strings are what
 * glibc prints (this file also builds against glibc to check that).
 *
 * test-run: ktap host
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "ktap.h"

/* Some cases are deliberately odd (ignored flags, a NULL string). */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* One check: snprintf(fmt, ...) gives want, and returns its length. */
#define T(want, ...)                                                                               \
	do {                                                                                       \
		char got_[256];                                                                    \
		int n_ = snprintf(got_, sizeof got_, __VA_ARGS__);                                 \
		char name_[200];                                                                   \
		snprintf(name_, sizeof name_, "format %s", #__VA_ARGS__);                          \
		for (char *h_ = name_; (h_ = strchr(h_, '#')) != NULL;)                            \
			*h_ = '@'; /* KTAP names cannot hold '#' */                                \
		if (n_ != (int)strlen(want))                                                       \
			EXPECT_EQ(n_, strlen(want), "%s", name_);                                  \
		else                                                                               \
			EXPECT_STR(got_, want, "%s", name_);                                       \
	} while (0)

static void integers(void)
{
	T("42", "%d", 42);
	T("-7", "%i", -7);
	T("-2147483648", "%d", INT_MIN);
	T("2147483647", "%d", INT_MAX);
	T("-9223372036854775808", "%lld", LLONG_MIN);
	T("9223372036854775807", "%lld", LLONG_MAX);
	T("-9223372036854775808", "%ld", LONG_MIN);
	T("18446744073709551615", "%llu", ULLONG_MAX);
	T("18446744073709551615", "%lu", ULONG_MAX);
	T("4294967295", "%u", -1);
	T("18446744073709551615", "%zu", (size_t)-1);
	T("-5", "%zd", (ssize_t)-5);
	T("-3", "%td", (ptrdiff_t)-3);
	T("-9223372036854775808", "%jd", INTMAX_MIN);
	T("18446744073709551615", "%ju", UINTMAX_MAX);
	T("-1", "%hhd", 255);
	T("0", "%hhu", 256);
	T("-1", "%hd", 65535);
	T("ff", "%hhx", -1);
	T("ffff", "%hx", -1);
	T("0", "%d", 0);
}

static void flags_width_precision(void)
{
	T("   42", "%5d", 42);
	T("42   |", "%-5d|", 42);
	T("00042", "%05d", 42);
	T("-0042", "%05d", -42);
	T("42   |", "%-05d|", 42);
	T("+5", "%+d", 5);
	T(" 5", "% d", 5);
	T("+5", "%+ d", 5);
	T("-5", "% d", -5);
	T(" 0042", "% 05d", 42);
	T("007", "%.3d", 7);
	T("-007", "%.3d", -7);
	T("     007", "%8.3d", 7);
	T("     007", "%08.3d", 7);
	T("", "%.0d", 0);
	T("     ", "%5.0d", 0);
	T("42", "%1d", 42);
	T("   42", "%*d", 5, 42);
	T("42   ", "%*d", -5, 42);
	T("00042", "%.*d", 5, 42);
	T("42", "%.*d", -1, 42);
	T("   -2147483648", "%14d", INT_MIN);
	T("-00000000002147483648", "%021d", INT_MIN);
	T("123456", "%3d", 123456);
}

static void unsigned_bases(void)
{
	T("ff", "%x", 255);
	T("FF", "%X", 255);
	T("0xff", "%#x", 255);
	T("0XFF", "%#X", 255);
	T("0", "%#x", 0);
	T("10", "%o", 8);
	T("010", "%#o", 8);
	T("0", "%#o", 0);
	T("0", "%#.0o", 0);
	T("", "%.0x", 0);
	T("  010", "%#5o", 8);
	T("0x0000ff", "%#08x", 255);
	T("      00ff", "%10.4x", 255);
	T("    0x00ff", "%#10.4x", 255);
	T("ff", "%+x", 255);
	T("deadbeefcafebabe", "%llx", 0xdeadbeefcafebabeULL);
	T("1777777777777777777777", "%llo", ULLONG_MAX);
	T("ffffffffffffffff", "%lx", -1L);
}

static void chars_strings_pointers(void)
{
	static const char abc[3] = {'a', 'b',
				    'c'}; /* not terminated: precision must stop reading */
	T("A", "%c", 'A');
	T("  A", "%3c", 'A');
	T("A  |", "%-3c|", 'A');
	T("abc", "%s", "abc");
	T("ab", "%.2s", "abc");
	T("abc", "%.3s", abc);
	T("", "%.0s", "abc");
	T("  abc", "%5s", "abc");
	T("abc  |", "%-5s|", "abc");
	T("a", "%.*s", 1, "abc");
	T("   ab", "%*.*s", 5, 2, "abc");
	T("(null)", "%s", (char *)NULL);
	T("0x1234", "%p", (void *)0x1234);
	T("0x7fffffffe000", "%p", (void *)0x7fffffffe000);
	T("(nil)", "%p", NULL);
	T("       0x1f", "%11p", (void *)0x1f);
	T("0x1f       |", "%-11p|", (void *)0x1f);
	T("%", "%%");
	T("100% sure", "100%% sure");
	T("a=1 b=two c=3", "a=%d b=%s c=%c", 1, "two", '3');
	T("", "%s", "");
	T("plain text", "plain text");
}

/* snprintf's size: truncation, the NUL, the returned length, bytes after it untouched. */
static void truncation(void)
{
	char buf[16];
	memset(buf, 'X', sizeof buf);
	int n = snprintf(buf, 5, "%s", "hello world");
	EXPECT(n == 11 && strcmp(buf, "hell") == 0 && buf[5] == 'X',
	       "snprintf truncates to size - 1 bytes, terminates, returns the full length");
	EXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5, "snprintf(NULL, 0) returns the length");
	memset(buf, 'X', sizeof buf);
	n = snprintf(buf, 1, "abc");
	EXPECT(n == 3 && buf[0] == 0 && buf[1] == 'X', "snprintf with size 1 writes only the NUL");
	memset(buf, 'X', sizeof buf);
	n = snprintf(buf, 0, "abc");
	EXPECT(n == 3 && buf[0] == 'X', "snprintf with size 0 writes nothing");
	n = snprintf(buf, sizeof buf, "%c", 0);
	EXPECT(n == 1 && buf[0] == 0, "%%c of a NUL counts one byte");
	n = snprintf(buf, 8, "%20d", 1);
	EXPECT(n == 20 && strcmp(buf, "       ") == 0, "a wide field is cut at the buffer");
	char big[64];
	n = sprintf(big, "%s-%d", "sprintf", -12);
	EXPECT(n == 11 && strcmp(big, "sprintf--12") == 0, "sprintf returns the length");
}

static void all(void)
{
	integers();
	flags_width_precision();
	unsigned_bases();
	chars_strings_pointers();
	truncation();
}

int main(void)
{
	return ktap_run(all);
}
