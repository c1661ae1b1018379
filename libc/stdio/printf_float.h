/*
 * stdio/printf_float.h - printf's floating-point conversions, which the
 * shared engine (common/format/) leaves to the libc: the kernel is built
 * without SSE, so no double may appear in the engine. The libc's dialect
 * (printf_dialect.c) passes every conversion the engine does not know to
 * __fmt_float.
 */
#ifndef LIBC_STDIO_PRINTF_FLOAT_H
#define LIBC_STDIO_PRINTF_FLOAT_H

#include <stdarg.h>
#include <stdbool.h>
#include "format/format.h"

/*
 * Converts one of f F e E g G a A, taking a double (a long double with
 * L) from *ap; false for any other conversion, which the engine then
 * prints as written.
 */
bool __fmt_float(struct fmt_out *out, const struct fmt_spec *sp, va_list *ap);

#endif
