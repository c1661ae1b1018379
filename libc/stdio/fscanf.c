/*
 * fscanf.c - scanf from a stream: fscanf, vfscanf, scanf, vscanf (the
 * engine is scan_format.c). The engine reads with getc and gives its one
 * character of look-ahead back with ungetc, so what a conversion did not
 * use is still there for the next read, as in any libc.
 */
#include <stdio.h>
#include "stdio/scan_impl.h"

/* The stream's next character, or EOF. */
static int stream_get(void *ctx)
{
	return getc(ctx);
}

/* Pushes c back onto the stream. */
static void stream_unget(void *ctx, int c)
{
	ungetc(c, ctx);
}

/* Scans the stream f by fmt; the count of conversions stored, or EOF. */
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct scan_in in = {stream_get, stream_unget, f, 0};
	return __scan_format(&in, fmt, ap);
}

/* vfscanf with the arguments inline. */
int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

/* vfscanf from stdin. */
int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

/* vscanf with the arguments inline. */
int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
