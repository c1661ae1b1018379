/*
 * kprintf_format_test.c - more tests of the kernel's printf (suite
 * "kprintf", continued from kprintf_test.c): '*' width and precision,
 * precision on integers, length modifiers, %p, truncation and the return
 * value, odd formats, kvsnprintf. Each expected string is what C's
 * snprintf prints for the same format and arguments.
 */
#include "lib/kprintf.h"
#include "lib/test/format_warnings.h"
#include "test/ktest.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* --- '*' width and precision --------------------------------------------------------- */

KTEST(kprintf, star_width)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%*d]", 5, 42);
	EXPECT_STREQ(buf, "[   42]");
}

KTEST(kprintf, star_width_with_zero_flag)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%0*d", 5, 42);
	EXPECT_STREQ(buf, "00042");
}

KTEST(kprintf, negative_star_width_left_justifies)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%*d]", -5, 42);
	EXPECT_STREQ(buf, "[42   ]");
}

KTEST(kprintf, negative_star_width_left_justifies_string)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%*s]", -6, "abc");
	EXPECT_STREQ(buf, "[abc   ]");
}

KTEST(kprintf, negative_star_width_overrides_zero)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%0*d]", -5, 42);
	EXPECT_STREQ(buf, "[42   ]");
}

KTEST(kprintf, star_precision_truncates_string)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%.*s]", 2, "abcdef");
	EXPECT_STREQ(buf, "[ab]");
}

KTEST(kprintf, star_precision_on_integer)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%.*d", 4, 7);
	EXPECT_STREQ(buf, "0007");
}

KTEST(kprintf, negative_star_precision_is_ignored)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%.*s|%.*d]", -1, "abc", -3, 0);
	EXPECT_STREQ(buf, "[abc|0]");
}

KTEST(kprintf, star_width_and_star_precision)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%*.*d]", 6, 3, -7);
	EXPECT_STREQ(buf, "[  -007]");
}

KTEST(kprintf, star_consumes_arguments_in_order)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%*d|%-*s|%d", 3, 1, 4, "ab", 9);
	EXPECT_STREQ(buf, "  1|ab  |9");
}

/* --- precision on integers ----------------------------------------------------------- */

KTEST(kprintf, precision_gives_minimum_digits)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%.5d", 42);
	EXPECT_STREQ(buf, "00042");
}

KTEST(kprintf, precision_digits_after_sign)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%.5d", -42);
	EXPECT_STREQ(buf, "-00042");
}

KTEST(kprintf, precision_smaller_than_number_is_harmless)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%.2d", 12345);
	EXPECT_STREQ(buf, "12345");
}

KTEST(kprintf, precision_and_width_on_integer)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "[%8.5d|%-8.5d]", 42, 42);
	EXPECT_STREQ(buf, "[   00042|00042   ]");
}

KTEST(kprintf, precision_on_hex)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%.8x", 0xabcu);
	EXPECT_STREQ(buf, "00000abc");
}

KTEST(kprintf, precision_zero_value_zero_prints_nothing)
{
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "[%.0d]", 0), 2);
	EXPECT_STREQ(buf, "[]");
}

KTEST(kprintf, precision_dot_alone_means_zero)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%.d]", 0);
	EXPECT_STREQ(buf, "[]");
}

KTEST(kprintf, precision_zero_value_zero_unsigned_and_hex)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%.0u|%.0x|%#.0x|%.0o]", 0u, 0u, 0u, 0u);
	EXPECT_STREQ(buf, "[|||]");
}

KTEST(kprintf, precision_zero_value_zero_keeps_width)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%3.0d]", 0);
	EXPECT_STREQ(buf, "[   ]");
}

KTEST(kprintf, precision_zero_value_zero_keeps_sign)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%+.0d|% .0d]", 0, 0);
	EXPECT_STREQ(buf, "[+| ]");
}

KTEST(kprintf, precision_zero_nonzero_value_prints)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%.0d", 3);
	EXPECT_STREQ(buf, "3");
}

/* --- length modifiers ------------------------------------------------------------------ */

KTEST(kprintf, hh_truncates_to_signed_char)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%hhd %hhd", 200, 127);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "-56 127");
}

KTEST(kprintf, hh_truncates_to_unsigned_char)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%hhu %hhx", 256 + 7, -1);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "7 ff");
}

KTEST(kprintf, h_truncates_to_short)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%hd %hd", 65535, -32768);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "-1 -32768");
}

KTEST(kprintf, h_truncates_to_unsigned_short)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%hu %hx", 65536 + 1, -1);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "1 ffff");
}

KTEST(kprintf, l_long_negative)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%ld", -1234567890123L);
	EXPECT_STREQ(buf, "-1234567890123");
}

KTEST(kprintf, l_int64_min)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%ld", (long)INT64_MIN);
	EXPECT_STREQ(buf, "-9223372036854775808");
}

KTEST(kprintf, ll_int64_min)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%lld", (long long)INT64_MIN);
	EXPECT_STREQ(buf, "-9223372036854775808");
}

KTEST(kprintf, ll_int64_max)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%lli", (long long)INT64_MAX);
	EXPECT_STREQ(buf, "9223372036854775807");
}

KTEST(kprintf, lu_uint64_max)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%lu", (unsigned long)UINT64_MAX);
	EXPECT_STREQ(buf, "18446744073709551615");
}

KTEST(kprintf, llu_uint64_max)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%llu", (unsigned long long)UINT64_MAX);
	EXPECT_STREQ(buf, "18446744073709551615");
}

KTEST(kprintf, llx_uint64_max)
{
	char buf[48];
	ksnprintf(buf, sizeof buf, "%llx %lX", (unsigned long long)UINT64_MAX,
		  (unsigned long)UINT64_MAX);
	EXPECT_STREQ(buf, "ffffffffffffffff FFFFFFFFFFFFFFFF");
}

KTEST(kprintf, lo_uint64_max_is_22_digits)
{
	char buf[32];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%#lo", (unsigned long)UINT64_MAX), 23);
	EXPECT_STREQ(buf, "01777777777777777777777");
}

KTEST(kprintf, l_with_zero_padding_and_width)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%016lx", 0xffff800000000000UL >> 16);
	EXPECT_STREQ(buf, "0000ffff80000000");
}

KTEST(kprintf, z_size_max)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%zu", (size_t)-1);
	EXPECT_STREQ(buf, "18446744073709551615");
}

KTEST(kprintf, z_hex)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%zx", (size_t)-1);
	EXPECT_STREQ(buf, "ffffffffffffffff");
}

KTEST(kprintf, zd_negative)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%zd", (long)-5);
	EXPECT_STREQ(buf, "-5");
}

KTEST(kprintf, zd_int64_min)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%zd", (long)INT64_MIN);
	EXPECT_STREQ(buf, "-9223372036854775808");
}

KTEST(kprintf, t_ptrdiff)
{
	char buf[32];
	char a[8];
	ptrdiff_t d = &a[1] - &a[7];
	ksnprintf(buf, sizeof buf, "%td %td", d, (ptrdiff_t)INT64_MAX);
	EXPECT_STREQ(buf, "-6 9223372036854775807");
}

KTEST(kprintf, j_intmax)
{
	char buf[48];
	ksnprintf(buf, sizeof buf, "%jd %ju", (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX);
	EXPECT_STREQ(buf, "-9223372036854775808 18446744073709551615");
}

KTEST(kprintf, int_after_long_reads_right_argument)
{
	char buf[48];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%d %ld %d %hhd %lld %d", 1, 2L, 3, 4, 5LL, 6);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "1 2 3 4 5 6");
}

/* --- %p ------------------------------------------------------------------------- */

KTEST(kprintf, p_null)
{
	/* kprintf.h: "%p prints 0x and the address in hex" (glibc says "(nil)"). */
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%p", (void *)0), 3);
	EXPECT_STREQ(buf, "0x0");
}

KTEST(kprintf, p_kernel_address)
{
	char buf[32];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%p", (void *)0xffffffff80100000UL), 18);
	EXPECT_STREQ(buf, "0xffffffff80100000");
}

KTEST(kprintf, p_small_address)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%p", (void *)0xb8000UL);
	EXPECT_STREQ(buf, "0xb8000");
}

KTEST(kprintf, p_width)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "[%10p|%-10p]", (void *)0x1000UL, (void *)0x1000UL);
	EXPECT_STREQ(buf, "[    0x1000|0x1000    ]");
}

/* --- truncation and the return value ------------------------------------------------ */

KTEST(kprintf, returns_untruncated_length)
{
	char buf[4];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "hello"), 5);
	EXPECT_STREQ(buf, "hel");
}

KTEST(kprintf, exact_fit_is_not_truncated)
{
	char buf[6];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "hello"), 5);
	EXPECT_STREQ(buf, "hello");
}

KTEST(kprintf, one_short_is_truncated)
{
	char buf[5];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "hello"), 5);
	EXPECT_STREQ(buf, "hell");
}

KTEST(kprintf, truncation_inside_a_number)
{
	char buf[4];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%d", -123456), 7);
	EXPECT_STREQ(buf, "-12");
}

KTEST(kprintf, truncation_inside_padding)
{
	char buf[4];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%10s", "x"), 10);
	EXPECT_STREQ(buf, "   ");
}

KTEST(kprintf, truncation_does_not_write_past_size)
{
	char buf[8] = "ABCDEFG";
	EXPECT_EQ(ksnprintf(buf, 3, "%s", "xyz123"), 6);
	EXPECT_STREQ(buf, "xy");
	EXPECT_EQ(buf[3], 'D');
	EXPECT_EQ(buf[6], 'G');
}

KTEST(kprintf, size_zero_writes_nothing)
{
	EXPECT_EQ(ksnprintf(NULL, 0, "hello %d", 42), 8);
}

KTEST(kprintf, size_zero_leaves_buffer_alone)
{
	char buf[4] = "abc";
	EXPECT_EQ(ksnprintf(buf, 0, "xyz"), 3);
	EXPECT_STREQ(buf, "abc");
}

KTEST(kprintf, size_one_gives_empty_string)
{
	char buf[4] = "abc";
	EXPECT_EQ(ksnprintf(buf, 1, "hello"), 5);
	EXPECT_STREQ(buf, "");
	EXPECT_EQ(buf[1], 'b');
}

KTEST(kprintf, longer_than_console_buffer)
{
	/* 300 characters: more than kprintf's 128-byte console buffer. */
	static char line[301];
	static char buf[400];
	for (int i = 0; i < 300; i++)
		line[i] = (char)('a' + i % 26);
	line[300] = '\0';
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%s", line), 300);
	EXPECT_STREQ(buf, line);
}

KTEST(kprintf, long_output_truncated_at_size)
{
	static char line[301];
	static char expect[100];
	char buf[100];
	for (int i = 0; i < 300; i++)
		line[i] = (char)('A' + i % 26);
	line[300] = '\0';
	for (int i = 0; i < 99; i++)
		expect[i] = line[i];
	expect[99] = '\0';
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%s", line), 300);
	EXPECT_STREQ(buf, expect);
}

KTEST(kprintf, long_padded_field)
{
	static char buf[400];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%300d|", 5), 301);
	EXPECT_EQ(buf[0], ' ');
	EXPECT_EQ(buf[298], ' ');
	EXPECT_EQ(buf[299], '5');
	EXPECT_EQ(buf[300], '|');
	EXPECT_EQ(buf[301], '\0');
}

/* --- odd formats -------------------------------------------------------------------- */

KTEST(kprintf, unknown_conversion_printed_as_written)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "a%yb"), 4);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "a%yb");
}

KTEST(kprintf, unknown_conversion_consumes_no_argument)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%y %d", 7);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "%y 7");
}

KTEST(kprintf, lone_percent_at_end_prints_nothing)
{
	/* Undefined in C; kprintf stops there rather than reading past the end. */
	char buf[16];
	FORMAT_WARNINGS_OFF;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "abc%"), 3);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "abc");
}

/* --- kvsnprintf -------------------------------------------------------------------- */

static KPRINTF_FORMAT(3, 4) int wrap(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

KTEST(kprintf, kvsnprintf_takes_a_va_list)
{
	char buf[32];
	EXPECT_EQ(wrap(buf, sizeof buf, "%s=%d", "answer", 42), 9);
	EXPECT_STREQ(buf, "answer=42");
}

KTEST(kprintf, kvsnprintf_truncates_like_ksnprintf)
{
	char buf[4];
	EXPECT_EQ(wrap(buf, sizeof buf, "%x", 0x123456u), 6);
	EXPECT_STREQ(buf, "123");
}

KTEST(kprintf, several_conversions_together)
{
	char buf[64];
	ksnprintf(buf, sizeof buf, "%s:%d: %c %5.1s %#x %lu%%", "main.c", 12, '!', "xyz", 16u, 3UL);
	EXPECT_STREQ(buf, "main.c:12: !     x 0x10 3%");
}
