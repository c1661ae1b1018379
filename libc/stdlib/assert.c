/* assert.c - what a failed assert() does. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char *__progname;

/*
 * Prints "prog: file:line: func: Assertion `expr' failed." on stderr,
 * glibc's words, with prog the program's name without its directory (as
 * glibc's short program name), and aborts. stdout is flushed first, so
 * that what the program printed before is not lost (glibc does not).
 */
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	const char *slash = strrchr(__progname, '/');
	fflush(stdout);
	fprintf(stderr, "%s: %s:%d: %s: Assertion `%s' failed.\n", slash ? slash + 1 : __progname,
		file, line, func, expr);
	abort();
}
