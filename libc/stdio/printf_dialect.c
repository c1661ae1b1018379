/*
 * printf_dialect.c - the libc's dialect of the printf engine that the kernel's
 * kprintf also uses (common/format/format.c, where every conversion,
 * flag and length is). What is the libc's own:
 *
 *   - %p of a null pointer prints "(nil)", as glibc;
 *   - floating point: the engine has none (the kernel cannot use the FPU),
 *     so the libc's extension takes f F e E g G a A (printf_float.c):
 *     a hook rather than the engine with a part compiled only for the
 *     libc, so that common/format/ stays one text, built the same way
 *     for both, with no #ifdef, and the kernel cannot link a double by
 *     mistake;
 *   - errno: EOVERFLOW when the output is longer than INT_MAX.
 */
#include <errno.h>
#include "format/format.h"
#include "stdio/printf_dialect.h"
#include "stdio/printf_float.h"

static const struct fmt_dialect libc_dialect = {
    .null_pointer = "(nil)",
    .extension = __fmt_float,
};

/* Formats fmt with ap into out(ctx, ...); the byte count, or -1 (EOVERFLOW) past INT_MAX. */
int __fmt_format(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	int r = fmt_vformat(&libc_dialect, sink, ctx, fmt, ap);
	if (r < 0)
		errno = EOVERFLOW;
	return r;
}
