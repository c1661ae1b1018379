/*
 * stdio/format.h - the one printf formatter, written over a sink: the
 * buffer functions (vsnprintf) and the stream functions (vfprintf) give
 * it their own output function. Its name is libc-internal, so the file
 * also builds on the host beside glibc for the sanitizer tests.
 */
#ifndef LIBC_STDIO_FORMAT_H
#define LIBC_STDIO_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives n bytes of output (not NUL-terminated). */
typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

/* Formats fmt with ap into out(ctx, ...); the byte count, or -1 (EOVERFLOW) past INT_MAX. */
int __fmt_format(fmt_sink out, void *ctx, const char *fmt, va_list ap);

#endif
