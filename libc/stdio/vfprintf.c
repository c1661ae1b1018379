/* vfprintf.c - printf to a stream or a file descriptor. */
#include <stdio.h>
#include <unistd.h>
#include "stdio/printf_dialect.h"
#include "stdio/stdio_impl.h"

/* The formatter's sink for a stream. */
static void file_out(void *ctx, const char *s, size_t n)
{
	__stdio_write(ctx, s, n);
}

/*
 * Formats to f; the byte count, or -1 if writing failed. An unbuffered
 * stream gets a buffer on the stack for the call, so one printf to
 * stderr is one write(), not one per piece.
 */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	unsigned char tmp[256];
	int had_error = f->flags & FL_ERR;
	f->flags &= ~FL_ERR;
	int unbuffered = f->mode == _IONBF;
	if (unbuffered) {
		f->buf = tmp;
		f->size = sizeof tmp;
		f->len = 0;
		f->mode = _IOFBF;
	}
	int r = __fmt_format(file_out, f, fmt, ap);
	if (unbuffered) {
		__stdio_flush(f);
		f->buf = NULL;
		f->size = 0;
		f->mode = _IONBF;
	}
	if (f->flags & FL_ERR)
		r = -1;
	f->flags |= had_error;
	return r;
}

/* vfprintf with the arguments inline. */
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

/* vfprintf to stdout. */
int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* vprintf with the arguments inline. */
int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

/* Formats straight to a file descriptor through a transient stream. */
int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct __file f = {.fd = fd, .mode = _IONBF};
	return vfprintf(&f, fmt, ap);
}

/* vdprintf with the arguments inline. */
int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
