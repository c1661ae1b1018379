/*
 * scan_number.c - scanf's numbers (scan_impl.h), read the way glibc
 * reads them: the characters that can belong to a number are collected
 * (at most width of them) into a buffer, and strtol/strtoul or
 * strtod/strtof/strtold convert that text. So
 *   - the number may be only a prefix of what was collected: "1e+" is
 *     collected whole for %f and converts as 1; "0x" for %x as 0;
 *   - a conversion fails if strtol or strtod takes nothing ("-", ".",
 *     "0x" alone for %a);
 *   - %d stores strtol's long cut to int (no ERANGE of its own), and
 *     %u, %x, %o strtoul's (so "-1" reads as UINT_MAX).
 * Every character collected is consumed; the first one that does not
 * fit is given back.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include "stdio/scan_impl.h"

/* Empties b. */
void __scan_buf_reset(struct scan_buf *b)
{
	if (!b->p) {
		b->p = b->small;
		b->cap = sizeof b->small;
	}
	b->len = 0;
	b->failed = false;
}

/* Appends c, moving the text to the heap (doubling it) when it outgrows its room. */
bool __scan_buf_add(struct scan_buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		size_t cap = b->cap * 2;
		char *p = b->p == b->small ? malloc(cap) : realloc(b->p, cap);
		if (!p) {
			b->failed = true;
			return false;
		}
		if (b->p == b->small)
			for (size_t i = 0; i < b->len; i++)
				p[i] = b->small[i];
		b->p = p;
		b->cap = cap;
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
	return true;
}

/* Gives b's heap memory back. */
void __scan_buf_free(struct scan_buf *b)
{
	if (b->p && b->p != b->small)
		free(b->p);
	b->p = NULL;
}

/* Stores v where the next argument points, at the width size says. */
static void store_integer(va_list *ap, enum scan_size size, bool is_signed, unsigned long v)
{
	switch (size) {
	case SC_CHAR: *va_arg(*ap, unsigned char *) = (unsigned char)v; break;
	case SC_SHORT: *va_arg(*ap, unsigned short *) = (unsigned short)v; break;
	case SC_LONG:
	case SC_LDBL:
		*va_arg(*ap, unsigned long *) = v;
		break; /* long, long long, size_t, intmax_t */
	default:
		if (is_signed)
			*va_arg(*ap, int *) = (int)(long)v;
		else
			*va_arg(*ap, unsigned *) = (unsigned)v;
		break;
	}
}

/* Reads "(nil)" after a %p found no digits (glibc prints a null pointer so); consumes what matched.
 */
static bool read_nil(struct scan_in *in)
{
	static const char rest[] = "nil)";
	for (int i = 0; rest[i]; i++)
		if (tolower(scan_get(in)) != rest[i])
			return false;
	return true;
}

/* The integer conversions; see the top of the file. */
enum scan_result __scan_integer(struct scan_in *in, struct scan_buf *b, int width,
				enum scan_size size, char conv, va_list *ap, bool suppress)
{
	int base = conv == 'x' || conv == 'X' || conv == 'p' ? 16
		   : conv == 'o'			     ? 8
		   : conv == 'i'			     ? 0
							     : 10;
	bool is_signed = conv == 'd' || conv == 'i';
	if (conv == 'p')
		size = SC_LONG;
	int c = scan_get(in);
	if (c == EOF)
		return SCAN_INPUT_FAIL;
	if (c == '-' || c == '+') {
		__scan_buf_add(b, (char)c);
		if (width > 0)
			width--;
		c = scan_get(in);
	}
	if (width != 0 && c == '0') { /* a 0, perhaps of 0x: the base of %i */
		if (width > 0)
			width--;
		__scan_buf_add(b, '0');
		c = scan_get(in);
		if (width != 0 && tolower(c) == 'x') {
			if (base == 0)
				base = 16;
			if (base == 16) { /* the x is consumed, never collected */
				if (width > 0)
					width--;
				c = scan_get(in);
			}
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (c != EOF && width != 0) {
		if (base == 16 ? !isxdigit(c) : (!isdigit(c) || c - '0' >= base))
			break;
		if (!__scan_buf_add(b, (char)c))
			return SCAN_NO_MEMORY;
		if (width > 0)
			width--;
		c = scan_get(in);
	}
	if (b->len == 0 || (b->len == 1 && (b->p[0] == '+' || b->p[0] == '-'))) {
		if (b->len == 0 && conv == 'p' && (width < 0 || width >= 5) && c == '(' &&
		    read_nil(in)) {
			__scan_buf_add(b, '0');
		} else {
			scan_unget(in, c);
			return SCAN_MATCH_FAIL;
		}
	} else {
		scan_unget(in, c);
	}
	if (b->failed)
		return SCAN_NO_MEMORY;
	char *end;
	unsigned long v =
	    is_signed ? (unsigned long)strtol(b->p, &end, base) : strtoul(b->p, &end, base);
	if (end == b->p)
		return SCAN_MATCH_FAIL;
	if (!suppress)
		store_integer(ap, size, is_signed, v);
	return SCAN_OK;
}

/*
 * Collects the rest of an inf or infinity after the "inf" read (c is
 * the character after it, already read); SCAN_OK, or a failed match.
 * Mismatching characters are consumed, as glibc does.
 */
static enum scan_result collect_word(struct scan_in *in, struct scan_buf *b, int *width,
				     const char *word)
{
	for (int i = 0; word[i]; i++) {
		int c;
		if (*width == 0 || (c = scan_get(in)) == EOF || tolower(c) != word[i])
			return SCAN_MATCH_FAIL;
		if (*width > 0)
			(*width)--;
		__scan_buf_add(b, (char)c);
	}
	return SCAN_OK;
}

/* Collects nan, inf or infinity (the first letter c read and counted); SCAN_OK or a failed match.
 */
static enum scan_result collect_special(struct scan_in *in, struct scan_buf *b, int *width, int c)
{
	__scan_buf_add(b, (char)c);
	if (tolower(c) == 'n')
		return collect_word(in, b, width, "an");
	if (collect_word(in, b, width, "nf") != SCAN_OK)
		return SCAN_MATCH_FAIL;
	if (*width != 0 && (c = scan_get(in)) != EOF) {
		if (tolower(c) != 'i') {
			scan_unget(in, c);
			return SCAN_OK;
		}
		if (*width > 0)
			(*width)--;
		__scan_buf_add(b, (char)c);
		return collect_word(in, b, width, "nity");
	}
	return SCAN_OK;
}

/*
 * Collects a decimal or hex number's characters, the first (c) read and
 * counted: digits (hex digits after 0x), one '.', and an exponent letter
 * (e, or p after 0x) after a digit, with a sign right after it.
 * Returns whether the number was hex.
 */
static bool collect_number(struct scan_in *in, struct scan_buf *b, int *width, int c)
{
	bool got_digit = false, got_dot = false, got_e = false, hex = false;
	char exp_char = 'e';
	if (*width != 0 && c == '0') {
		__scan_buf_add(b, '0');
		c = scan_get(in);
		if (*width > 0)
			(*width)--;
		if (*width != 0 && tolower(c) == 'x') {
			__scan_buf_add(b, (char)c);
			hex = true;
			exp_char = 'p';
			c = scan_get(in);
			if (*width > 0)
				(*width)--;
		} else {
			got_digit = true;
		}
	}
	for (;;) {
		if (isdigit(c) || (!got_e && hex && isxdigit(c))) {
			got_digit = true;
		} else if (got_e && b->len && b->p[b->len - 1] == exp_char &&
			   (c == '-' || c == '+')) {
			/* the exponent's sign */
		} else if (got_digit && !got_e && tolower(c) == exp_char) {
			c = exp_char;
			got_e = got_dot = true;
		} else if (!got_dot && c == '.') {
			got_dot = true;
		} else {
			scan_unget(in, c); /* the first character that is not the number's */
			break;
		}
		if (!__scan_buf_add(b, (char)c))
			break;
		if (*width == 0 || (c = scan_get(in)) == EOF)
			break;
		if (*width > 0)
			(*width)--;
	}
	return hex;
}

/* The floating-point conversions; see the top of the file. */
enum scan_result __scan_float(struct scan_in *in, struct scan_buf *b, int width,
			      enum scan_size size, va_list *ap, bool suppress)
{
	int c = scan_get(in);
	if (width > 0)
		width--;
	if (c == EOF)
		return SCAN_INPUT_FAIL;
	size_t sign = 0;
	if (c == '-' || c == '+') {
		sign = 1;
		__scan_buf_add(b, (char)c);
		if (width == 0 || (c = scan_get(in)) == EOF)
			return SCAN_MATCH_FAIL;
		if (width > 0)
			width--;
	}
	if (tolower(c) == 'n' || tolower(c) == 'i') {
		if (collect_special(in, b, &width, c) != SCAN_OK)
			return SCAN_MATCH_FAIL;
	} else {
		bool hex = collect_number(in, b, &width, c);
		if (b->failed)
			return SCAN_NO_MEMORY;
		if (b->len == sign || (hex && b->len == 2 + sign))
			return SCAN_MATCH_FAIL; /* nothing, or only "0x" */
	}
	if (b->failed)
		return SCAN_NO_MEMORY;
	char *end;
	if (size == SC_LDBL) {
		long double v = strtold(b->p, &end);
		if (!suppress && end != b->p)
			*va_arg(*ap, long double *) = v;
	} else if (size == SC_LONG) {
		double v = strtod(b->p, &end);
		if (!suppress && end != b->p)
			*va_arg(*ap, double *) = v;
	} else {
		float v = strtof(b->p, &end);
		if (!suppress && end != b->p)
			*va_arg(*ap, float *) = v;
	}
	return end == b->p ? SCAN_MATCH_FAIL : SCAN_OK;
}
