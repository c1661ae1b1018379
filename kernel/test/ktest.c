/*
 * ktest.c - the self-test runner; see ktest.h for how tests are written.
 *
 * Theory of operation. Every KTEST() puts a struct ktest_case in the
 * "ktest_cases" section; the linker lays them out as one array between
 * __start_ktest_cases and __stop_ktest_cases. The runner walks that array
 * once per suite (suites in order of first appearance) and, for each case,
 * sets a jump point with ksetjmp() and calls the test. A test ends in one
 * of three ways:
 *   - it returns: it passed unless an EXPECT_* failed on the way;
 *   - an ASSERT_*, KTEST_SKIP, an unexpected panic or CPU exception jumps
 *     back to the runner's jump point (klongjmp): failed or skipped;
 *   - an *expected* panic or exception jumps back into the test itself, to
 *     the jump point EXPECT_PANIC/EXPECT_FAULT set, and the test goes on.
 * The results are printed as KTAP: one subtest per suite, indented.
 *
 * The kernel does not know about tests: while it runs, the runner
 * registers a panic catcher (lib/panic.h) and, in the kernel, a trap
 * catcher (arch/x86_64/trap.h), which is how panics and exceptions reach
 * it, and sets the console's line prefix to "    # " around each test, so
 * that everything printed meanwhile is a KTAP diagnostic line.
 */
#include "test/ktest.h"
#include "lib/cmdline.h"
#include "lib/console.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

#include <stdarg.h>
#include <stddef.h>

extern const struct ktest_case __start_ktest_cases[];
extern const struct ktest_case __stop_ktest_cases[];

enum armed { ARMED_NONE, ARMED_FAULT, ARMED_PANIC };

static struct {
	const struct ktest_case *current; /* NULL between tests */
	bool failed;
	bool skipped;
	char reason[160];    /* first failure, for the "not ok" line */
	kjmp_buf runner_jmp; /* back to the runner */
	kjmp_buf expect_jmp; /* back into the test after an expected event */
	enum armed armed;
	int armed_vector;
	struct trap_fault last_fault; /* what the CPU reported for the expected fault */
	char last_panic[200];
	const char *options;
	struct {
		const char *what;
		uint64_t (*read)(void);
	} counters[KTEST_MAX_COUNTERS];
	int ncounters;
} kt;

static const char *const SUB = "    ";	  /* KTAP subtest indentation */
static const char *const DIAG = "    # "; /* a diagnostic line of a subtest */

bool ktest_option(const char *word)
{
	return kt.options && cmdline_has(kt.options, word);
}

bool ktest_option_value(const char *key, char *buf, size_t size)
{
	return kt.options && cmdline_get(kt.options, key, buf, size);
}

bool ktest_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

bool ktest_contains(const char *haystack, const char *needle)
{
	if (!haystack || !needle)
		return false;
	for (; *haystack; haystack++) {
		size_t i = 0;
		while (needle[i] && haystack[i] == needle[i])
			i++;
		if (!needle[i])
			return true;
	}
	return !*needle;
}

/* Records a failure of the current test; prints it as a KTAP diagnostic. */
static void record_failure(const char *reason)
{
	if (!kt.failed)
		ksnprintf(kt.reason, sizeof kt.reason, "%s", reason);
	kt.failed = true;
}

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[240];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Inside a test the console starts each line with DIAG already. */
	const char *pre = console_line_prefix()[0] ? "" : DIAG;
	kprintf("%s%s: EXPECTATION FAILED at %s:%d\n%s%s\n", pre,
		kt.current ? kt.current->name : "?", file, line, pre, msg);
	char reason[160];
	ksnprintf(reason, sizeof reason, "%s:%d", file, line);
	record_failure(reason);
}

void ktest_fail_cmp(const char *file, int line, const char *a, const char *op, const char *b,
		    uint64_t va, uint64_t vb)
{
	ktest_fail(file, line, "expected %s %s %s, but %s == %ld (0x%lx) and %s == %ld (0x%lx)", a,
		   op, b, a, (long)va, va, b, (long)vb, vb);
}

void ktest_abort(void)
{
	klongjmp(kt.runner_jmp, 1);
}

void ktest_skip(const char *reason)
{
	kt.skipped = true;
	ksnprintf(kt.reason, sizeof kt.reason, "%s", reason);
	klongjmp(kt.runner_jmp, 1);
}

kjmp_buf *ktest_arm_fault(int vector)
{
	kt.armed = ARMED_FAULT;
	kt.armed_vector = vector;
	kt.last_fault = (struct trap_fault){0};
	return &kt.expect_jmp;
}

kjmp_buf *ktest_arm_panic(void)
{
	kt.armed = ARMED_PANIC;
	kt.last_panic[0] = '\0';
	return &kt.expect_jmp;
}

void ktest_disarm(void)
{
	kt.armed = ARMED_NONE;
}

const struct trap_fault *ktest_last_fault(void)
{
	return &kt.last_fault;
}

const char *ktest_last_panic(void)
{
	return kt.last_panic;
}

/* --- the catchers: how panics and exceptions reach the runner ------------------ */

/*
 * The panic catcher's `fatal`: called once a panic or an unexpected
 * exception has been reported. Inside a test, fails it with reason and
 * jumps back to the runner, which goes on with the next test; returns
 * when no test is running (the kernel then stops).
 */
static void catch_crash(const char *reason)
{
	if (!kt.current)
		return;
	kt.armed = ARMED_NONE;
	record_failure(reason);
	klongjmp(kt.runner_jmp, 1);
}

/*
 * The panic catcher's `expected`: called by panic() before it reports. If
 * the running test expects a panic, records the message and jumps back
 * into the test; returns otherwise.
 */
static void catch_expected_panic(const char *message)
{
	if (kt.current && kt.armed == ARMED_PANIC) {
		kt.armed = ARMED_NONE;
		ksnprintf(kt.last_panic, sizeof kt.last_panic, "%s", message);
		klongjmp(kt.expect_jmp, 1);
	}
}

static const struct panic_catcher panic_catcher = {catch_expected_panic, catch_crash};

#ifndef HOST_TEST
/*
 * The trap catcher: called by the trap dispatcher before it reports an
 * exception. If the running test expects this exception, records it and
 * jumps back into the test; returns otherwise.
 */
static void catch_expected_fault(const struct trap_fault *fault)
{
	if (kt.current && kt.armed == ARMED_FAULT && (uint64_t)kt.armed_vector == fault->vector) {
		kt.armed = ARMED_NONE;
		kt.last_fault = *fault;
		klongjmp(kt.expect_jmp, 1);
	}
}
#endif

/* Registers the catchers (on) or removes them (off). */
static void set_catchers(bool on)
{
	panic_set_catcher(on ? &panic_catcher : NULL);
#ifndef HOST_TEST
	trap_set_catcher(on ? catch_expected_fault : NULL);
#endif
}

/* Returns true if suite is selected by the comma-separated filter. */
static bool suite_selected(const char *suite, const char *filter)
{
	if (!filter || !*filter)
		return true;
	return cmdline_list_contains(filter, suite);
}

void ktest_add_counter(const char *what, uint64_t (*read)(void))
{
	if (kt.ncounters < KTEST_MAX_COUNTERS) {
		kt.counters[kt.ncounters].what = what;
		kt.counters[kt.ncounters].read = read;
		kt.ncounters++;
	}
}

/* Fails the current test if a registered count differs from `before`. */
static void check_counters(const uint64_t *before)
{
	for (int i = 0; i < kt.ncounters; i++) {
		uint64_t now = kt.counters[i].read();
		if (now != before[i])
			ktest_fail(
			    kt.current->file, kt.current->line,
			    "the test changed %s from %lu to %lu (a leak, or a double free?)",
			    kt.counters[i].what, before[i], now);
	}
}

struct tally {
	int pass, fail, skip;
};

/* Runs one case and prints its KTAP result line. */
static void run_case(const struct ktest_case *c, int number, struct tally *t)
{
	kt.current = c;
	kt.failed = kt.skipped = false;
	kt.reason[0] = '\0';
	kt.armed = ARMED_NONE;
	uint64_t before[KTEST_MAX_COUNTERS];
	for (int i = 0; i < kt.ncounters; i++)
		before[i] = kt.counters[i].read();
	console_set_line_prefix(DIAG);
	if (ksetjmp(kt.runner_jmp) == 0)
		c->fn();
	kt.armed = ARMED_NONE;
	if (!kt.failed && !kt.skipped)
		check_counters(before); /* a failed test may not have cleaned up */
	console_set_line_prefix(NULL);
	kt.current = NULL;
	if (kt.failed) {
		kprintf("%snot ok %d %s # %s\n", SUB, number, c->name, kt.reason);
		t->fail++;
	} else if (kt.skipped) {
		kprintf("%sok %d %s # SKIP %s\n", SUB, number, c->name, kt.reason);
		t->skip++;
	} else {
		kprintf("%sok %d %s\n", SUB, number, c->name);
		t->pass++;
	}
}

/* Returns true if case a is written before case b (same file: line order). */
static bool written_before(const struct ktest_case *a, const struct ktest_case *b)
{
	int f = 0;
	for (size_t i = 0; a->file[i] || b->file[i]; i++)
		if (a->file[i] != b->file[i]) {
			f = (unsigned char)a->file[i] - (unsigned char)b->file[i];
			break;
		}
	return f < 0 || (f == 0 && a->line < b->line);
}

/*
 * Returns the case of `suite` (NULL: of any suite) that comes next in
 * source order after `prev` (NULL: the first one), or NULL. The linker
 * does not keep the order in which tests are written, so the runner
 * restores it: students read the output next to the source.
 */
static const struct ktest_case *next_case(const char *suite, const struct ktest_case *prev)
{
	const struct ktest_case *best = NULL;
	for (const struct ktest_case *c = __start_ktest_cases; c < __stop_ktest_cases; c++) {
		if ((suite && !ktest_streq(c->suite, suite)) || (prev && !written_before(prev, c)))
			continue;
		if (!best || written_before(c, best))
			best = c;
	}
	return best;
}

/* Returns true if c is the first case of its suite in source order. */
static bool first_of_suite(const struct ktest_case *c)
{
	return next_case(c->suite, NULL) == c;
}

/* Runs every case of one suite as a KTAP subtest; returns its tally. */
static struct tally run_suite(const char *suite, int number)
{
	int ncases = 0;
	for (const struct ktest_case *c = __start_ktest_cases; c < __stop_ktest_cases; c++)
		ncases += ktest_streq(c->suite, suite);
	kprintf("%sKTAP version 1\n%s# Subtest: %s\n%s1..%d\n", SUB, SUB, suite, SUB, ncases);
	struct tally t = {0, 0, 0};
	int n = 0;
	for (const struct ktest_case *c = next_case(suite, NULL); c; c = next_case(suite, c))
		run_case(c, ++n, &t);
	kprintf("# %s: pass:%d fail:%d skip:%d total:%d\n", suite, t.pass, t.fail, t.skip, ncases);
	if (t.fail)
		kprintf("not ok %d %s\n", number, suite);
	else if (t.skip == ncases)
		kprintf("ok %d %s # SKIP\n", number, suite);
	else
		kprintf("ok %d %s\n", number, suite);
	return t;
}

bool ktest_run(const char *filter, const char *options)
{
	kt.options = options;
	set_catchers(true);
	int nsuites = 0;
	for (const struct ktest_case *c = __start_ktest_cases; c < __stop_ktest_cases; c++)
		nsuites += first_of_suite(c) && suite_selected(c->suite, filter);

	kprintf("KTAP version 1\n1..%d\n", nsuites);
	struct tally total = {0, 0, 0};
	int n = 0;
	/* Suites in source order: by file name, then line. */
	for (const struct ktest_case *c = next_case(NULL, NULL); c; c = next_case(NULL, c)) {
		if (!first_of_suite(c) || !suite_selected(c->suite, filter))
			continue;
		struct tally t = run_suite(c->suite, ++n);
		total.pass += t.pass;
		total.fail += t.fail;
		total.skip += t.skip;
	}
	if (nsuites == 0)
		kprintf("# no test suite matches \"%s\"\n", filter ? filter : "");
	kprintf("# Totals: pass:%d fail:%d skip:%d\n", total.pass, total.fail, total.skip);
	set_catchers(false);
	return total.fail == 0 && nsuites > 0;
}
