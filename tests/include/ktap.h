/*
 * ktap.h - the one KTAP printer of every test program outside the kernel:
 * the libc's tests (tests/libc: on Linux, on Interlude, and on the host
 * under ASan/UBSan), the allocators' host tests (tests/malloc,
 * tests/malloc-simple) and the freestanding programs (tests/user, which
 * have no libc: tests/user/rt/rt.h). The kernel's self-tests have their
 * own framework (kernel/test/ktest.h), with the same meaning of EXPECT
 * and ASSERT.
 *
 * KTAP version 1, as tools/ktap.py reads it: "KTAP version 1", the plan
 * "1..N", then one result line per test, "ok N name" or "not ok N name",
 * perhaps followed by " # SKIP reason" or " # detail". A line that starts
 * with '#' is a diagnostic; it belongs to the next result line.
 *
 * Two ways to write a test program:
 *
 * 1. Every check is a test of its own, numbered as it comes:
 *
 *	int main(void)
 *	{
 *		ktap_begin(3);                              // "KTAP version 1", "1..3"
 *		EXPECT(strlen("ab") == 2, "strlen");        // "ok 1 strlen"
 *		EXPECT_EQ(atoi("-7"), -7, "atoi negative"); // shows both values if not equal
 *		SKIP("sbrk", "not Interlude");              // "ok 3 sbrk # SKIP not Interlude"
 *		return ktap_end();                          // the number of failures: 0 = pass
 *	}
 *
 *    or let ktap_run(fn) count the checks fn makes, for the plan.
 *
 * 2. Test functions, each one test (one result line, in a KTAP subtest
 *    named after the suite), with any number of checks inside:
 *
 *	static void t_align(void)
 *	{
 *		void *p = malloc(10);
 *		ASSERT(p != NULL);                // fails: reported, and t_align returns
 *		EXPECT(((uintptr_t)p & 15) == 0); // fails: reported, and t_align goes on
 *		free(p);
 *	}
 *	static const struct ktap_case cases[] = { KTAP_CASE(t_align) };
 *	int main(void) { return ktap_run_cases("malloc", cases, KTAP_NCASES(cases)); }
 *
 * In both, EXPECT records a failure and carries on, and ASSERT records it
 * and stops the test: it returns from the function it is written in,
 * which must return void (a test function, or a helper of one). Each is
 * an expression worth 1 if the check passed (EXPECT) or a statement
 * (ASSERT). A check's name is optional: a printf format and its arguments
 * (no '#' in the result); without one, the condition's own text names it. A
 * failure also prints "# file:line: ..." before its result.
 *
 * Output goes to file descriptor 1 with write(), one line at a time, so
 * it never waits in stdout's buffer and keeps its place among the
 * program's other output; define KTAP_STDIO before including this to
 * print with fputs(stdout) instead (the stdio test does, to check that
 * buffering keeps the order). Without a libc (KTAP_FREESTANDING, which
 * rt.h defines) names and diagnostics are printed as written, with no
 * % conversions. KTAP_ON_FAIL(), if defined before this header, runs
 * after every failed check (a test prints more about what it saw).
 */
#ifndef TESTS_INCLUDE_KTAP_H
#define TESTS_INCLUDE_KTAP_H

#include <stdarg.h>
#include <stddef.h>

#ifdef KTAP_FREESTANDING
#include "interlude/syscall.h"
#include "syscall/syscall.h"
#define KTAP_PRINTF_(f, a)
#else
#include <stdio.h>
#include <unistd.h>
#define KTAP_PRINTF_(f, a) __attribute__((format(printf, f, a)))
#endif

#ifndef KTAP_ON_FAIL
#define KTAP_ON_FAIL()
#endif

/* The stream's state: planned results, results so far, failures; while
 * ktap_counting, results are counted and nothing is printed (ktap_run). */
static int ktap_planned, ktap_count, ktap_failed, ktap_counting;
/* Inside ktap_run_cases: checks belong to the running test function, which
 * has failed if ktap_case_failed; ktap_checks counts every check made. */
static int ktap_in_case, ktap_case_failed, ktap_checks;

/* ------------------------------------------------------------------ */
/* building and writing lines (no libc needed) */

struct ktap_line {
	char text[640];
	int len;
};

/* Appends s (as much as fits, keeping room for the newline). */
static inline void ktap_put(struct ktap_line *l, const char *s)
{
	while (s && *s && l->len < (int)sizeof l->text - 2)
		l->text[l->len++] = *s++;
}

/* Appends v in decimal. */
static inline void ktap_put_dec(struct ktap_line *l, long long v)
{
	char t[24];
	int i = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		t[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		t[i++] = '-';
	while (i > 0 && l->len < (int)sizeof l->text - 2)
		l->text[l->len++] = t[--i];
}

/* Appends v in hexadecimal, with 0x and no leading zeros. */
static inline void ktap_put_hex(struct ktap_line *l, unsigned long long v)
{
	char t[17];
	int i = 0;
	do
		t[i++] = "0123456789abcdef"[v & 15];
	while ((v >>= 4) != 0);
	ktap_put(l, "0x");
	while (i > 0 && l->len < (int)sizeof l->text - 2)
		l->text[l->len++] = t[--i];
}

/* Appends a printf-formatted text; without a libc, fmt as it is. */
static inline void ktap_put_va(struct ktap_line *l, const char *fmt, va_list ap)
{
#ifdef KTAP_FREESTANDING
	(void)ap;
	ktap_put(l, fmt);
#else
	int room = (int)sizeof l->text - 1 - l->len;
	int n = vsnprintf(l->text + l->len, (size_t)room, fmt, ap);
	if (n > 0)
		l->len += n < room ? n : room - 1;
#endif
}

/* Writes the line with a newline to standard output, and empties it. */
static inline void ktap_emit(struct ktap_line *l)
{
	l->text[l->len++] = '\n';
#if defined(KTAP_FREESTANDING)
	__syscall3(SYS_write, 1, l->text, l->len);
#elif defined(KTAP_STDIO)
	l->text[l->len] = 0;
	fputs(l->text, stdout);
#else
	if (write(1, l->text, (size_t)l->len) < 0)
		ktap_failed++;
#endif
	l->len = 0;
}

/* "# text": a diagnostic line (a trailing newline in fmt is dropped). */
KTAP_PRINTF_(1, 2) static inline void ktap_diag(const char *fmt, ...)
{
	struct ktap_line l = {.len = 0};
	va_list ap;
	ktap_put(&l, ktap_in_case ? "    # " : "# ");
	va_start(ap, fmt);
	ktap_put_va(&l, fmt, ap);
	va_end(ap);
	if (l.len > 0 && l.text[l.len - 1] == '\n')
		l.len--;
	if (!ktap_counting)
		ktap_emit(&l);
}

/* ------------------------------------------------------------------ */
/* the stream */

/* "KTAP version 1" and the plan. */
static inline void ktap_begin(int plan)
{
	struct ktap_line l = {.len = 0};
	ktap_planned = plan;
	ktap_put(&l, "KTAP version 1");
	ktap_emit(&l);
	ktap_put(&l, "1..");
	ktap_put_dec(&l, plan);
	ktap_emit(&l);
}

/* Prints one result line, "ok N name" or "not ok N name", with " # detail"
 * if detail is not empty; indent for a subtest's lines. Returns ok. */
static inline int ktap_print_result(int ok, int number, const char *indent, const char *name,
				    const char *detail)
{
	struct ktap_line l = {.len = 0};
	ktap_put(&l, indent);
	ktap_put(&l, ok ? "ok " : "not ok ");
	ktap_put_dec(&l, number);
	ktap_put(&l, " ");
	ktap_put(&l, name);
	if (detail && *detail) {
		ktap_put(&l, " # ");
		ktap_put(&l, detail);
	}
	ktap_emit(&l);
	return ok;
}

/* The next numbered result of a flat stream (detail may be NULL). Returns ok. */
static inline int ktap_result(int ok, const char *name, const char *detail)
{
	ktap_count++;
	if (ktap_counting)
		return ok;
	if (!ok)
		ktap_failed++;
	return ktap_print_result(ok, ktap_count, "", name, detail);
}

/* "ok N name # SKIP reason" */
static inline void ktap_skip(const char *name, const char *reason)
{
	struct ktap_line d = {.len = 0};
	ktap_put(&d, "SKIP ");
	ktap_put(&d, reason);
	d.text[d.len] = 0;
	ktap_result(1, name, d.text);
}

/* Closes a flat stream: a failure for every check missing from the plan, one
 * for checks beyond it. Returns the number of failures (0 = passed). */
static inline int ktap_end(void)
{
	int extra = ktap_count - ktap_planned;
	while (ktap_count < ktap_planned)
		ktap_result(0, "(missing)", "the program ended before this check");
	if (extra > 0) {
		ktap_diag("%d more checks than the plan said", extra);
		ktap_failed++;
	}
	return ktap_failed; /* with KTAP_STDIO, exit() must flush what is left */
}

/*
 * Runs tests() twice: once silently to count its checks, then for real
 * after printing that plan; so table-like tests need not count by hand
 * (tests() must make the same checks both times). The number of failures.
 */
static inline int ktap_run(void (*tests)(void))
{
	ktap_counting = 1;
	ktap_count = 0;
	tests();
	ktap_counting = 0;
	ktap_begin(ktap_count);
	ktap_count = 0;
	tests();
	return ktap_end();
}

/* ------------------------------------------------------------------ */
/* checks */

/*
 * Records one check. In a flat stream it is the next result line, named
 * name, with detail (may be empty) after " # "; in a test function it
 * marks the running test. A failure is first described by a diagnostic:
 * file, line, what was expected, and the detail. Returns ok.
 */
static inline int ktap_record(int ok, const char *file, int line, const char *what,
			      const char *name, const char *detail)
{
	ktap_checks++;
	if (!ktap_in_case)
		ktap_count++;
	if (ktap_counting)
		return ok;
	if (!ok) {
		if (ktap_in_case && detail && *detail) /* a flat result line shows it */
			ktap_diag("%s:%d: expected %s: %s", file, line, what, detail);
		else
			ktap_diag("%s:%d: expected %s", file, line, what);
		KTAP_ON_FAIL();
	}
	if (ktap_in_case) {
		ktap_case_failed |= !ok;
		return ok;
	}
	if (!ok)
		ktap_failed++;
	return ktap_print_result(ok, ktap_count, "", name, detail);
}

/* Writes a check's name into l: fmt's text with its arguments, or fallback if fmt is NULL. */
static inline void ktap_name(struct ktap_line *l, const char *fallback, const char *fmt, va_list ap)
{
	if (fmt)
		ktap_put_va(l, fmt, ap);
	else
		ktap_put(l, fallback);
	l->text[l->len] = 0;
}

/* EXPECT: cond is the condition's text, which names the check when fmt is NULL. */
KTAP_PRINTF_(5, 6)
static inline int ktap_check_at(int ok, const char *file, int line, const char *cond,
				const char *fmt, ...)
{
	struct ktap_line name = {.len = 0};
	va_list ap;
	va_start(ap, fmt);
	ktap_name(&name, cond, fmt, ap);
	va_end(ap);
	return ktap_record(ok, file, line, cond, name.text, NULL);
}

/* EXPECT_EQ: got == want; when not, both are shown in decimal and in hexadecimal. */
KTAP_PRINTF_(6, 7)
static inline int ktap_check_eq_at(long long got, long long want, const char *file, int line,
				   const char *what, const char *fmt, ...)
{
	struct ktap_line d = {.len = 0}, name = {.len = 0};
	va_list ap;
	int ok = got == want;
	if (!ok) {
		ktap_put(&d, "got ");
		ktap_put_dec(&d, got);
		ktap_put(&d, " (");
		ktap_put_hex(&d, (unsigned long long)got);
		ktap_put(&d, "), expected ");
		ktap_put_dec(&d, want);
		ktap_put(&d, " (");
		ktap_put_hex(&d, (unsigned long long)want);
		ktap_put(&d, ")");
	}
	d.text[d.len] = 0;
	va_start(ap, fmt);
	ktap_name(&name, what, fmt, ap);
	va_end(ap);
	return ktap_record(ok, file, line, what, name.text, d.text);
}

/* EXPECT_STR: two equal strings (NULL equals nothing); when not, both are shown. */
KTAP_PRINTF_(6, 7)
static inline int ktap_check_str_at(const char *got, const char *want, const char *file, int line,
				    const char *what, const char *fmt, ...)
{
	struct ktap_line d = {.len = 0}, name = {.len = 0};
	va_list ap;
	int ok = got && want;
	for (size_t i = 0; ok && (got[i] || want[i]); i++)
		ok = got[i] == want[i];
	if (!ok) {
		ktap_put(&d, "got \"");
		ktap_put(&d, got ? got : "(null)");
		ktap_put(&d, "\", expected \"");
		ktap_put(&d, want ? want : "(null)");
		ktap_put(&d, "\"");
	}
	d.text[d.len] = 0;
	va_start(ap, fmt);
	ktap_name(&name, what, fmt, ap);
	va_end(ap);
	return ktap_record(ok, file, line, what, name.text, d.text);
}

/* The optional name: the arguments given, or NULL when there are none. */
#define KTAP_CAT_(a, b) a##b
#define KTAP_NONAME_ NULL
#define KTAP_NONAME_x
#define KTAP_NAME_(...) __VA_OPT__(__VA_ARGS__) KTAP_CAT_(KTAP_NONAME_, __VA_OPT__(x))

#define EXPECT(cond, ...)                                                                          \
	ktap_check_at(!!(cond), __FILE__, __LINE__, #cond, KTAP_NAME_(__VA_ARGS__))
#define EXPECT_EQ(got, want, ...)                                                                  \
	ktap_check_eq_at((long long)(got), (long long)(want), __FILE__, __LINE__,                  \
			 #got " == " #want, KTAP_NAME_(__VA_ARGS__))
#define EXPECT_STR(got, want, ...)                                                                 \
	ktap_check_str_at(got, want, __FILE__, __LINE__, #got " equals " #want,                    \
			  KTAP_NAME_(__VA_ARGS__))

/* As EXPECT, EXPECT_EQ and EXPECT_STR, then a return when the check failed. */
#define ASSERT(cond, ...)                                                                          \
	do {                                                                                       \
		if (!ktap_check_at(!!(cond), __FILE__, __LINE__, #cond, KTAP_NAME_(__VA_ARGS__)))  \
			return;                                                                    \
	} while (0)
#define ASSERT_EQ(got, want, ...)                                                                  \
	do {                                                                                       \
		if (!ktap_check_eq_at((long long)(got), (long long)(want), __FILE__, __LINE__,     \
				      #got " == " #want, KTAP_NAME_(__VA_ARGS__)))                 \
			return;                                                                    \
	} while (0)
#define ASSERT_STR(got, want, ...)                                                                 \
	do {                                                                                       \
		if (!ktap_check_str_at(got, want, __FILE__, __LINE__, #got " equals " #want,       \
				       KTAP_NAME_(__VA_ARGS__)))                                   \
			return;                                                                    \
	} while (0)

#define SKIP(name, reason) ktap_skip(name, reason)

/* ------------------------------------------------------------------ */
/* test functions */

struct ktap_case {
	const char *name;
	void (*fn)(void);
};
/* clang-format off */
#define KTAP_CASE(fn) { #fn, fn }
/* clang-format on */
#define KTAP_NCASES(a) ((int)(sizeof(a) / sizeof((a)[0])))

/*
 * Runs the test functions as one KTAP test, suite, whose subtests they
 * are: each passes if none of its checks failed. Returns the process's
 * exit status: 0 if every one passed, else 1.
 */
static inline int ktap_run_cases(const char *suite, const struct ktap_case *cases, int n)
{
	struct ktap_line l = {.len = 0};
	int bad = 0;
#ifndef KTAP_FREESTANDING
	setvbuf(stdout, NULL, _IONBF, 0); /* a test's own printf lines stay in place */
#endif
	ktap_begin(1);
	ktap_put(&l, "    KTAP version 1");
	ktap_emit(&l);
	ktap_put(&l, "    # Subtest: ");
	ktap_put(&l, suite);
	ktap_emit(&l);
	ktap_put(&l, "    1..");
	ktap_put_dec(&l, n);
	ktap_emit(&l);
	for (int i = 0; i < n; i++) {
		ktap_in_case = 1;
		ktap_case_failed = 0;
		cases[i].fn();
		bad += ktap_case_failed;
		ktap_print_result(!ktap_case_failed, i + 1, "    ", cases[i].name, NULL);
	}
	ktap_in_case = 0;
	ktap_diag("%s: %d checks, %d tests failed", suite, ktap_checks, bad);
	ktap_result(bad == 0, suite, NULL);
	return bad != 0;
}

#endif
