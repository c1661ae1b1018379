/*
 * format.h - the one printf engine, shared by the kernel's kprintf
 * (kernel/lib/kprintf.c) and the libc's printf family (libc/stdio/).
 *
 * The engine walks a format string, takes the arguments from a va_list
 * and hands every piece of output to a sink function; it never allocates,
 * never touches global state and calls no library, so it builds
 * freestanding for the kernel (no floating point there), for the libc and
 * on the host. Where output goes is the caller's business: the kernel's
 * sinks are the console and a buffer, the libc's a FILE and a buffer.
 *
 * A specification is %[flags][width][.precision][length]conversion:
 *   flags      - + space # 0
 *   width      digits or * (a negative * is the - flag and a width)
 *   precision  .digits or .* (a negative .* is as if none was given)
 *   length     hh h l ll z t j, and q (as ll) and L (for floating point)
 *   conversion d i u o x X c s p n %
 * An unknown conversion is printed as it was written and takes no
 * argument (past those its * took), so the mistake shows; a format that
 * ends inside a specification prints nothing more.
 *
 * What differs between the two users is a dialect: what %p prints for a
 * null pointer, and an extension that handles conversions the engine
 * lacks. The libc's extension is where floating point goes: the kernel
 * is compiled with -mgeneral-regs-only, so no double may appear here.
 */
#ifndef COMMON_FORMAT_H
#define COMMON_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Receives n bytes of output (not NUL-terminated). */
typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

/* The flags of a specification, as bits of fmt_spec.flags. */
enum {
	FMT_LEFT = 1,  /* '-': pad on the right */
	FMT_PLUS = 2,  /* '+': a sign on positive numbers too */
	FMT_SPACE = 4, /* ' ': a space where '+' would go */
	FMT_ALT = 8,   /* '#': 0x before hex digits, a leading 0 in octal */
	FMT_ZERO = 16, /* '0': pad numbers with zeros after the sign */
};

/* The length modifier: which type the argument was passed as. */
enum fmt_length {
	FMT_LEN_NONE, /* int, unsigned int */
	FMT_LEN_HH,   /* char */
	FMT_LEN_H,    /* short */
	FMT_LEN_L,    /* long */
	FMT_LEN_LL,   /* long long (also q) */
	FMT_LEN_Z,    /* size_t */
	FMT_LEN_T,    /* ptrdiff_t */
	FMT_LEN_J,    /* intmax_t */
	FMT_LEN_BIG_L /* L: long double, for floating point */
};

/* One parsed specification. */
struct fmt_spec {
	int flags;	     /* FMT_LEFT | FMT_PLUS | ... */
	int width;	     /* minimum field width; 0 if none */
	int prec;	     /* precision; -1 if none */
	enum fmt_length len; /* length modifier */
	char conv;	     /* the conversion character */
	const char *text;    /* the specification as written, from its '%' */
	size_t text_len;     /* ... through the conversion character */
};

/* Where the output of one call goes, and how many bytes went. */
struct fmt_out {
	fmt_sink sink;
	void *ctx;
	size_t total;
};

/*
 * Handles a conversion the engine does not know (sp->conv), taking its
 * argument from *ap; returns false to let the engine print it as written.
 */
typedef bool (*fmt_extension)(struct fmt_out *out, const struct fmt_spec *sp, va_list *ap);

/* What one user of the engine does its own way. */
struct fmt_dialect {
	const char *null_pointer; /* what %p prints for NULL; NULL: "0x0", as any address */
	fmt_extension extension;  /* conversions the engine lacks; NULL: none */
};

/*
 * Formats fmt with the arguments in ap into sink(ctx, ...). Returns the
 * number of bytes produced, as C's printf, or -1 if that is more than
 * INT_MAX (POSIX's EOVERFLOW: the engine sets no errno, the libc does).
 */
int fmt_vformat(const struct fmt_dialect *dialect, fmt_sink sink, void *ctx, const char *fmt,
		va_list ap);

/* For extensions: sends s[0..n) to the output as it is. */
void fmt_emit(struct fmt_out *out, const char *s, size_t n);

/* For extensions: sends s[0..n) padded with spaces to sp's width. */
void fmt_emit_field(struct fmt_out *out, const struct fmt_spec *sp, const char *s, size_t n);

/*
 * For extensions: sends a number made of a prefix (a sign, 0x: a
 * NUL-terminated string), zeros '0's and digits[0..n), padded to sp's
 * width: with spaces, or with more zeros after the prefix for the 0 flag.
 */
void fmt_emit_number(struct fmt_out *out, const struct fmt_spec *sp, const char *prefix,
		     size_t zeros, const char *digits, size_t n);

#endif
