/*
 * host_ktap.h - the little KTAP runner of the allocator's host tests
 * (malloc_test.c, malloc_debug_test.c): EXPECT counts and reports a check,
 * host_ktap_run prints one subtest per test function. A test file may
 * define HOST_KTAP_ON_FAIL() before including this, to print more when a
 * check fails.
 */
#ifndef TESTS_MALLOC_HOST_KTAP_H
#define TESTS_MALLOC_HOST_KTAP_H

#include <stdio.h>

#ifndef HOST_KTAP_ON_FAIL
#define HOST_KTAP_ON_FAIL()
#endif

static int failures, checks;

#define EXPECT(c)                                                                 \
	do {                                                                      \
		checks++;                                                         \
		if (!(c)) {                                                       \
			printf("    # %s:%d: expected %s\n", __FILE__, __LINE__, #c); \
			HOST_KTAP_ON_FAIL();                                      \
			failures++;                                               \
			return;                                                   \
		}                                                                 \
	} while (0)

struct host_test {
	const char *name;
	void (*fn)(void);
};

/* Runs the tests as one KTAP suite; returns the process's exit status. */
static int host_ktap_run(const char *suite, const struct host_test *tests, int n)
{
	int bad = 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite, n);
	for (int i = 0; i < n; i++) {
		int f0 = failures;
		tests[i].fn();
		int ok = failures == f0;
		bad += !ok;
		printf("    %s %d %s\n", ok ? "ok" : "not ok", i + 1, tests[i].name);
	}
	printf("# %s: %d checks, %d tests failed\n", suite, checks, bad);
	printf("%s 1 %s\n", bad ? "not ok" : "ok", suite);
	return bad != 0;
}

#endif
