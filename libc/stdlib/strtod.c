/*
 * strtod.c - text to floating point: strtod, strtof, strtold, atof.
 *
 * The text, as C says (and glibc reads it): white space, a sign, then
 *   decimal   digits with at most one '.', at least one digit, then
 *             perhaps e, a sign and digits
 *   hex       0x, hex digits with at most one '.', at least one, then
 *             perhaps p, a sign and decimal digits (a power of two)
 *   inf, infinity, nan, nan(chars)   in any case
 * *end points just past the longest such prefix ("1e+" reads "1"; "0x"
 * reads "0"), or at s itself when there is none (the result is 0).
 *
 * parse() keeps the significant digits, at most as many as can matter
 * for the target type (the rest only as a sticky bit), and the decimal
 * point's place; strtod_round.c rounds that exactly, half to even, so
 * each function gives the correctly rounded value of its own type (no
 * detour through double for strtof or strtold). ERANGE on overflow
 * (+-HUGE_VAL) and on a tiny inexact result (a subnormal or zero).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include "internal/fp_bits.h"
#include "stdlib/strtod_round.h"

enum kind { K_NONE, K_DEC, K_HEX, K_INF, K_NAN };

/* What parse() found: for K_DEC 0.digits * 10^point, for K_HEX 0.digits * 16^point * 2^pexp. */
struct parsed {
	enum kind kind;
	bool neg;
	const char *end;
	char *digits; /* significant digits: no leading zero; n = 0 is zero */
	int n;
	bool sticky; /* a non-zero digit past the ones kept */
	long point;
	long pexp;
	bool payload_ok; /* nan(chars): chars were a number, the payload */
	unsigned long long payload;
};

#define EXP_LIMIT 1000000000L /* exponents saturate here: far beyond any type's range */

/* The value of c as a hex digit, or -1. */
static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether s starts with word (lower case), in any case. */
static bool starts_with(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (tolower((unsigned char)*s) != *word)
			return false;
	return true;
}

/* Reads an exponent ([sign] digits) at s if there is one; *end past it, or s if none. */
static long read_exponent(const char *s, const char **end)
{
	const char *p = s;
	bool neg = *p == '-';
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9') {
		*end = s;
		return 0;
	}
	long v = 0;
	for (; *p >= '0' && *p <= '9'; p++)
		if (v < EXP_LIMIT)
			v = v * 10 + (*p - '0');
	*end = p;
	return neg ? -v : v;
}

/*
 * Reads the digits of a decimal (base 10) or hex (16) mantissa at s,
 * keeping up to max of them in x; returns whether there was any digit,
 * with x->end past the mantissa.
 */
static bool read_mantissa(const char *s, int base, int max, struct parsed *x)
{
	bool any = false, dot = false;
	const char *p = s;
	x->n = 0;
	x->point = 0;
	for (;; p++) {
		int d = base == 16 ? hex_value((unsigned char)*p)
				   : (*p >= '0' && *p <= '9' ? *p - '0' : -1);
		if (d < 0) {
			if (*p == '.' && !dot) {
				dot = true;
				continue;
			}
			break;
		}
		any = true;
		if (d == 0 && x->n == 0) { /* a leading zero: only the point moves */
			if (dot)
				x->point--;
			continue;
		}
		if (!dot && x->point < EXP_LIMIT)
			x->point++;
		if (x->n < max)
			x->digits[x->n++] = (char)d;
		else
			x->sticky |= d != 0;
	}
	x->end = p;
	return any;
}

/*
 * nan's "(chars)": letters, digits and '_'. If they are a number
 * (strtoull's, base 0) it is the payload, cut to the fraction's bits.
 */
static void read_nan_chars(const char *s, struct parsed *x)
{
	const char *p = s + 1;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (*p != ')')
		return; /* no closing parenthesis: only "nan" counts */
	x->end = p + 1;
	char *e;
	x->payload = strtoull(s + 1, &e, 0); /* a payload too big sets ERANGE, as in glibc */
	x->payload_ok = e == p;
}

/* Parses s as at the top of the file, keeping up to max significant digits in digits. */
static void parse(const char *s, char *digits, int max, struct parsed *x)
{
	*x = (struct parsed){.kind = K_NONE, .end = s, .digits = digits};
	const char *p = s;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		x->neg = *p++ == '-';
	if (starts_with(p, "inf")) {
		x->kind = K_INF;
		x->end = p + (starts_with(p, "infinity") ? 8 : 3);
		return;
	}
	if (starts_with(p, "nan")) {
		x->kind = K_NAN;
		x->end = p + 3;
		if (p[3] == '(')
			read_nan_chars(p + 3, x);
		return;
	}
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		struct parsed h = *x;
		if (read_mantissa(p + 2, 16, max, &h)) {
			*x = h;
			x->kind = K_HEX;
			base = 16;
		} else {
			x->kind = K_DEC; /* "0x" without hex digits: the 0 alone */
			x->n = 0;
			x->end = p + 1;
			return;
		}
	} else if (read_mantissa(p, 10, max, x)) {
		x->kind = K_DEC;
	} else {
		*x =
		    (struct parsed){.kind = K_NONE, .end = s, .digits = digits}; /* no number: +0 */
		return;
	}
	const char *q = x->end;
	if ((base == 10 && (*q == 'e' || *q == 'E')) || (base == 16 && (*q == 'p' || *q == 'P'))) {
		const char *after;
		long e = read_exponent(q + 1, &after);
		if (after != q + 1) {
			x->end = after;
			if (base == 10)
				x->point += e;
			else
				x->pexp = e;
		}
	}
}

/* The value of a parsed number, rounded to target t. */
static struct fp_rounded round_parsed(struct parsed *x, const struct fp_target *t)
{
	struct fp_rounded zero = {0, 0, false, false};
	if (x->n == 0)
		return zero; /* every digit was 0: an exact zero */
	if (x->kind == K_DEC) {
		for (int i = 0; i < x->n; i++)
			x->digits[i] += '0';
		return fp_round_decimal(x->digits, x->n, x->point, x->sticky, t);
	}
	/* hex: the digits' integer H times 2^(4 * (point - n) + pexp) */
	long top = 4 * x->point + x->pexp; /* the value is below 2^top, at least 2^(top - 4) */
	struct fp_rounded r = zero;
	if (top - 4 > t->max_exp + 1) {
		r.inf = r.range_error = true;
		return r;
	}
	if (top < t->lsb_min - 1) {
		r.range_error = true;
		return r;
	}
	struct fp_big a, b;
	fp_big_set(&a, 0);
	for (int i = 0; i < x->n; i++)
		fp_big_mul_add(&a, 16, (uint32_t)x->digits[i]);
	fp_big_set(&b, 1);
	return fp_round_ratio(&a, &b, 4 * (x->point - x->n) + x->pexp, x->sticky, t);
}

/* Hex digits that can matter: the P + 1 bits of the rounding and a few more (see strtod_round.c).
 */
#define HEX_DIGITS 24

/* Parses s for target t into x, and rounds it (ERANGE set here); *end as C says. */
static struct fp_rounded convert(const char *s, char **end, const struct fp_target *t, char *digits,
				 struct parsed *x)
{
	parse(s, digits, t->max_digits, x);
	if (end)
		*end = (char *)x->end;
	struct fp_rounded r = {0, 0, false, false};
	if (x->kind == K_DEC || x->kind == K_HEX) {
		if (x->kind == K_HEX && x->n > HEX_DIGITS) {
			for (int i = HEX_DIGITS; i < x->n; i++)
				x->sticky |= x->digits[i] != 0;
			x->n = HEX_DIGITS;
		}
		r = round_parsed(x, t);
		if (r.range_error)
			errno = ERANGE;
	}
	return r;
}

/* The double nearest to the text at s; see the top of the file. */
double strtod(const char *restrict s, char **restrict end)
{
	char digits[800];
	struct parsed x;
	struct fp_rounded r = convert(s, end, &fp_target_double, digits, &x);
	if (x.kind == K_NAN) {
		uint64_t frac = 1ull << 51 | (x.payload_ok ? x.payload & ((1ull << 51) - 1) : 0);
		return fp_make_double(x.neg, 0x7ff, frac);
	}
	if (x.kind == K_INF || r.inf)
		return fp_make_double(x.neg, 0x7ff, 0);
	if (r.mant >> 52) /* normal: the leading bit is implicit */
		return fp_make_double(x.neg, (unsigned)(r.exp2 + 52 + 1023), r.mant);
	return fp_make_double(x.neg, 0, r.mant); /* subnormal or zero: r.exp2 is -1074 */
}

/* The float nearest to the text at s (not through double: no double rounding). */
float strtof(const char *restrict s, char **restrict end)
{
	char digits[160];
	struct parsed x;
	struct fp_rounded r = convert(s, end, &fp_target_float, digits, &x);
	if (x.kind == K_NAN) {
		uint32_t frac =
		    1u << 22 | (x.payload_ok ? (uint32_t)(x.payload & ((1u << 22) - 1)) : 0);
		return fp_make_float(x.neg, 0xff, frac);
	}
	if (x.kind == K_INF || r.inf)
		return fp_make_float(x.neg, 0xff, 0);
	if (r.mant >> 23)
		return fp_make_float(x.neg, (unsigned)(r.exp2 + 23 + 127), (uint32_t)r.mant);
	return fp_make_float(x.neg, 0, (uint32_t)r.mant);
}

/* The 80-bit long double nearest to the text at s: its own 64-bit rounding. */
long double strtold(const char *restrict s, char **restrict end)
{
	char digits[11600];
	struct parsed x;
	struct fp_rounded r = convert(s, end, &fp_target_ldouble, digits, &x);
	if (x.kind == K_NAN) {
		uint64_t m = 3ull << 62 | (x.payload_ok ? x.payload & ((1ull << 62) - 1) : 0);
		return fp_make_ldouble(x.neg, 0x7fff, m);
	}
	if (x.kind == K_INF || r.inf)
		return fp_make_ldouble(x.neg, 0x7fff, 1ull << 63);
	if (r.mant >> 63) /* normal: the integer bit is stored */
		return fp_make_ldouble(x.neg, (unsigned)(r.exp2 + 63 + 16383), r.mant);
	return fp_make_ldouble(x.neg, 0, r.mant);
}

/* strtod without the end pointer (errno as strtod sets it). */
double atof(const char *s)
{
	return strtod(s, NULL);
}
