/*
 * host_main.c - runs the kernel's pure self-test suites as a host program.
 *
 * The suites listed in mk/host.mk (HOST_TEST_SRCS) are compiled for the
 * host with AddressSanitizer and UndefinedBehaviorSanitizer, together with
 * the kernel code they test and the same ktest runner as in the kernel. This
 * file supplies what the kernel would: a console (stdout) and panic().
 *
 *   build/host/ktest-host [suite,suite...] [options]
 *
 * prints KTAP and exits 0 if every test passed, 1 otherwise.
 */
#include "lib/console.h"
#include "lib/kprintf.h"
#include "test/ktest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void console_write(const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
}

/* The kernel's panic(), on the host: same test hooks, then abort(). */
__attribute__((noreturn)) void panic(const char *fmt, ...);
void panic(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ktest_catch_expected_panic(msg);
	kprintf("%sKERNEL PANIC: %s\n", ktest_diag_prefix(), msg);
	char reason[220];
	ksnprintf(reason, sizeof reason, "panic: %s", msg);
	ktest_on_crash(reason);
	fflush(stdout);
	abort();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* argv[2], if given, plays the kernel command line (e.g. selftest.fail_demo). */
	bool ok = ktest_run(argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : "host");
	fflush(stdout);
	return ok ? 0 : 1;
}
