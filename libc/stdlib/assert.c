/* assert.c - what a failed assert() does. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

extern const char *__progname;

/* Prints "prog: file:line: func: Assertion `expr' failed." (glibc's words) and aborts. */
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s:%d: %s: Assertion `%s' failed.\n", __progname, file, line, func, expr);
	abort();
}
