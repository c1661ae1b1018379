/*
 * ktest_test.c - tests of the test framework itself (suite "ktest").
 *
 * A framework whose failures nobody has seen fail is not trusted: these
 * tests check that expectations, expected panics and expected faults are
 * recorded as they should be. The fail_demo test fails on purpose when the
 * command line holds "selftest.fail_demo", and fault_demo dereferences a
 * NULL pointer when it holds "selftest.fault_demo": both are how a
 * developer checks that the harness reports failures (see README.md).
 */
#include "lib/panic.h"
#include "test/ktest.h"

#include <stddef.h>

KTEST(ktest, expectations_that_hold_pass)
{
	EXPECT_EQ(2 + 2, 4);
	EXPECT_NE(1, 2);
	EXPECT_LT(-1, 0);
	EXPECT_LE(3u, 3u);
	EXPECT_GT(10l, 9l);
	EXPECT_GE((size_t)5, (size_t)5);
	EXPECT_TRUE(1);
	EXPECT_FALSE(0);
	EXPECT_NULL(NULL);
	EXPECT_STREQ("memory", "memory");
}

KTEST(ktest, string_helpers)
{
	EXPECT_TRUE(ktest_streq("a", "a"));
	EXPECT_FALSE(ktest_streq("a", "ab"));
	EXPECT_FALSE(ktest_streq("a", NULL));
	EXPECT_TRUE(ktest_streq(NULL, NULL));
	EXPECT_TRUE(ktest_contains("double free detected", "free"));
	EXPECT_FALSE(ktest_contains("double free", "leak"));
	EXPECT_TRUE(ktest_contains("x", ""));
}

static __attribute__((noinline)) void panics_with(const char *what)
{
	panic("test panic: %s", what);
}

KTEST(ktest, expected_panic_is_caught_with_its_message)
{
	EXPECT_PANIC("boom", panics_with("boom"));
	EXPECT_STREQ(ktest_last_panic(), "test panic: boom");
}

KTEST(ktest, expected_panic_runs_code_after_it)
{
	volatile int after = 0;
	EXPECT_PANIC("first", panics_with("first"));
	after = 1;
	EXPECT_PANIC("second", panics_with("second"));
	EXPECT_EQ(after, 1);
	EXPECT_STREQ(ktest_last_panic(), "test panic: second");
}

KTEST(ktest, option_reads_the_command_line)
{
	EXPECT_FALSE(ktest_option("no.such.option"));
}

KTEST(ktest, fail_demo)
{
	if (!ktest_option("selftest.fail_demo"))
		KTEST_SKIP("add selftest.fail_demo to the command line to see a failure");
	EXPECT_EQ(1 + 1, 3);
	EXPECT_STREQ("expected", "actual");
}

#ifndef HOST_TEST
KTEST(ktest, expected_page_fault_is_caught)
{
	volatile int *null_pointer = NULL;
	EXPECT_FAULT(14, (void)*null_pointer);
	EXPECT_EQ(ktest_last_fault()->vector, 14u);
	EXPECT_EQ(ktest_last_fault()->address, 0u);
	EXPECT_EQ(ktest_last_fault()->error_code & 1u, 0u); /* page not present */
}

KTEST(ktest, expected_invalid_opcode_is_caught)
{
	EXPECT_FAULT(6, __asm__ volatile("ud2"));
	EXPECT_EQ(ktest_last_fault()->vector, 6u);
}

KTEST(ktest, expected_breakpoint_is_caught)
{
	EXPECT_FAULT(3, __asm__ volatile("int3"));
}

static __attribute__((noinline)) void fault_demo_callee(volatile int *p)
{
	*p = 1;
}

KTEST(ktest, fault_demo)
{
	if (!ktest_option("selftest.fault_demo"))
		KTEST_SKIP(
		    "add selftest.fault_demo to the command line to see an unexpected fault");
	fault_demo_callee(NULL);
}
#endif
