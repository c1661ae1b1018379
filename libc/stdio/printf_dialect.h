/*
 * stdio/printf_dialect.h - the libc's entry to the printf engine (common/format/):
 * the buffer functions (vsnprintf) and the stream functions (vfprintf)
 * give it their own sink. Its name is libc-internal, so the file also
 * builds on the host beside glibc for the sanitizer tests.
 */
#ifndef LIBC_STDIO_PRINTF_DIALECT_H
#define LIBC_STDIO_PRINTF_DIALECT_H

#include <stdarg.h>
#include "format/format.h"

/* Formats fmt with ap into sink(ctx, ...); the byte count, or -1 (EOVERFLOW) past INT_MAX. */
int __fmt_format(fmt_sink sink, void *ctx, const char *fmt, va_list ap);

#endif
