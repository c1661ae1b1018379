/*
 * kprintf_test.c - tests of the kernel's printf (suite "kprintf").
 *
 * This file: conversions and flags; kprintf_format_test.c: '*', precision,
 * length modifiers, %p, truncation. Everything goes through ksnprintf into a
 * small buffer, so the same tests
 * run in the kernel and on the host. Unless a test says otherwise, each
 * expected string is what C's snprintf prints for the same format and
 * arguments.
 */
#include "lib/kprintf.h"
#include "lib/test/format_warnings.h"
#include "test/ktest.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* --- plain text and %% ---------------------------------------------------- */

KTEST(kprintf, plain_text_is_copied)
{
	char buf[32];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "hello, world"), 12);
	EXPECT_STREQ(buf, "hello, world");
}

KTEST(kprintf, empty_output_gives_empty_string)
{
	char buf[8] = "junk";
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%s", ""), 0);
	EXPECT_STREQ(buf, "");
}

KTEST(kprintf, percent_percent_prints_one_percent)
{
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "100%%"), 4);
	EXPECT_STREQ(buf, "100%");
}

KTEST(kprintf, percent_between_conversions)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%d%%%d", 1, 2);
	EXPECT_STREQ(buf, "1%2");
}

/* --- %d and %i --------------------------------------------------------------- */

KTEST(kprintf, d_positive)
{
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%d", 42), 2);
	EXPECT_STREQ(buf, "42");
}

KTEST(kprintf, d_zero)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%d", 0);
	EXPECT_STREQ(buf, "0");
}

KTEST(kprintf, d_negative)
{
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%d", -42), 3);
	EXPECT_STREQ(buf, "-42");
}

KTEST(kprintf, d_int_max)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%d", INT32_MAX);
	EXPECT_STREQ(buf, "2147483647");
}

KTEST(kprintf, d_int_min)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%d", INT32_MIN);
	EXPECT_STREQ(buf, "-2147483648");
}

KTEST(kprintf, i_same_as_d)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%i %i", 7, -7);
	EXPECT_STREQ(buf, "7 -7");
}

/* --- %u, %x, %X, %o ------------------------------------------------------------ */

KTEST(kprintf, u_uint_max)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%u", UINT32_MAX);
	EXPECT_STREQ(buf, "4294967295");
}

KTEST(kprintf, u_of_negative_int_wraps)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%u", (unsigned)-1);
	EXPECT_STREQ(buf, "4294967295");
}

KTEST(kprintf, x_lowercase_hex)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%x", 0xdeadbeefu);
	EXPECT_STREQ(buf, "deadbeef");
}

KTEST(kprintf, X_uppercase_hex)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%X", 0xdeadbeefu);
	EXPECT_STREQ(buf, "DEADBEEF");
}

KTEST(kprintf, x_zero)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%x", 0u);
	EXPECT_STREQ(buf, "0");
}

KTEST(kprintf, o_octal)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%o %o", 8u, 0755u);
	EXPECT_STREQ(buf, "10 755");
}

KTEST(kprintf, o_uint_max)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%o", UINT32_MAX);
	EXPECT_STREQ(buf, "37777777777");
}

/* --- %c and %s ----------------------------------------------------------------- */

KTEST(kprintf, c_prints_a_character)
{
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "[%c%c]", 'o', 'k'), 4);
	EXPECT_STREQ(buf, "[ok]");
}

KTEST(kprintf, c_nul_counts_as_one_character)
{
	char buf[8] = "xxxxxxx";
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "a%cb", '\0'), 3);
	EXPECT_EQ(buf[0], 'a');
	EXPECT_EQ(buf[1], '\0');
	EXPECT_EQ(buf[2], 'b');
	EXPECT_EQ(buf[3], '\0');
}

KTEST(kprintf, c_width_pads_left)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%3c]", 'x');
	EXPECT_STREQ(buf, "[  x]");
}

KTEST(kprintf, c_minus_pads_right)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%-3c]", 'x');
	EXPECT_STREQ(buf, "[x  ]");
}

KTEST(kprintf, s_prints_a_string)
{
	char buf[32];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "<%s>", "kernel"), 8);
	EXPECT_STREQ(buf, "<kernel>");
}

KTEST(kprintf, s_null_prints_null_in_parentheses)
{
	char buf[16];
	const char *volatile nothing = NULL;
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%s", nothing), 6);
	EXPECT_STREQ(buf, "(null)");
}

KTEST(kprintf, s_width_pads_left)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%6s]", "abc");
	EXPECT_STREQ(buf, "[   abc]");
}

KTEST(kprintf, s_minus_pads_right)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%-6s]", "abc");
	EXPECT_STREQ(buf, "[abc   ]");
}

KTEST(kprintf, s_width_smaller_than_string_does_not_truncate)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%2s]", "abcdef");
	EXPECT_STREQ(buf, "[abcdef]");
}

KTEST(kprintf, precision_truncates_string)
{
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "[%.3s]", "abcdef"), 5);
	EXPECT_STREQ(buf, "[abc]");
}

KTEST(kprintf, precision_longer_than_string_is_harmless)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%.10s]", "abc");
	EXPECT_STREQ(buf, "[abc]");
}

KTEST(kprintf, precision_zero_prints_no_string)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%.0s]", "abc");
	EXPECT_STREQ(buf, "[]");
}

KTEST(kprintf, precision_stops_reading_unterminated_string)
{
	/*
	 * C allows an array without a NUL when the precision stops before it:
	 * kprintf must not read letters[3]. Only a checker sees that read (on
	 * the host, AddressSanitizer reports a stack-buffer-overflow).
	 */
	char buf[16];
	const char letters[3] = {'x', 'y', 'z'};
	ksnprintf(buf, sizeof buf, "[%.3s]", letters);
	EXPECT_STREQ(buf, "[xyz]");
}

KTEST(kprintf, width_and_precision_on_string)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%5.2s|%-5.2s]", "abcdef", "abcdef");
	EXPECT_STREQ(buf, "[   ab|ab   ]");
}

/* --- width, zero padding, '-' ------------------------------------------------------ */

KTEST(kprintf, width_pads_left_with_spaces)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%5d]", 42);
	EXPECT_STREQ(buf, "[   42]");
}

KTEST(kprintf, width_counts_the_sign)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%5d]", -42);
	EXPECT_STREQ(buf, "[  -42]");
}

KTEST(kprintf, width_smaller_than_number_does_not_truncate)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%2d]", 12345);
	EXPECT_STREQ(buf, "[12345]");
}

KTEST(kprintf, wide_width_pads_beyond_sixteen)
{
	char buf[64];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "[%40d]", 7), 42);
	EXPECT_STREQ(buf, "[                                       7]");
}

KTEST(kprintf, zero_pads_width)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%04d", 7);
	EXPECT_STREQ(buf, "0007");
}

KTEST(kprintf, zero_pads_after_the_sign)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%05d", -42);
	EXPECT_STREQ(buf, "-0042");
}

KTEST(kprintf, zero_pads_hex)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%08x", 0xbeefu);
	EXPECT_STREQ(buf, "0000beef");
}

KTEST(kprintf, zero_pads_beyond_sixteen)
{
	char buf[32];
	ksnprintf(buf, sizeof buf, "%020u", 1u);
	EXPECT_STREQ(buf, "00000000000000000001");
}

KTEST(kprintf, minus_left_justifies)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%-5d]", 42);
	EXPECT_STREQ(buf, "[42   ]");
}

KTEST(kprintf, minus_left_justifies_negative)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%-5d]", -42);
	EXPECT_STREQ(buf, "[-42  ]");
}

KTEST(kprintf, minus_overrides_zero)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "[%-05d]", 42);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "[42   ]");
}

KTEST(kprintf, zero_flag_ignored_with_precision)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "[%08.3d]", 5);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "[     005]");
}

/* --- '+', ' ', '#' ------------------------------------------------------------------- */

KTEST(kprintf, plus_shows_sign_of_positive)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%+d", 5);
	EXPECT_STREQ(buf, "+5");
}

KTEST(kprintf, plus_on_zero)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%+d", 0);
	EXPECT_STREQ(buf, "+0");
}

KTEST(kprintf, plus_keeps_minus_of_negative)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%+d", -5);
	EXPECT_STREQ(buf, "-5");
}

KTEST(kprintf, plus_with_zero_padding)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%+05d", 42);
	EXPECT_STREQ(buf, "+0042");
}

KTEST(kprintf, space_before_positive)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[% d]", 5);
	EXPECT_STREQ(buf, "[ 5]");
}

KTEST(kprintf, space_not_added_to_negative)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[% d]", -5);
	EXPECT_STREQ(buf, "[-5]");
}

KTEST(kprintf, plus_overrides_space)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "[%+ d]", 5);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "[+5]");
}

KTEST(kprintf, plus_ignored_for_unsigned)
{
	char buf[16];
	FORMAT_WARNINGS_OFF;
	ksnprintf(buf, sizeof buf, "%+u %+x", 5u, 10u);
	FORMAT_WARNINGS_ON;
	EXPECT_STREQ(buf, "5 a");
}

KTEST(kprintf, hash_prefixes_hex)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#x %#X", 255u, 255u);
	EXPECT_STREQ(buf, "0xff 0XFF");
}

KTEST(kprintf, hash_hex_zero_has_no_prefix)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#x", 0u);
	EXPECT_STREQ(buf, "0");
}

KTEST(kprintf, hash_hex_zero_pads_after_prefix)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#06x", 255u);
	EXPECT_STREQ(buf, "0x00ff");
}

KTEST(kprintf, hash_hex_width_counts_prefix)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "[%#6x|%-#6x]", 255u, 255u);
	EXPECT_STREQ(buf, "[  0xff|0xff  ]");
}

KTEST(kprintf, hash_hex_with_precision)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#.4x", 255u);
	EXPECT_STREQ(buf, "0x00ff");
}

KTEST(kprintf, hash_prefixes_octal)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#o", 8u);
	EXPECT_STREQ(buf, "010");
}

KTEST(kprintf, hash_octal_zero_is_single_zero)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#o", 0u);
	EXPECT_STREQ(buf, "0");
}

KTEST(kprintf, hash_octal_zero_pads)
{
	char buf[16];
	ksnprintf(buf, sizeof buf, "%#05o", 8u);
	EXPECT_STREQ(buf, "00010");
}

KTEST(kprintf, hash_octal_precision_already_gives_leading_zero)
{
	/* '#' raises the precision only as far as needed for a leading 0. */
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "%#.3o", 8u), 3);
	EXPECT_STREQ(buf, "010");
}

KTEST(kprintf, hash_octal_precision_zero_value_zero_prints_zero)
{
	/* Unlike every other case of precision 0 and value 0, %#.0o prints "0". */
	char buf[16];
	EXPECT_EQ(ksnprintf(buf, sizeof buf, "[%#.0o]", 0u), 3);
	EXPECT_STREQ(buf, "[0]");
}
