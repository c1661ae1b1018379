/* sscanf.c - scanf from a string: sscanf and vsscanf (the engine is scan_format.c). */
#include <stdio.h>
#include "stdio/scan_impl.h"

/* The string's next character, or EOF at its NUL (which is never passed). */
static int string_get(void *ctx)
{
	const unsigned char **s = ctx;
	if (!**s)
		return EOF;
	return *(*s)++;
}

/* Steps back over the character just read (it is still there). */
static void string_unget(void *ctx, int c)
{
	(void)c;
	const unsigned char **s = ctx;
	(*s)--;
}

/* Scans the string s by fmt; the count of conversions stored, or EOF. */
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	const unsigned char *pos = (const unsigned char *)s;
	struct scan_in in = {string_get, string_unget, &pos, 0};
	return __scan_format(&in, fmt, ap);
}

/* vsscanf with the arguments inline. */
int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
