/*
 * kernel_stubs.c - what the kernel would supply to its pure code, for the
 * fuzzers and the host benchmark: a console (stderr), panic() (abort: a
 * fuzzer only makes legal calls, so any panic is a bug) and the self-test
 * framework's diagnostic prefix (none here).
 */
#include "lib/console.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void console_write(const char *s, size_t n)
{
	fwrite(s, 1, n, stderr);
}

__attribute__((noreturn)) void panic(const char *fmt, ...);
void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "KERNEL PANIC: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

const char *ktest_diag_prefix(void);
const char *ktest_diag_prefix(void)
{
	return "";
}
