/*
 * printf_dialect.c - the libc's dialect of the printf engine that the kernel's
 * kprintf also uses (common/format/format.c, where every conversion,
 * flag and length is). What is the libc's own:
 *
 *   - %p of a null pointer prints "(nil)", as glibc;
 *   - floating point: the engine has none (the kernel cannot use the FPU),
 *     so the libc's extension takes f F e E g G a A. There is no float
 *     formatting yet: the conversion takes its double (long double with
 *     L), so the arguments after it stay in place, and prints the
 *     specification itself, e.g. "%.2f";
 *   - errno: EOVERFLOW when the output is longer than INT_MAX.
 */
#include <errno.h>
#include "format/format.h"
#include "stdio/printf_dialect.h"

/* The extension for floating point: takes the argument, prints the specification as written. */
static bool float_conversion(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	switch (sp->conv) {
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (sp->len == FMT_LEN_BIG_L)
			(void)va_arg(*ap, long double);
		else
			(void)va_arg(*ap, double);
		fmt_emit(o, sp->text, sp->text_len);
		return true;
	default: return false;
	}
}

static const struct fmt_dialect libc_dialect = {
    .null_pointer = "(nil)",
    .extension = float_conversion,
};

/* Formats fmt with ap into out(ctx, ...); the byte count, or -1 (EOVERFLOW) past INT_MAX. */
int __fmt_format(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	int r = fmt_vformat(&libc_dialect, sink, ctx, fmt, ap);
	if (r < 0)
		errno = EOVERFLOW;
	return r;
}
