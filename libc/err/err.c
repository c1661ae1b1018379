/*
 * err.c - warn, warnx, err, errx and their v forms: one line on standard
 * error, "name: message: error text\n" (name is the program's, its last
 * path component; no message when fmt is NULL; no ": error text" for the
 * x forms), as glibc writes it. err and errx then exit(eval).
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char *__progname; /* argv[0] (libc/start/libc_start.c) */

/* Writes the line; with_errno adds errno's text (saved before anything
 * could change it). */
static void say(const char *fmt, va_list ap, int with_errno)
{
	int saved = errno;
	const char *slash = strrchr(__progname, '/');
	fprintf(stderr, "%s: ", slash ? slash + 1 : __progname);
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		if (with_errno)
			fputs(": ", stderr);
	}
	if (with_errno)
		fputs(strerror(saved), stderr);
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap)
{
	say(fmt, ap, 1);
}

void vwarnx(const char *fmt, va_list ap)
{
	say(fmt, ap, 0);
}

void verr(int eval, const char *fmt, va_list ap)
{
	say(fmt, ap, 1);
	exit(eval);
}

void verrx(int eval, const char *fmt, va_list ap)
{
	say(fmt, ap, 0);
	exit(eval);
}

void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void err(int eval, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verr(eval, fmt, ap);
}

void errx(int eval, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verrx(eval, fmt, ap);
}
