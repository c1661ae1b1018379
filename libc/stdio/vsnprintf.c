/* vsnprintf.c - printf into a caller's buffer: snprintf, sprintf and their v-forms. */
#include <limits.h>
#include <stdio.h>
#include "stdio/printf_dialect.h"

struct bufsink {
	char *buf;
	size_t room; /* bytes still free, keeping one for the NUL */
};

/* Copies what fits into the buffer; the rest is only counted by the formatter. */
static void buf_out(void *ctx, const char *s, size_t n)
{
	struct bufsink *b = ctx;
	size_t k = n < b->room ? n : b->room;
	for (size_t i = 0; i < k; i++)
		b->buf[i] = s[i];
	b->buf += k;
	b->room -= k;
}

/*
 * Formats into buf, writing at most size bytes including the NUL (none
 * at all if size is 0); returns the length the whole output has, so a
 * result >= size means it was truncated.
 */
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	char dummy;
	struct bufsink b = {size ? buf : &dummy, size ? size - 1 : 0};
	int r = __fmt_format(buf_out, &b, fmt, ap);
	if (size)
		*b.buf = 0;
	return r;
}

/* vsnprintf with the arguments inline. */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

/* Formats into a buffer assumed large enough (prefer vsnprintf). */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

/* vsprintf with the arguments inline. */
int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}
