/*
 * ktest.h - the self-test framework (in the spirit of Linux's KUnit).
 *
 * A test is a function registered with KTEST(suite, name). The linker
 * collects every registration into the "ktest_cases" section; the runner
 * groups them by suite, runs them and prints the results in KTAP version 1
 * (https://docs.kernel.org/dev-tools/ktap.html), which tools/ktest.py reads.
 *
 *   KTEST(kprintf, pads_with_zeros)
 *   {
 *           char buf[8];
 *           ksnprintf(buf, sizeof buf, "%04d", 7);
 *           EXPECT_STREQ(buf, "0007");
 *   }
 *
 * EXPECT_* records a failure and goes on; ASSERT_* records it and ends the
 * test. A test may also expect a CPU exception (EXPECT_FAULT) or a panic
 * (EXPECT_PANIC); an unexpected one fails the test, which the runner
 * reports before going on with the next test.
 *
 * The same framework is compiled on the host (HOST_TEST) to run the pure
 * kernel code under AddressSanitizer; faults are kernel-only.
 *
 * Production code never includes this header: panics and exceptions reach
 * the runner through the catchers it registers (lib/panic.h,
 * arch/x86_64/trap.h), and what the kernel prints during a test becomes a
 * KTAP diagnostic through the console's line prefix (lib/console.h).
 */
#ifndef TEST_KTEST_H
#define TEST_KTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/trap.h" /* struct trap_fault: what the CPU reported */

#ifdef HOST_TEST
#include <setjmp.h>
typedef jmp_buf kjmp_buf;
#define ksetjmp(env) setjmp(env)
#define klongjmp(env, v) longjmp(env, v)
#else
#include "lib/setjmp.h"
#endif

struct ktest_case {
	const char *suite;
	const char *name;
	void (*fn)(void);
	const char *file;
	int line; /* tests of a suite run in the order they are written */
};

#define KTEST(suite, name)                                                                         \
	static void ktest_fn_##suite##_##name(void);                                               \
	static const struct ktest_case ktest_case_##suite##_##name                                 \
	    __attribute__((used, section("ktest_cases"), aligned(8))) = {                          \
		#suite, #name, ktest_fn_##suite##_##name, __FILE__, __LINE__};                     \
	static void ktest_fn_##suite##_##name(void)

/* --- assertions -------------------------------------------------------------- */

#define KTEST_CMP_(fatal, a, op, b)                                                                \
	do {                                                                                       \
		_Pragma("GCC diagnostic push");                                                    \
		_Pragma("GCC diagnostic ignored \"-Wsign-compare\"");                              \
		__auto_type ktest_a_ = (a);                                                        \
		__auto_type ktest_b_ = (b);                                                        \
		if (!(ktest_a_ op ktest_b_)) {                                                     \
			ktest_fail_cmp(__FILE__, __LINE__, #a, #op, #b, (uint64_t)(ktest_a_),      \
				       (uint64_t)(ktest_b_));                                      \
			if (fatal)                                                                 \
				ktest_abort();                                                     \
		}                                                                                  \
		_Pragma("GCC diagnostic pop");                                                     \
	} while (0)

#define KTEST_BOOL_(fatal, cond, expect)                                                           \
	do {                                                                                       \
		if (!(cond) != !(expect)) {                                                        \
			ktest_fail(__FILE__, __LINE__, "expected %s to be %s", #cond,              \
				   (expect) ? "true" : "false");                                   \
			if (fatal)                                                                 \
				ktest_abort();                                                     \
		}                                                                                  \
	} while (0)

#define KTEST_STR_(fatal, a, b)                                                                    \
	do {                                                                                       \
		if (!ktest_streq((a), (b))) {                                                      \
			ktest_fail(__FILE__, __LINE__, "expected %s == %s, but \"%s\" != \"%s\"",  \
				   #a, #b, (a), (b));                                              \
			if (fatal)                                                                 \
				ktest_abort();                                                     \
		}                                                                                  \
	} while (0)

#define EXPECT_EQ(a, b) KTEST_CMP_(false, a, ==, b)
#define EXPECT_NE(a, b) KTEST_CMP_(false, a, !=, b)
#define EXPECT_LT(a, b) KTEST_CMP_(false, a, <, b)
#define EXPECT_LE(a, b) KTEST_CMP_(false, a, <=, b)
#define EXPECT_GT(a, b) KTEST_CMP_(false, a, >, b)
#define EXPECT_GE(a, b) KTEST_CMP_(false, a, >=, b)
#define EXPECT_TRUE(c) KTEST_BOOL_(false, c, true)
#define EXPECT_FALSE(c) KTEST_BOOL_(false, c, false)
#define EXPECT_NULL(p) KTEST_CMP_(false, p, ==, NULL)
#define EXPECT_NOT_NULL(p) KTEST_CMP_(false, p, !=, NULL)
#define EXPECT_STREQ(a, b) KTEST_STR_(false, a, b)

#define ASSERT_EQ(a, b) KTEST_CMP_(true, a, ==, b)
#define ASSERT_NE(a, b) KTEST_CMP_(true, a, !=, b)
#define ASSERT_LT(a, b) KTEST_CMP_(true, a, <, b)
#define ASSERT_LE(a, b) KTEST_CMP_(true, a, <=, b)
#define ASSERT_GT(a, b) KTEST_CMP_(true, a, >, b)
#define ASSERT_GE(a, b) KTEST_CMP_(true, a, >=, b)
#define ASSERT_TRUE(c) KTEST_BOOL_(true, c, true)
#define ASSERT_FALSE(c) KTEST_BOOL_(true, c, false)
#define ASSERT_NULL(p) KTEST_CMP_(true, p, ==, NULL)
#define ASSERT_NOT_NULL(p) KTEST_CMP_(true, p, !=, NULL)
#define ASSERT_STREQ(a, b) KTEST_STR_(true, a, b)

/* Fails the test with a message, and goes on. */
#define KTEST_FAIL(...) ktest_fail(__FILE__, __LINE__, __VA_ARGS__)

/* Ends the test now, reported as skipped ("ok N name # SKIP reason"). */
#define KTEST_SKIP(reason) ktest_skip(reason)

/*
 * EXPECT_FAULT(vector, statement): runs statement and expects it to raise
 * CPU exception `vector` (e.g. 14 for a page fault). Execution resumes after
 * the macro either way; ktest_last_fault() tells what the CPU reported.
 * Fails the test if the statement completes without the fault.
 */
#define EXPECT_FAULT(vector, stmt)                                                                 \
	do {                                                                                       \
		if (ksetjmp(*ktest_arm_fault(vector)) == 0) {                                      \
			stmt;                                                                      \
			ktest_fail(__FILE__, __LINE__,                                             \
				   "expected %s to raise exception %d, but it did not", #stmt,     \
				   (int)(vector));                                                 \
		}                                                                                  \
		ktest_disarm();                                                                    \
	} while (0)

/*
 * EXPECT_PANIC(substring, statement): runs statement and expects it to call
 * panic() with a message containing substring. The panic is caught (no
 * reboot) and the test goes on; ktest_last_panic() returns the message.
 */
#define EXPECT_PANIC(substring, stmt)                                                              \
	do {                                                                                       \
		if (ksetjmp(*ktest_arm_panic()) == 0) {                                            \
			stmt;                                                                      \
			ktest_fail(__FILE__, __LINE__, "expected %s to panic, but it did not",     \
				   #stmt);                                                         \
		} else if (!ktest_contains(ktest_last_panic(), (substring))) {                     \
			ktest_fail(__FILE__, __LINE__,                                             \
				   "expected a panic mentioning \"%s\", got \"%s\"", (substring),  \
				   ktest_last_panic());                                            \
		}                                                                                  \
		ktest_disarm();                                                                    \
	} while (0)

/* --- used by the macros above ------------------------------------------------- */

void ktest_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ktest_fail_cmp(const char *file, int line, const char *a, const char *op, const char *b,
		    uint64_t va, uint64_t vb);
__attribute__((noreturn)) void ktest_abort(void);
__attribute__((noreturn)) void ktest_skip(const char *reason);
bool ktest_streq(const char *a, const char *b);
bool ktest_contains(const char *haystack, const char *needle);
kjmp_buf *ktest_arm_fault(int vector);
kjmp_buf *ktest_arm_panic(void);
void ktest_disarm(void);
const struct trap_fault *ktest_last_fault(void);
const char *ktest_last_panic(void);

/* --- the runner ------------------------------------------------------------------ */

/*
 * Runs the suites named in filter (comma-separated; NULL or "" for all)
 * and prints KTAP. `options` is the kernel command line, which tests may
 * consult (ktest_option). Returns true if no test failed.
 */
bool ktest_run(const char *filter, const char *options);

/*
 * Registers a resource count that every test must leave as it found it
 * (free frames, live heap objects...): the runner reads it before and
 * after each test and fails the test, naming the resource, if it moved.
 * Up to KTEST_MAX_COUNTERS counters.
 */
#define KTEST_MAX_COUNTERS 4
void ktest_add_counter(const char *what, uint64_t (*read)(void));

/* Returns true if word appears on the command line the runner was given. */
bool ktest_option(const char *word);
/* Copies the value of key=value of the command line into buf; returns
 * false if the command line has no such key. */
bool ktest_option_value(const char *key, char *buf, size_t size);

#endif
