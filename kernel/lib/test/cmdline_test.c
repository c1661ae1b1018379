/*
 * cmdline_test.c - tests of the command-line reader (suite "cmdline").
 */
#include "lib/cmdline.h"
#include "test/ktest.h"

#include <stddef.h>

/* --- cmdline_has ------------------------------------------------------------------ */

KTEST(cmdline, has_flag)
{
	EXPECT_TRUE(cmdline_has("selftest", "selftest"));
}

KTEST(cmdline, has_key_value_word)
{
	EXPECT_TRUE(cmdline_has("selftest=pmm,vmm", "selftest"));
}

KTEST(cmdline, has_key_at_start)
{
	EXPECT_TRUE(cmdline_has("quiet console=serial debug", "quiet"));
}

KTEST(cmdline, has_key_in_middle)
{
	EXPECT_TRUE(cmdline_has("quiet console=serial debug", "console"));
}

KTEST(cmdline, has_key_at_end)
{
	EXPECT_TRUE(cmdline_has("quiet console=serial debug", "debug"));
}

KTEST(cmdline, has_missing_key)
{
	EXPECT_FALSE(cmdline_has("quiet console=serial debug", "verbose"));
}

KTEST(cmdline, has_rejects_longer_word_with_key_as_prefix)
{
	EXPECT_FALSE(cmdline_has("selftest", "self"));
	EXPECT_FALSE(cmdline_has("selftest=pmm", "self"));
}

KTEST(cmdline, has_rejects_key_longer_than_word)
{
	EXPECT_FALSE(cmdline_has("self", "selftest"));
	EXPECT_FALSE(cmdline_has("self=1", "selftest"));
}

KTEST(cmdline, has_rejects_key_as_suffix)
{
	EXPECT_FALSE(cmdline_has("noselftest", "selftest"));
}

KTEST(cmdline, has_does_not_look_inside_values)
{
	EXPECT_FALSE(cmdline_has("init=debug", "debug"));
	EXPECT_FALSE(cmdline_has("a=b=c", "b"));
}

KTEST(cmdline, has_finds_key_after_prefix_non_match)
{
	EXPECT_TRUE(cmdline_has("selftest self", "self"));
	EXPECT_TRUE(cmdline_has("selftest=x self=y", "self"));
}

KTEST(cmdline, has_with_multiple_spaces)
{
	EXPECT_TRUE(cmdline_has("  quiet    debug  ", "debug"));
	EXPECT_TRUE(cmdline_has("  quiet    debug  ", "quiet"));
}

KTEST(cmdline, has_with_tabs_and_newline)
{
	EXPECT_TRUE(cmdline_has("quiet\tdebug\n", "debug"));
	EXPECT_TRUE(cmdline_has("\tquiet\t\tdebug", "quiet"));
}

KTEST(cmdline, has_on_blank_command_line)
{
	EXPECT_FALSE(cmdline_has("   \t ", "quiet"));
}

KTEST(cmdline, has_on_empty_command_line)
{
	EXPECT_FALSE(cmdline_has("", "quiet"));
}

KTEST(cmdline, has_on_null_command_line)
{
	EXPECT_FALSE(cmdline_has(NULL, "quiet"));
}

KTEST(cmdline, has_empty_or_null_key_is_false)
{
	EXPECT_FALSE(cmdline_has("quiet", ""));
	EXPECT_FALSE(cmdline_has("quiet", NULL));
}

KTEST(cmdline, has_is_case_sensitive)
{
	EXPECT_FALSE(cmdline_has("Quiet", "quiet"));
}

KTEST(cmdline, has_key_with_empty_value)
{
	EXPECT_TRUE(cmdline_has("loglevel=", "loglevel"));
}

/* --- cmdline_get ------------------------------------------------------------------- */

KTEST(cmdline, get_value)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("console=serial", "console", buf, sizeof buf));
	EXPECT_STREQ(buf, "serial");
}

KTEST(cmdline, get_value_at_start)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("selftest=pmm,vmm quiet debug", "selftest", buf, sizeof buf));
	EXPECT_STREQ(buf, "pmm,vmm");
}

KTEST(cmdline, get_value_in_middle)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("quiet loglevel=7 debug", "loglevel", buf, sizeof buf));
	EXPECT_STREQ(buf, "7");
}

KTEST(cmdline, get_value_at_end)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("quiet debug mem=64M", "mem", buf, sizeof buf));
	EXPECT_STREQ(buf, "64M");
}

KTEST(cmdline, get_value_ends_at_tab_or_newline)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("mem=64M\tquiet", "mem", buf, sizeof buf));
	EXPECT_STREQ(buf, "64M");
	EXPECT_TRUE(cmdline_get("mem=32M\n", "mem", buf, sizeof buf));
	EXPECT_STREQ(buf, "32M");
}

KTEST(cmdline, get_value_after_multiple_spaces)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("quiet  \t  mem=64M   ", "mem", buf, sizeof buf));
	EXPECT_STREQ(buf, "64M");
}

KTEST(cmdline, get_value_keeps_later_equals_signs)
{
	char buf[32];
	EXPECT_TRUE(cmdline_get("root=UUID=1234-abcd", "root", buf, sizeof buf));
	EXPECT_STREQ(buf, "UUID=1234-abcd");
}

KTEST(cmdline, get_skips_longer_key_with_same_prefix)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("selftest=all self=one", "self", buf, sizeof buf));
	EXPECT_STREQ(buf, "one");
}

KTEST(cmdline, get_first_of_repeated_keys)
{
	char buf[16];
	EXPECT_TRUE(cmdline_get("k=1 k=2", "k", buf, sizeof buf));
	EXPECT_STREQ(buf, "1");
}

KTEST(cmdline, get_truncates_to_buffer)
{
	char buf[4];
	EXPECT_TRUE(cmdline_get("console=serial", "console", buf, sizeof buf));
	EXPECT_STREQ(buf, "ser");
}

KTEST(cmdline, get_exact_fit)
{
	char buf[7];
	EXPECT_TRUE(cmdline_get("console=serial", "console", buf, sizeof buf));
	EXPECT_STREQ(buf, "serial");
}

KTEST(cmdline, get_truncation_does_not_write_past_size)
{
	char buf[8] = "ABCDEFG";
	EXPECT_TRUE(cmdline_get("console=serial", "console", buf, 3));
	EXPECT_STREQ(buf, "se");
	EXPECT_EQ(buf[3], 'D');
	EXPECT_EQ(buf[6], 'G');
}

KTEST(cmdline, get_size_one_gives_empty_string)
{
	char buf[4] = "abc";
	EXPECT_TRUE(cmdline_get("console=serial", "console", buf, 1));
	EXPECT_STREQ(buf, "");
	EXPECT_EQ(buf[1], 'b');
}

KTEST(cmdline, get_size_zero_writes_nothing)
{
	EXPECT_TRUE(cmdline_get("console=serial", "console", NULL, 0));
	EXPECT_FALSE(cmdline_get("console=serial", "missing", NULL, 0));
}

KTEST(cmdline, get_missing_key_is_false_and_empties_buffer)
{
	char buf[16] = "stale";
	EXPECT_FALSE(cmdline_get("quiet console=serial", "mem", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

KTEST(cmdline, get_flag_without_equals_is_false)
{
	char buf[16] = "stale";
	EXPECT_FALSE(cmdline_get("quiet debug", "debug", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

KTEST(cmdline, get_empty_value_is_true_and_empty)
{
	char buf[16] = "stale";
	EXPECT_TRUE(cmdline_get("quiet k= debug", "k", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

KTEST(cmdline, get_empty_value_at_end)
{
	char buf[16] = "stale";
	EXPECT_TRUE(cmdline_get("quiet k=", "k", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

KTEST(cmdline, get_rejects_prefix_of_longer_key)
{
	char buf[16] = "stale";
	EXPECT_FALSE(cmdline_get("selftest=pmm", "self", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

KTEST(cmdline, get_value_after_flag_of_same_key)
{
	/* cmdline.h: false only "if there is no such word", and here there is. */
	char buf[16] = "stale";
	EXPECT_TRUE(cmdline_get("debug debug=3", "debug", buf, sizeof buf));
	EXPECT_STREQ(buf, "3");
}

KTEST(cmdline, get_on_empty_command_line)
{
	char buf[16] = "stale";
	EXPECT_FALSE(cmdline_get("", "k", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

KTEST(cmdline, get_on_null_command_line)
{
	char buf[16] = "stale";
	EXPECT_FALSE(cmdline_get(NULL, "k", buf, sizeof buf));
	EXPECT_STREQ(buf, "");
}

/* --- cmdline_list_contains ------------------------------------------------------- */

KTEST(cmdline, list_contains_first)
{
	EXPECT_TRUE(cmdline_list_contains("pmm,vmm,heap", "pmm"));
}

KTEST(cmdline, list_contains_middle)
{
	EXPECT_TRUE(cmdline_list_contains("pmm,vmm,heap", "vmm"));
}

KTEST(cmdline, list_contains_last)
{
	EXPECT_TRUE(cmdline_list_contains("pmm,vmm,heap", "heap"));
}

KTEST(cmdline, list_contains_single_entry)
{
	EXPECT_TRUE(cmdline_list_contains("kprintf", "kprintf"));
}

KTEST(cmdline, list_missing_entry)
{
	EXPECT_FALSE(cmdline_list_contains("pmm,vmm,heap", "sched"));
}

KTEST(cmdline, list_rejects_prefix_of_entry)
{
	EXPECT_FALSE(cmdline_list_contains("pmm,vmm", "pm"));
	EXPECT_FALSE(cmdline_list_contains("pmm,vmm", "vm"));
}

KTEST(cmdline, list_rejects_entry_as_prefix_of_item)
{
	EXPECT_FALSE(cmdline_list_contains("pm,vm", "pmm"));
	EXPECT_FALSE(cmdline_list_contains("pm,vm", "vmm"));
}

KTEST(cmdline, list_rejects_suffix_of_entry)
{
	EXPECT_FALSE(cmdline_list_contains("kpmm,xvmm", "pmm"));
	EXPECT_FALSE(cmdline_list_contains("kpmm,xvmm", "vmm"));
}

KTEST(cmdline, list_finds_item_after_prefix_non_match)
{
	EXPECT_TRUE(cmdline_list_contains("pmm,pm", "pm"));
}

KTEST(cmdline, list_rejects_whole_list_as_item)
{
	EXPECT_FALSE(cmdline_list_contains("pmm,vmm", "pmm,vmm,heap"));
}

KTEST(cmdline, list_with_trailing_comma)
{
	EXPECT_TRUE(cmdline_list_contains("pmm,vmm,", "vmm"));
}

KTEST(cmdline, list_with_empty_entries)
{
	EXPECT_TRUE(cmdline_list_contains(",,pmm,,vmm", "vmm"));
}

KTEST(cmdline, empty_list_contains_nothing)
{
	EXPECT_FALSE(cmdline_list_contains("", "pmm"));
}

KTEST(cmdline, null_list_or_item_is_false)
{
	EXPECT_FALSE(cmdline_list_contains(NULL, "pmm"));
	EXPECT_FALSE(cmdline_list_contains("pmm", NULL));
}

KTEST(cmdline, list_is_case_sensitive)
{
	EXPECT_FALSE(cmdline_list_contains("PMM,VMM", "pmm"));
}
