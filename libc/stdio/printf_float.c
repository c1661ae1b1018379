/*
 * printf_float.c - %f %F %e %E %g %G %a %A (printf_float.h), with every
 * flag, width, precision and L, printed as glibc prints them.
 *
 * The decimal conversions start from the number's exact decimal
 * expansion (fp_decimal.c) rounded half to even at the last digit shown:
 * so each digit is the true one, as C asks of a correctly rounded libc.
 * %a prints the binary fraction in hexadecimal, as glibc lays it out: a
 * double as 0x1.<13 digits>p<exp> (0x0. for subnormals), a long double
 * as its 64-bit significand in 16 hex digits, 0x8.<15 digits>p<exp> for
 * 1.0 (the stored integer bit is the leading 8).
 *
 * The output is sent in pieces (fmt_emit): the digits are never copied
 * into a buffer, so %.100000f needs no more memory than %f.
 */
#include "stdio/printf_float.h"
#include "internal/fp_bits.h"
#include "stdio/fp_decimal.h"

/* Sends n copies of c, a chunk at a time. */
static void emit_repeat(struct fmt_out *o, char c, unsigned long long n)
{
	char chunk[32];
	for (unsigned i = 0; i < sizeof chunk; i++)
		chunk[i] = c;
	while (n) {
		size_t k = n < sizeof chunk ? (size_t)n : sizeof chunk;
		fmt_emit(o, chunk, k);
		n -= k;
	}
}

/* Sends the digits at places [from, from + count) of x: '0' for places outside its digits. */
static void emit_digits(struct fmt_out *o, const struct fp_decimal *x, long long from,
			long long count)
{
	long long end = from + count;
	if (from < 0) { /* places before the first digit (a small number's fraction) */
		long long z = end < 0 ? end - from : -from;
		emit_repeat(o, '0', (unsigned long long)z);
		from += z;
	}
	if (from < end && from < x->n) {
		long long stop = end < x->n ? end : x->n;
		fmt_emit(o, x->d + from, (size_t)(stop - from));
		from = stop;
	}
	if (from < end)
		emit_repeat(o, '0', (unsigned long long)(end - from));
}

/*
 * Starts a field whose text after the prefix (a sign, 0x) is body bytes:
 * the padding to the width, on the left with spaces, or with zeros after
 * the prefix for the 0 flag (numbers only: zero_ok); returns the spaces
 * still owed on the right for the - flag.
 */
static unsigned long long field_start(struct fmt_out *o, const struct fmt_spec *sp,
				      const char *prefix, unsigned long long body, bool zero_ok)
{
	size_t np = 0;
	while (prefix[np])
		np++;
	unsigned long long len = np + body, w = (unsigned long long)sp->width;
	unsigned long long fill = w > len ? w - len : 0;
	if (sp->flags & FMT_LEFT) {
		fmt_emit(o, prefix, np);
		return fill;
	}
	if ((sp->flags & FMT_ZERO) && zero_ok) {
		fmt_emit(o, prefix, np);
		emit_repeat(o, '0', fill);
	} else {
		emit_repeat(o, ' ', fill);
		fmt_emit(o, prefix, np);
	}
	return 0;
}

/* Writes the sign a conversion shows (-, or + / space by the flags) into prefix; its length. */
static int put_sign(char *prefix, const struct fmt_spec *sp, bool neg)
{
	int n = 0;
	if (neg)
		prefix[n++] = '-';
	else if (sp->flags & FMT_PLUS)
		prefix[n++] = '+';
	else if (sp->flags & FMT_SPACE)
		prefix[n++] = ' ';
	prefix[n] = '\0';
	return n;
}

/* Writes e (or E or p) and the signed exponent with at least min_digits digits; the length. */
static int put_exponent(char *out, char letter, int exp, int min_digits)
{
	char rev[8];
	int n = 0, k = 0;
	unsigned v = exp < 0 ? (unsigned)-exp : (unsigned)exp;
	do {
		rev[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k < min_digits)
		rev[k++] = '0';
	out[n++] = letter;
	out[n++] = exp < 0 ? '-' : '+';
	while (k)
		out[n++] = rev[--k];
	return n;
}

/* inf or nan (upper case for F E G A), with the sign; the 0 flag does not apply. */
static void format_special(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_parts *p)
{
	bool upper = sp->conv >= 'A' && sp->conv <= 'Z';
	const char *word =
	    p->cls == FP_BITS_INF ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
	char prefix[2];
	put_sign(prefix, sp, p->neg);
	unsigned long long after = field_start(o, sp, prefix, 3, false);
	fmt_emit(o, word, 3);
	emit_repeat(o, ' ', after);
}

/* %f: the integer part (at least "0"), and prec digits after the point. */
static void format_fixed(struct fmt_out *o, const struct fmt_spec *sp, const char *prefix,
			 struct fp_decimal *x, long long prec)
{
	fp_decimal_round(x, x->point + prec);
	bool dot = prec > 0 || (sp->flags & FMT_ALT);
	long long int_len = x->point > 0 ? x->point : 1;
	unsigned long long after =
	    field_start(o, sp, prefix, (unsigned long long)(int_len + dot + prec), true);
	if (x->point > 0)
		emit_digits(o, x, 0, x->point);
	else
		fmt_emit(o, "0", 1);
	if (dot)
		fmt_emit(o, ".", 1);
	emit_digits(o, x, x->point, prec);
	emit_repeat(o, ' ', after);
}

/* %e: one digit, prec more after the point, the exponent of ten (at least two digits). */
static void format_exp(struct fmt_out *o, const struct fmt_spec *sp, const char *prefix,
		       struct fp_decimal *x, long long prec)
{
	fp_decimal_round(x, prec + 1);
	int exp10 = x->n ? x->point - 1 : 0;
	char e[16];
	int ne = put_exponent(e, sp->conv == 'E' || sp->conv == 'G' ? 'E' : 'e', exp10, 2);
	bool dot = prec > 0 || (sp->flags & FMT_ALT);
	unsigned long long after =
	    field_start(o, sp, prefix, (unsigned long long)(1 + dot + prec + ne), true);
	fmt_emit(o, x->n ? x->d : "0", 1);
	if (dot)
		fmt_emit(o, ".", 1);
	emit_digits(o, x, 1, prec);
	fmt_emit(o, e, (size_t)ne);
	emit_repeat(o, ' ', after);
}

/*
 * %g: P significant digits (6 by default, 1 for 0); %e's style if the
 * exponent X after rounding is below -4 or at least P, %f's otherwise,
 * and without the fraction's trailing zeros unless the # flag.
 */
static void format_general(struct fmt_out *o, const struct fmt_spec *sp, const char *prefix,
			   struct fp_decimal *x, long long prec)
{
	long long p = prec < 0 ? 6 : prec == 0 ? 1 : prec;
	fp_decimal_round(x, p);
	long long exp10 = x->n ? x->point - 1 : 0;
	bool alt = sp->flags & FMT_ALT;
	if (exp10 < -4 || exp10 >= p) {
		long long q = p - 1;
		if (!alt && q > (x->n > 1 ? x->n - 1 : 0))
			q = x->n > 1 ? x->n - 1
				     : 0; /* the digits the expansion has, no zeros after */
		format_exp(o, sp, prefix, x, q);
	} else {
		long long q = p - 1 - exp10;
		long long have = x->n - x->point; /* digits after the point */
		if (!alt && q > (have > 0 ? have : 0))
			q = have > 0 ? have : 0;
		format_fixed(o, sp, prefix, x, q);
	}
}

/* %a: the significand in hexadecimal, rounded half to even to prec digits, and p with the exponent
 * of two. */
static void format_hex(struct fmt_out *o, const struct fmt_spec *sp, const char *sign,
		       const struct fp_parts *p, bool is_long)
{
	bool upper = sp->conv == 'A';
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	/* v: the leading digit then nfrac hex digits of fraction */
	int nfrac = is_long ? 15 : 13;
	unsigned __int128 v = p->mant;
	int exp2 = 0;
	if (p->cls != FP_BITS_ZERO) {
		if (is_long) {
			exp2 = (p->biased ? p->biased : 1) - 16383 - 3;
		} else {
			exp2 = p->biased ? p->biased - 1023 : -1022;
		}
	}
	int digits = nfrac;
	if (sp->prec < 0) {
		while (digits > 0 &&
		       !(v & 15)) { /* no precision: as many as are not trailing zeros */
			v >>= 4;
			digits--;
		}
	} else if (sp->prec < nfrac) {
		digits = sp->prec;
		int shift = 4 * (nfrac - digits);
		unsigned __int128 rest = v & (((unsigned __int128)1 << shift) - 1);
		unsigned __int128 half = (unsigned __int128)1 << (shift - 1);
		v >>= shift;
		if (rest > half || (rest == half && (v & 1)))
			v++; /* may carry into the leading digit: 0x1.f -> 0x2.0 as glibc prints */
	}
	unsigned __int128 lead = v >> (4 * digits);
	char body[64];
	int n = 0;
	if (lead >=
	    16) { /* a long double's 0xf.ff.. rounded up: 0x1 and four more in the exponent */
		body[n++] = '1';
		exp2 += 4;
		v = 0;
	} else {
		body[n++] = hex[(unsigned)lead];
	}
	int zeros =
	    sp->prec > digits ? sp->prec - digits : 0; /* asked for more digits than there are */
	if (digits || zeros || (sp->flags & FMT_ALT))
		body[n++] = '.';
	for (int i = digits - 1; i >= 0; i--)
		body[n++] = hex[(unsigned)(v >> (4 * i)) & 15];
	char e[16];
	int ne = put_exponent(e, upper ? 'P' : 'p', exp2, 1);
	char prefix[4];
	int np = 0;
	while (sign[np]) {
		prefix[np] = sign[np];
		np++;
	}
	prefix[np++] = '0';
	prefix[np++] = upper ? 'X' : 'x';
	prefix[np] = '\0';
	unsigned long long after = field_start(
	    o, sp, prefix, (unsigned long long)n + (unsigned long long)zeros + ne, true);
	fmt_emit(o, body, (size_t)n);
	emit_repeat(o, '0', (unsigned long long)zeros);
	fmt_emit(o, e, (size_t)ne);
	emit_repeat(o, ' ', after);
}

/* %f, %e or %g of the exact expansion x. */
static void format_decimal(struct fmt_out *o, const struct fmt_spec *sp, const char *sign,
			   struct fp_decimal *x)
{
	long long prec = sp->prec < 0 ? 6 : sp->prec;
	if (sp->conv == 'f' || sp->conv == 'F')
		format_fixed(o, sp, sign, x, prec);
	else if (sp->conv == 'e' || sp->conv == 'E')
		format_exp(o, sp, sign, x, prec);
	else
		format_general(o, sp, sign, x, sp->prec);
}

/*
 * The decimal conversions of a double, and of a long double: each in a
 * function of its own (never inlined) so that a double's conversion has
 * only a double's buffers on the stack.
 */
__attribute__((noinline)) static void format_double_decimal(struct fmt_out *o,
							    const struct fmt_spec *sp,
							    const char *sign,
							    const struct fp_parts *p)
{
	char buf[FP_DECIMAL_DOUBLE_DIGITS];
	uint32_t limbs[FP_DECIMAL_LIMBS(FP_DECIMAL_DOUBLE_DIGITS)];
	struct fp_decimal x =
	    fp_decimal_exact(p->cls == FP_BITS_ZERO ? 0 : p->mant, p->exp2, buf, limbs);
	format_decimal(o, sp, sign, &x);
}

/* The long double twin of format_double_decimal, with room for 11,600 digits. */
__attribute__((noinline)) static void format_long_decimal(struct fmt_out *o,
							  const struct fmt_spec *sp,
							  const char *sign,
							  const struct fp_parts *p)
{
	char buf[FP_DECIMAL_LDOUBLE_DIGITS];
	uint32_t limbs[FP_DECIMAL_LIMBS(FP_DECIMAL_LDOUBLE_DIGITS)];
	struct fp_decimal x =
	    fp_decimal_exact(p->cls == FP_BITS_ZERO ? 0 : p->mant, p->exp2, buf, limbs);
	format_decimal(o, sp, sign, &x);
}

/* One floating-point conversion; false if sp's is none (see printf_float.h). */
bool __fmt_float(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	char c = sp->conv;
	if (c != 'f' && c != 'F' && c != 'e' && c != 'E' && c != 'g' && c != 'G' && c != 'a' &&
	    c != 'A')
		return false;
	/* L, and as in glibc ll and q (which the engine reads as one length): a long double */
	bool is_long = sp->len == FMT_LEN_BIG_L || sp->len == FMT_LEN_LL;
	struct fp_parts p = is_long ? fp_split_ldouble(va_arg(*ap, long double))
				    : fp_split_double(va_arg(*ap, double));
	if (p.cls == FP_BITS_INF || p.cls == FP_BITS_NAN) {
		format_special(o, sp, &p);
		return true;
	}
	char sign[2];
	put_sign(sign, sp, p.neg);
	if (c == 'a' || c == 'A') {
		format_hex(o, sp, sign, &p, is_long);
		return true;
	}
	if (is_long)
		format_long_decimal(o, sp, sign, &p);
	else
		format_double_decimal(o, sp, sign, &p);
	return true;
}
