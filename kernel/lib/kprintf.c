/*
 * kprintf.c - a small printf for the kernel.
 *
 * kvformat() walks the format string and hands every piece of output to a
 * sink function; kprintf() and ksnprintf() are thin layers that choose the
 * sink (the console, or a buffer). The formatting code never allocates and
 * never touches global state, so it is safe in a fault handler and is also
 * compiled and tested on the host.
 */
#include "lib/kprintf.h"
#include "lib/console.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
	bool left;	/* '-': pad on the right */
	bool zero;	/* '0': pad numbers with zeros */
	bool plus;	/* '+': sign on positive numbers */
	bool space;	/* ' ': space before positive numbers */
	bool alt;	/* '#': 0x / 0 prefix */
	int width;	/* minimum field width, 0 if none */
	int precision;	/* -1 if none */
	int length;	/* 0 int, 1 long, 2 long long, -1 short, -2 char, 3 size_t */
};

struct out {
	kprintf_sink sink;
	void *ctx;
	int count;
};

static void emit(struct out *o, const char *s, size_t n)
{
	if (n) {
		o->sink(o->ctx, s, n);
		o->count += (int)n;
	}
}

static void emit_pad(struct out *o, char c, int n)
{
	char pad[16];
	for (int i = 0; i < 16; i++)
		pad[i] = c;
	while (n > 0) {
		int k = n < 16 ? n : 16;
		emit(o, pad, (size_t)k);
		n -= k;
	}
}

/* Emits s (n chars) padded to the field width. */
static void emit_field(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	int pad = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!sp->left)
		emit_pad(o, ' ', pad);
	emit(o, s, n);
	if (sp->left)
		emit_pad(o, ' ', pad);
}

/* Formats an unsigned magnitude with an optional sign and prefix. */
static void emit_number(struct out *o, const struct spec *sp, uint64_t v, unsigned base,
			bool upper, const char *sign, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0;
	do {
		buf[sizeof buf - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	/* C's rule: precision 0 with value 0 prints no digits. */
	if (sp->precision == 0 && n == 1 && buf[sizeof buf - 1] == '0')
		n = 0;
	int zeros = sp->precision > n ? sp->precision - n : 0;
	int len = (int)__builtin_strlen(sign) + (int)__builtin_strlen(prefix) + zeros + n;
	int pad = sp->width > len ? sp->width - len : 0;
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		emit_pad(o, ' ', pad);
	emit(o, sign, __builtin_strlen(sign));
	emit(o, prefix, __builtin_strlen(prefix));
	emit_pad(o, '0', zeros);
	emit(o, buf + sizeof buf - n, (size_t)n);
	if (sp->left)
		emit_pad(o, ' ', pad);
}

static int64_t fetch_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case -2: return (signed char)va_arg(*ap, int);
	case -1: return (short)va_arg(*ap, int);
	case 0: return va_arg(*ap, int);
	case 1: return va_arg(*ap, long);
	case 2: return va_arg(*ap, long long);
	default: return (int64_t)va_arg(*ap, size_t);
	}
}

static uint64_t fetch_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case -2: return (unsigned char)va_arg(*ap, unsigned);
	case -1: return (unsigned short)va_arg(*ap, unsigned);
	case 0: return va_arg(*ap, unsigned);
	case 1: return va_arg(*ap, unsigned long);
	case 2: return va_arg(*ap, unsigned long long);
	default: return va_arg(*ap, size_t);
	}
}

/* Parses flags, width, precision and length; returns the conversion char. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .precision = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->precision = sp->precision * 10 + (*f++ - '0');
		}
	}
	if (*f == 'h') {
		sp->length = -1;
		if (*++f == 'h') {
			sp->length = -2;
			f++;
		}
	} else if (*f == 'l') {
		sp->length = 1;
		if (*++f == 'l') {
			sp->length = 2;
			f++;
		}
	} else if (*f == 'z' || *f == 't' || *f == 'j') {
		sp->length = 3;
		f++;
	}
	return f;
}

int kvformat(kprintf_sink sink, void *ctx, const char *fmt, va_list ap_in)
{
	struct out o = { sink, ctx, 0 };
	va_list ap;
	va_copy(ap, ap_in);
	while (*fmt) {
		const char *lit = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		emit(&o, lit, (size_t)(fmt - lit));
		if (!*fmt)
			break;
		struct spec sp;
		fmt = parse_spec(fmt + 1, &sp, &ap);
		char c = *fmt;
		if (!c)
			break; /* a lone '%' at the end: print nothing more */
		fmt++;
		switch (c) {
		case 'd':
		case 'i': {
			int64_t v = fetch_signed(&sp, &ap);
			const char *sign = v < 0 ? "-" : sp.plus ? "+" : sp.space ? " " : "";
			uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
			emit_number(&o, &sp, mag, 10, false, sign, "");
			break;
		}
		case 'u':
			emit_number(&o, &sp, fetch_unsigned(&sp, &ap), 10, false, "", "");
			break;
		case 'x':
		case 'X': {
			uint64_t v = fetch_unsigned(&sp, &ap);
			const char *prefix = sp.alt && v ? (c == 'x' ? "0x" : "0X") : "";
			emit_number(&o, &sp, v, 16, c == 'X', "", prefix);
			break;
		}
		case 'o': {
			uint64_t v = fetch_unsigned(&sp, &ap);
			/* '#' makes the output start with a 0: by a "0" prefix
			 * unless the precision already gives leading zeros. */
			const char *prefix = "";
			if (sp.alt) {
				int digits = 0;
				for (uint64_t x = v; x; x >>= 3)
					digits++;
				if (v == 0 && sp.precision == 0)
					sp.precision = 1;
				else if (v != 0 && sp.precision <= digits)
					prefix = "0";
			}
			emit_number(&o, &sp, v, 8, false, "", prefix);
			break;
		}
		case 'p':
			sp.precision = -1;
			emit_number(&o, &sp, (uint64_t)(uintptr_t)va_arg(ap, void *), 16, false, "",
				    "0x");
			break;
		case 'c': {
			char ch = (char)va_arg(ap, int);
			emit_field(&o, &sp, &ch, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t n = 0;
			/* Check the precision first: the string need not be
			 * NUL-terminated when the precision stops before its end. */
			while ((sp.precision < 0 || n < (size_t)sp.precision) && s[n])
				n++;
			emit_field(&o, &sp, s, n);
			break;
		}
		case '%':
			emit(&o, "%", 1);
			break;
		default:
			/* Unknown conversion: show it as written, so the bug is visible. */
			emit(&o, "%", 1);
			emit(&o, &c, 1);
			break;
		}
	}
	va_end(ap);
	return o.count;
}

/* kprintf: a small buffer in front of the console saves per-byte calls. */
struct console_buf {
	char data[128];
	size_t len;
};

static void console_sink(void *ctx, const char *s, size_t n)
{
	struct console_buf *b = ctx;
	while (n) {
		if (b->len == sizeof b->data) {
			console_write(b->data, b->len);
			b->len = 0;
		}
		size_t k = sizeof b->data - b->len;
		if (k > n)
			k = n;
		__builtin_memcpy(b->data + b->len, s, k);
		b->len += k;
		s += k;
		n -= k;
	}
}

int kvprintf(const char *fmt, va_list ap)
{
	struct console_buf b;
	b.len = 0;
	int n = kvformat(console_sink, &b, fmt, ap);
	console_write(b.data, b.len);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* ksnprintf: the sink copies what fits and counts the rest. */
struct string_buf {
	char *buf;
	size_t size;
	size_t len;
};

static void string_sink(void *ctx, const char *s, size_t n)
{
	struct string_buf *b = ctx;
	for (size_t i = 0; i < n; i++, b->len++)
		if (b->len + 1 < b->size)
			b->buf[b->len] = s[i];
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct string_buf b = { buf, size, 0 };
	int n = kvformat(string_sink, &b, fmt, ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
