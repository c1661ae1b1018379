/*
 * format.c - the printf engine (format.h): parses each conversion
 * specification and sends the converted text to a sink.
 *
 * fmt_vformat() copies the literal text between specifications, parses
 * one specification into a struct fmt_spec (parse_spec) and converts it
 * (convert): integers and pointers through format_int, strings and
 * characters through fmt_emit_field. Every byte goes out through
 * fmt_emit, which also counts it, so the count stays right when the sink
 * drops bytes (a full snprintf buffer). Freestanding: no library calls,
 * no floating point, no state outside the call.
 */
#include "format/format.h"

#include <stdint.h>

/* <limits.h> differs between the kernel, the libc and the host: the compiler's own macro. */
#define FMT_INT_MAX __INT_MAX__

/* Sends n bytes to the sink and counts them. */
void fmt_emit(struct fmt_out *o, const char *s, size_t n)
{
	if (n) {
		o->sink(o->ctx, s, n);
		o->total += n;
	}
}

/* Sends n copies of c (a space or '0'), a chunk at a time. */
static void pad(struct fmt_out *o, char c, size_t n)
{
	static const char spaces[] = "                                ";
	static const char zeros[] = "00000000000000000000000000000000";
	const char *src = c == '0' ? zeros : spaces;
	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		fmt_emit(o, src, k);
		n -= k;
	}
}

/* Sends s[0..n) padded with spaces to the width, on the side the - flag says. */
void fmt_emit_field(struct fmt_out *o, const struct fmt_spec *sp, const char *s, size_t n)
{
	size_t w = (size_t)sp->width;
	size_t fill = w > n ? w - n : 0;
	if (!(sp->flags & FMT_LEFT))
		pad(o, ' ', fill);
	fmt_emit(o, s, n);
	if (sp->flags & FMT_LEFT)
		pad(o, ' ', fill);
}

/*
 * Sends prefix, zeros '0's and the digits, padded to the width: spaces
 * on the left (or on the right for -), or for the 0 flag more zeros
 * between the prefix and the digits, so "-0042" and "0x00ff".
 */
void fmt_emit_number(struct fmt_out *o, const struct fmt_spec *sp, const char *prefix, size_t zeros,
		     const char *digits, size_t n)
{
	size_t np = 0;
	while (prefix[np])
		np++;
	size_t body = np + zeros + n;
	size_t w = (size_t)sp->width;
	size_t fill = w > body ? w - body : 0;
	bool left = sp->flags & FMT_LEFT;
	bool zero_fill = (sp->flags & FMT_ZERO) && !left;
	if (!left && !zero_fill)
		pad(o, ' ', fill);
	fmt_emit(o, prefix, np);
	pad(o, '0', zeros + (zero_fill ? fill : 0));
	fmt_emit(o, digits, n);
	if (left)
		pad(o, ' ', fill);
}

/* Takes a signed argument of the given length, widened to intmax_t. */
static intmax_t arg_signed(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case FMT_LEN_HH: return (signed char)va_arg(*ap, int);
	case FMT_LEN_H: return (short)va_arg(*ap, int);
	case FMT_LEN_L: return va_arg(*ap, long);
	case FMT_LEN_LL: return va_arg(*ap, long long);
	case FMT_LEN_Z: return va_arg(*ap, long); /* ssize_t: size_t's signed twin */
	case FMT_LEN_T: return va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

/* Takes an unsigned argument of the given length, widened to uintmax_t. */
static uintmax_t arg_unsigned(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case FMT_LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case FMT_LEN_H: return (unsigned short)va_arg(*ap, unsigned int);
	case FMT_LEN_L: return va_arg(*ap, unsigned long);
	case FMT_LEN_LL: return va_arg(*ap, unsigned long long);
	case FMT_LEN_Z: return va_arg(*ap, size_t);
	case FMT_LEN_T: return va_arg(*ap, unsigned long); /* ptrdiff_t's unsigned twin */
	case FMT_LEN_J: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/*
 * Formats an integer: the sign (or + or space), the prefix (0x for # and
 * %p), at least prec digits (none for 0 with precision 0, except that %#o
 * always starts with a 0), then the width. C ignores the 0 flag when a
 * precision is given.
 */
static void format_int(struct fmt_out *o, const struct fmt_spec *sp, uintmax_t mag, bool negative)
{
	char conv = sp->conv;
	const char *alphabet = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
	char digits[24]; /* 22 octal digits for 2^64 - 1 */
	int nd = 0;
	for (uintmax_t v = mag; v; v /= base)
		digits[sizeof digits - 1 - nd++] = alphabet[v % base];

	char prefix[4];
	int np = 0;
	if (negative)
		prefix[np++] = '-';
	else if (sp->flags & FMT_PLUS)
		prefix[np++] = '+';
	else if (sp->flags & FMT_SPACE)
		prefix[np++] = ' ';
	if (conv == 'p' || ((sp->flags & FMT_ALT) && base == 16 && mag)) {
		prefix[np++] = '0';
		prefix[np++] = conv == 'X' ? 'X' : 'x';
	}
	prefix[np] = '\0';

	int prec = sp->prec < 0 ? 1 : sp->prec;
	if ((sp->flags & FMT_ALT) && base == 8 && prec <= nd)
		prec = nd + 1; /* the first digit must be 0 */
	struct fmt_spec s = *sp;
	if (s.prec >= 0)
		s.flags &= ~FMT_ZERO;
	fmt_emit_number(o, &s, prefix, prec > nd ? (size_t)(prec - nd) : 0,
			digits + sizeof digits - nd, (size_t)nd);
}

/*
 * Formats a string: at most prec bytes, and no byte past them is read (C
 * allows an array without a NUL then). NULL prints "(null)", as glibc.
 */
static void format_string(struct fmt_out *o, const struct fmt_spec *sp, const char *s)
{
	if (!s)
		s = "(null)";
	size_t n = 0;
	while ((sp->prec < 0 || n < (size_t)sp->prec) && s[n])
		n++;
	fmt_emit_field(o, sp, s, n);
}

/* %n: stores the number of bytes produced so far where the argument points. */
static void store_count(const struct fmt_out *o, enum fmt_length len, va_list *ap)
{
	switch (len) {
	case FMT_LEN_HH: *va_arg(*ap, signed char *) = (signed char)o->total; break;
	case FMT_LEN_H: *va_arg(*ap, short *) = (short)o->total; break;
	case FMT_LEN_L: *va_arg(*ap, long *) = (long)o->total; break;
	case FMT_LEN_LL: *va_arg(*ap, long long *) = (long long)o->total; break;
	case FMT_LEN_Z: *va_arg(*ap, size_t *) = o->total; break;
	case FMT_LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)o->total; break;
	case FMT_LEN_J: *va_arg(*ap, intmax_t *) = (intmax_t)o->total; break;
	default: *va_arg(*ap, int *) = (int)o->total; break;
	}
}

/* Runs one conversion; false if the engine and the dialect both do not know it. */
static bool convert(struct fmt_out *o, const struct fmt_dialect *d, struct fmt_spec *sp,
		    va_list *ap)
{
	switch (sp->conv) {
	case 'd':
	case 'i': {
		intmax_t v = arg_signed(ap, sp->len);
		uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
		format_int(o, sp, mag, v < 0);
		return true;
	}
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		sp->flags &= ~(FMT_PLUS | FMT_SPACE); /* signs are for signed conversions */
		format_int(o, sp, arg_unsigned(ap, sp->len), false);
		return true;
	case 'p': {
		void *ptr = va_arg(*ap, void *);
		sp->flags &= ~(FMT_PLUS | FMT_SPACE);
		if (!ptr && d->null_pointer) {
			sp->prec = -1;
			format_string(o, sp, d->null_pointer);
		} else {
			format_int(o, sp, (uintptr_t)ptr, false);
		}
		return true;
	}
	case 'c': {
		char c = (char)va_arg(*ap, int);
		fmt_emit_field(o, sp, &c, 1);
		return true;
	}
	case 's': format_string(o, sp, va_arg(*ap, const char *)); return true;
	case 'n': store_count(o, sp->len, ap); return true;
	case '%': fmt_emit(o, "%", 1); return true;
	default: return d->extension && d->extension(o, sp, ap);
	}
}

/* Reads a decimal number at *p (saturating at INT_MAX), moving *p past it. */
static int read_number(const char **p)
{
	int n = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++) {
		int digit = **p - '0';
		n = n > (FMT_INT_MAX - digit) / 10 ? FMT_INT_MAX : n * 10 + digit;
	}
	return n;
}

/* Parses the flags at s into sp; returns the first byte after them. */
static const char *parse_flags(const char *s, struct fmt_spec *sp)
{
	for (;; s++) {
		switch (*s) {
		case '-': sp->flags |= FMT_LEFT; break;
		case '+': sp->flags |= FMT_PLUS; break;
		case ' ': sp->flags |= FMT_SPACE; break;
		case '#': sp->flags |= FMT_ALT; break;
		case '0': sp->flags |= FMT_ZERO; break;
		default: return s;
		}
	}
}

/* Parses the width and the precision (digits or *) at s; returns what follows. */
static const char *parse_width_precision(const char *s, struct fmt_spec *sp, va_list *ap)
{
	if (*s == '*') {
		int w = va_arg(*ap, int);
		s++;
		if (w < 0) { /* a negative width is the - flag and a width */
			sp->flags |= FMT_LEFT;
			w = w == -FMT_INT_MAX - 1 ? FMT_INT_MAX : -w;
		}
		sp->width = w;
	} else {
		sp->width = read_number(&s);
	}
	sp->prec = -1;
	if (*s == '.') {
		s++;
		if (*s == '*') {
			int pr = va_arg(*ap, int);
			s++;
			sp->prec = pr < 0 ? -1 : pr; /* negative: as if omitted */
		} else {
			sp->prec = read_number(&s); /* "." alone is precision 0 */
		}
	}
	return s;
}

/* Parses the length modifier at s; returns what follows (the conversion). */
static const char *parse_length(const char *s, struct fmt_spec *sp)
{
	switch (*s) {
	case 'h': sp->len = s[1] == 'h' ? FMT_LEN_HH : FMT_LEN_H; return s + (s[1] == 'h' ? 2 : 1);
	case 'l': sp->len = s[1] == 'l' ? FMT_LEN_LL : FMT_LEN_L; return s + (s[1] == 'l' ? 2 : 1);
	case 'q': sp->len = FMT_LEN_LL; return s + 1;
	case 'z': sp->len = FMT_LEN_Z; return s + 1;
	case 't': sp->len = FMT_LEN_T; return s + 1;
	case 'j': sp->len = FMT_LEN_J; return s + 1;
	case 'L': sp->len = FMT_LEN_BIG_L; return s + 1;
	default: sp->len = FMT_LEN_NONE; return s;
	}
}

/*
 * Parses the specification whose '%' is at start (taking the arguments of
 * its *s); returns a pointer to its conversion character, which is the
 * string's NUL if the format ends inside the specification.
 */
static const char *parse_spec(const char *start, struct fmt_spec *sp, va_list *ap)
{
	*sp = (struct fmt_spec){.text = start};
	const char *s = parse_flags(start + 1, sp);
	s = parse_width_precision(s, sp, ap);
	s = parse_length(s, sp);
	sp->conv = *s;
	sp->text_len = (size_t)(s - start) + 1;
	return s;
}

/* Formats fmt with ap into sink(ctx, ...); the byte count, or -1 past INT_MAX. */
int fmt_vformat(const struct fmt_dialect *d, fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_out o = {sink, ctx, 0};
	va_list args;
	va_copy(args, ap);
	const char *p = fmt;
	while (*p) {
		const char *lit = p;
		while (*p && *p != '%')
			p++;
		fmt_emit(&o, lit, (size_t)(p - lit));
		if (!*p)
			break;
		struct fmt_spec sp;
		p = parse_spec(p, &sp, &args);
		if (!*p)
			break; /* the format ended inside a specification: stop there */
		if (!convert(&o, d, &sp, &args))
			fmt_emit(&o, sp.text, sp.text_len); /* unknown: show it as written */
		p++;
	}
	va_end(args);
	return o.total > FMT_INT_MAX ? -1 : (int)o.total;
}
