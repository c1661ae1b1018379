/*
 * format.c - printf's formatter: parses each conversion specification
 * and sends the converted text to a sink.
 *
 * A specification is %[flags][width][.precision][length]conversion with
 * flags - + space # 0, width and precision as digits or *, lengths
 * hh h l ll z t j (L and q accepted), conversions d i u o x X c s p %.
 * Floating-point conversions (f F e E g G a A) are not implemented: they
 * take their double (long double with L) and print the specification
 * itself. %n takes its pointer and writes nothing. An unknown
 * conversion is printed as it was written.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "stdio/format.h"

enum {
	F_LEFT = 1, /* - */
	F_PLUS = 2, /* + */
	F_SPACE = 4, /* space */
	F_ALT = 8, /* # */
	F_ZERO = 16, /* 0 */
};

enum length { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_T, L_J, L_BIG };

struct spec {
	int flags;
	int width; /* 0: none */
	int prec; /* -1: none */
	enum length len;
};

struct out {
	fmt_sink sink;
	void *ctx;
	size_t total;
};

/* Sends n bytes to the sink and counts them. */
static void emit(struct out *o, const char *s, size_t n)
{
	if (n) {
		o->sink(o->ctx, s, n);
		o->total += n;
	}
}

/* Sends n copies of c (a space or '0'). */
static void pad(struct out *o, char c, size_t n)
{
	static const char spaces[] = "                                ";
	static const char zeros[] = "00000000000000000000000000000000";
	const char *src = c == '0' ? zeros : spaces;
	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		emit(o, src, k);
		n -= k;
	}
}

/* Sends s[0..n) padded with spaces to the width, on the side the - flag says. */
static void emit_padded(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	size_t w = (size_t)sp->width;
	if (!(sp->flags & F_LEFT) && w > n)
		pad(o, ' ', w - n);
	emit(o, s, n);
	if ((sp->flags & F_LEFT) && w > n)
		pad(o, ' ', w - n);
}

/* Takes a signed argument of the given length, widened to intmax_t. */
static intmax_t arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case L_HH: return (signed char)va_arg(*ap, int);
	case L_H: return (short)va_arg(*ap, int);
	case L_L: return va_arg(*ap, long);
	case L_LL: return va_arg(*ap, long long);
	case L_Z: return va_arg(*ap, long); /* ssize_t */
	case L_T: return va_arg(*ap, long); /* ptrdiff_t */
	case L_J: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

/* Takes an unsigned argument of the given length, widened to uintmax_t. */
static uintmax_t arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case L_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case L_H: return (unsigned short)va_arg(*ap, unsigned int);
	case L_L: return va_arg(*ap, unsigned long);
	case L_LL: return va_arg(*ap, unsigned long long);
	case L_Z: return va_arg(*ap, size_t);
	case L_T: return va_arg(*ap, unsigned long);
	case L_J: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/*
 * Formats an integer: sign (or + / space), prefix (0x for # and %p),
 * at least prec digits (none for 0 with precision 0, except %#o), then
 * the width with spaces, or zeros after the prefix for the 0 flag.
 */
static void format_int(struct out *o, const struct spec *sp, char conv, uintmax_t mag, int negative)
{
	char digits[24]; /* 22 octal digits for 2^64 - 1 */
	const char *alphabet = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
	int nd = 0;
	for (uintmax_t v = mag; v; v /= base)
		digits[sizeof digits - 1 - nd++] = alphabet[v % base];

	char prefix[3];
	int np = 0;
	if (negative)
		prefix[np++] = '-';
	else if (sp->flags & F_PLUS)
		prefix[np++] = '+';
	else if (sp->flags & F_SPACE)
		prefix[np++] = ' ';
	if (conv == 'p' || ((sp->flags & F_ALT) && base == 16 && mag)) {
		prefix[np++] = '0';
		prefix[np++] = conv == 'X' ? 'X' : 'x';
	}

	int prec = sp->prec < 0 ? 1 : sp->prec;
	if ((sp->flags & F_ALT) && base == 8 && prec <= nd)
		prec = nd + 1; /* the first digit must be 0 */
	int nzeros = prec > nd ? prec - nd : 0;
	size_t body = (size_t)np + (size_t)nzeros + (size_t)nd;
	size_t w = (size_t)sp->width;

	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->prec < 0 && w > body) {
		nzeros += (int)(w - body);
		body = w;
	}
	if (!(sp->flags & F_LEFT) && w > body)
		pad(o, ' ', w - body);
	emit(o, prefix, (size_t)np);
	pad(o, '0', (size_t)nzeros);
	emit(o, digits + sizeof digits - nd, (size_t)nd);
	if ((sp->flags & F_LEFT) && w > body)
		pad(o, ' ', w - body);
}

/* Reads a decimal number at *p (saturating at INT_MAX), moving *p past it. */
static int read_number(const char **p)
{
	long n = 0;
	while (**p >= '0' && **p <= '9') {
		n = n * 10 + (**p - '0');
		if (n > INT_MAX)
			n = INT_MAX;
		(*p)++;
	}
	return (int)n;
}

/* Parses flags, width, precision and length after a '%'; *p ends on the conversion. */
static void parse_spec(struct spec *sp, const char **p, va_list *ap)
{
	const char *s = *p;
	sp->flags = 0;
	for (;; s++) {
		if (*s == '-')
			sp->flags |= F_LEFT;
		else if (*s == '+')
			sp->flags |= F_PLUS;
		else if (*s == ' ')
			sp->flags |= F_SPACE;
		else if (*s == '#')
			sp->flags |= F_ALT;
		else if (*s == '0')
			sp->flags |= F_ZERO;
		else
			break;
	}
	if (*s == '*') {
		int w = va_arg(*ap, int);
		s++;
		if (w < 0) { /* a negative width is the - flag and a width */
			sp->flags |= F_LEFT;
			w = w == INT_MIN ? INT_MAX : -w;
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
			sp->prec = read_number(&s);
		}
	}
	sp->len = L_NONE;
	switch (*s) {
	case 'h':
		sp->len = s[1] == 'h' ? L_HH : L_H;
		s += s[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		sp->len = s[1] == 'l' ? L_LL : L_L;
		s += s[1] == 'l' ? 2 : 1;
		break;
	case 'q': sp->len = L_LL; s++; break;
	case 'z': sp->len = L_Z; s++; break;
	case 't': sp->len = L_T; s++; break;
	case 'j': sp->len = L_J; s++; break;
	case 'L': sp->len = L_BIG; s++; break;
	}
	*p = s;
}

/* Formats the string argument: at most prec bytes are read; NULL prints "(null)". */
static void format_string(struct out *o, const struct spec *sp, const char *s)
{
	if (!s)
		s = "(null)";
	size_t n = sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec);
	emit_padded(o, sp, s, n);
}

/* Runs one conversion whose specification is [start, *p]; *p is the conversion. */
static void convert(struct out *o, const struct spec *sp, const char *start, const char *conv, va_list *ap)
{
	switch (*conv) {
	case 'd':
	case 'i': {
		intmax_t v = arg_signed(ap, sp->len);
		uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
		format_int(o, sp, 'd', mag, v < 0);
		break;
	}
	case 'u':
	case 'o':
	case 'x':
	case 'X': {
		struct spec s = *sp;
		s.flags &= ~(F_PLUS | F_SPACE); /* signs are for signed conversions */
		format_int(o, &s, *conv, arg_unsigned(ap, sp->len), 0);
		break;
	}
	case 'p': {
		void *ptr = va_arg(*ap, void *);
		struct spec s = *sp;
		s.flags &= ~(F_PLUS | F_SPACE);
		if (!ptr) { /* as glibc */
			s.prec = -1;
			format_string(o, &s, "(nil)");
		} else {
			format_int(o, &s, 'p', (uintptr_t)ptr, 0);
		}
		break;
	}
	case 'c': {
		char c = (char)(unsigned char)va_arg(*ap, int);
		emit_padded(o, sp, &c, 1);
		break;
	}
	case 's':
		format_string(o, sp, va_arg(*ap, const char *));
		break;
	case 'n':
		(void)va_arg(*ap, void *);
		break;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		if (sp->len == L_BIG)
			(void)va_arg(*ap, long double);
		else
			(void)va_arg(*ap, double);
		emit(o, start, (size_t)(conv + 1 - start));
		break;
	case '%':
		emit(o, "%", 1);
		break;
	default: /* unknown, or the format ended: print what was written */
		emit(o, start, (size_t)(conv - start) + (*conv != 0));
		break;
	}
}

/* Formats fmt with ap into out(ctx, ...); the byte count, or -1 (EOVERFLOW) past INT_MAX. */
int __fmt_format(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = {sink, ctx, 0};
	va_list args;
	va_copy(args, ap);
	const char *p = fmt;
	while (*p) {
		const char *lit = p;
		while (*p && *p != '%')
			p++;
		emit(&o, lit, (size_t)(p - lit));
		if (!*p)
			break;
		const char *start = p++;
		struct spec sp;
		parse_spec(&sp, &p, &args);
		convert(&o, &sp, start, p, &args);
		if (*p)
			p++;
	}
	va_end(args);
	if (o.total > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.total;
}
