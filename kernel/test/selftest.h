/*
 * selftest.h - what kernel_main needs of the self-tests: one call, so
 * that main.c does not depend on the test framework (test/ktest.h).
 */
#ifndef TEST_SELFTEST_H
#define TEST_SELFTEST_H

#include <stdbool.h>

/*
 * Runs the self-test suites named in filter (comma-separated; "" for all)
 * with cmdline as the options the tests may consult, and prints KTAP.
 * Every test must leave the free frames and the kernel heap's live
 * objects as it found them. Returns true if no test failed.
 */
bool selftest_run(const char *filter, const char *cmdline);

#endif
