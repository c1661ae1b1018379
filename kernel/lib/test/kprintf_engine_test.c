/*
 * kprintf_engine_test.c - tests of the printf engine the kernel shares with
 * the libc (common/format/format.c; suite "kprintf", continued from
 * kprintf_format_test.c): %n, the odd formats both users once printed
 * differently, and the dialect (the null pointer's text, the extension
 * through which the libc adds conversions) driven directly.
 */
#include "format/format.h"
#include "lib/kprintf.h"
#include "lib/test/format_warnings.h"
#include "test/ktest.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* --- %n: C's meaning --------------------------------------------------------------- */

KTEST(kprintf, n_stores_the_count_so_far)
{
	char buf[16];
	int n = -1;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "abc%nde", &n), 5);
	EXPECT_STREQ(buf, "abcde");
	EXPECT_EQ(n, 3);
}

KTEST(kprintf, n_counts_bytes_the_buffer_cut)
{
	/* The count is what the whole output has so far, as the return value. */
	char buf[4];
	int n = -1;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "abcdef%n", &n), 6);
	EXPECT_EQ(n, 6);
}

KTEST(kprintf, n_obeys_the_length_modifier)
{
	char buf[32];
	signed char hh = -1;
	long l = -1;
	size_t z = 0;
	/* hh stores one byte: the bytes around it stay as they were. */
	signed char around[3] = {7, 7, 7};
	ksnprintf(buf, sizeof buf, "%5d%hhn|%ln%s%zn%hhn", 1, &hh, &l, "xy", &z, &around[1]);
	EXPECT_EQ(hh, 5);
	EXPECT_EQ(l, 6);
	EXPECT_EQ(z, 8u);
	EXPECT_EQ(around[0], 7);
	EXPECT_EQ(around[1], 8);
	EXPECT_EQ(around[2], 7);
}

/* --- odd formats -------------------------------------------------------------------- */

KTEST(kprintf, unknown_conversion_printed_with_its_flags_and_width)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "a%-5yb"), 6);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "a%-5yb");
}

KTEST(kprintf, format_ending_inside_a_specification_stops_there)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "ab%-5"), 2);
	EXPECT_STREQ(buf, "ab");
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "ab%l"), 2);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "ab");
}

KTEST(kprintf, float_conversion_unknown_in_the_kernel)
{
	/* The kernel has no floating point: %f is printed as written and takes nothing. */
	char buf[16];
	FORMAT_WARNINGS_OFF;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%.2f %d", 7), 6);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "%.2f 7");
}

/* --- the dialect, through fmt_vformat ------------------------------------------------ */

struct test_buf {
	char data[64];
	size_t len;
};

static void test_sink(void *ctx, const char *s, size_t n)
{
	struct test_buf *b = ctx;
	for (size_t i = 0; i < n && b->len + 1 < sizeof b->data; i++)
		b->data[b->len++] = s[i];
	b->data[b->len] = '\0';
}

/* Conversion 'k': an int as a number with a "k" prefix, through the engine's padding. */
static bool k_extension(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	if (sp->conv != 'k')
		return false;
	int v = va_arg(*ap, int);
	char digits[12];
	size_t n = 0;
	do {
		digits[sizeof digits - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	fmt_emit_number(o, sp, "k", 0, digits + sizeof digits - n, n);
	return true;
}

static const struct fmt_dialect test_dialect = {
    .null_pointer = "(nil)",
    .extension = k_extension,
};

static int run(struct test_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	b->len = 0;
	b->data[0] = '\0';
	int n = fmt_vformat(&test_dialect, test_sink, b, fmt, ap);
	va_end(ap);
	return n;
}

KTEST(kprintf, dialect_names_the_null_pointer)
{
	struct test_buf b;
	EXPECT_EQ(run(&b, "[%p|%7p|%-6p]", (void *)0, (void *)0, (void *)0), 22);
	EXPECT_STREQ(b.data, "[(nil)|  (nil)|(nil) ]");
	run(&b, "%p", (void *)0x10);
	EXPECT_STREQ(b.data, "0x10");
}

KTEST(kprintf, dialect_extension_gets_spec_and_argument)
{
	struct test_buf b;
	EXPECT_EQ(run(&b, "%05k|%-4k|%d", 42, 7, 9), 12);
	EXPECT_STREQ(b.data, "k0042|k7  |9");
}

KTEST(kprintf, dialect_extension_may_decline)
{
	struct test_buf b;
	EXPECT_EQ(run(&b, "%3y %k", 5), 6);
	EXPECT_STREQ(b.data, "%3y k5");
}

/*
 * The two tests below send 2^31 bytes through the sink: a few seconds on
 * the host, far too long in the kernel under TCG.
 */
#define HOST_ONLY_REASON "on the host only: 2 GiB through the sink take minutes under TCG"

KTEST(kprintf, huge_precision_saturates_at_int_max)
{
#ifdef HOST_TEST
	/* Digits past INT_MAX stop growing the number instead of overflowing it. */
	struct test_buf b;
	FORMAT_WARNINGS_OFF;
	EXPECT_EQ(run(&b, "%.99999999999d", 1), __INT_MAX__);
	FORMAT_WARNINGS_ON;
	EXPECT_EQ(b.data[0], '0');
#else
	KTEST_SKIP(HOST_ONLY_REASON);
#endif
}

KTEST(kprintf, count_past_int_max_is_minus_one)
{
#ifdef HOST_TEST
	/* C: a negative result when the count cannot be an int (POSIX: EOVERFLOW). */
	struct test_buf b;
	EXPECT_EQ(run(&b, "%*dx", __INT_MAX__, 1), -1);
#else
	KTEST_SKIP(HOST_ONLY_REASON);
#endif
}
