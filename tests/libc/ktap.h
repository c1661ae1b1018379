/*
 * ktap.h - a KTAP printer for the libc's tests. The same test file runs
 * as a static program on Linux, on Interlude, and (for the pure parts)
 * on the host under ASan/UBSan (tests/libc/host/).
 *
 *	int main(void)
 *	{
 *		ktap_begin(3);                              // "KTAP version 1", "1..3"
 *		CHECK(strlen("ab") == 2, "strlen");
 *		CHECK_EQ(atoi("-7"), -7, "atoi negative");  // shows both values if not equal
 *		CHECK_STR(buf, "0x1f", "%%#x");            // shows both strings
 *		return ktap_end();                          // the number of failures
 *	}
 *
 * or let ktap_run() count the checks (see below).
 *
 * Lines are formatted with the libc's vsnprintf and written with write(1)
 * at once, so they never wait in stdout's buffer; define KTAP_STDIO
 * before including this to print them with fputs(stdout) instead (the
 * stdio test does, to check buffering keeps their order). Names must
 * not contain '#'.
 */
#ifndef TESTS_LIBC_KTAP_H
#define TESTS_LIBC_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int ktap_planned, ktap_count, ktap_failed, ktap_counting;

/* Formats a line and writes it to standard output. */
__attribute__((format(printf, 1, 2))) static void ktap_printf(const char *fmt, ...)
{
	char line[600];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = sizeof line - 1;
#ifdef KTAP_STDIO
	fputs(line, stdout);
#else
	if (write(1, line, (size_t)n) < 0)
		ktap_failed++;
#endif
}

/* "KTAP version 1" and the plan. */
static inline void ktap_begin(int plan)
{
	ktap_planned = plan;
	ktap_printf("KTAP version 1\n1..%d\n", plan);
}

/* One result; detail (may be empty) follows " # ". Returns ok. */
static inline int ktap_result(int ok, const char *name, const char *detail)
{
	ktap_count++;
	if (ktap_counting)
		return ok;
	if (!ok)
		ktap_failed++;
	ktap_printf("%s %d %s%s%s\n", ok ? "ok" : "not ok", ktap_count, name, detail && *detail ? " # " : "",
		    detail ? detail : "");
	return ok;
}

/* A result whose name is formatted. */
__attribute__((format(printf, 2, 3))) static int ktap_check(int ok, const char *fmt, ...)
{
	char name[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	return ktap_result(ok, name, "");
}

/* got == want, showing both in decimal (and hex) when not. */
static inline int ktap_check_eq(long long got, long long want, const char *name)
{
	char d[160];
	snprintf(d, sizeof d, "got %lld (%#llx), expected %lld (%#llx)", got, (unsigned long long)got, want,
		 (unsigned long long)want);
	return ktap_result(got == want, name, got == want ? "" : d);
}

/* Two strings equal, showing both when not. */
static inline int ktap_check_str(const char *got, const char *want, const char *name)
{
	char d[400];
	int ok = got && want && strcmp(got, want) == 0;
	snprintf(d, sizeof d, "got \"%s\", expected \"%s\"", got ? got : "(null)", want ? want : "(null)");
	return ktap_result(ok, name, ok ? "" : d);
}

/* "ok N name # SKIP reason" */
static inline void ktap_skip(const char *name, const char *reason)
{
	char d[200];
	snprintf(d, sizeof d, "SKIP %s", reason);
	ktap_result(1, name, d);
}

/* A "# ..." diagnostic line. */
#define ktap_diag(...) ktap_printf("# " __VA_ARGS__)

/* Closes the stream: fails for checks missing or beyond the plan; the number of failures. */
static inline int ktap_end(void)
{
	int extra = ktap_count - ktap_planned;
	while (ktap_count < ktap_planned)
		ktap_result(0, "(missing)", "the program ended before this check");
	if (extra > 0) {
		ktap_diag("%d more checks than the plan said\n", extra);
		ktap_failed++;
	}
	return ktap_failed; /* with KTAP_STDIO, exit() must flush what is left */
}

/*
 * Runs tests() twice: once silently to count its checks, then for real
 * after printing that plan; so table-like tests need not count by hand
 * (tests() must do the same checks both times). The number of failures.
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

#define CHECK(cond, ...) ktap_check(!!(cond), __VA_ARGS__)
#define CHECK_EQ(got, want, name) ktap_check_eq((long long)(got), (long long)(want), name)
#define CHECK_STR(got, want, name) ktap_check_str(got, want, name)
#define SKIP(name, reason) ktap_skip(name, reason)

#endif
