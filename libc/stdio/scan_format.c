/*
 * scan_format.c - the scanf family's directive loop (scan_impl.h), with
 * glibc's results:
 *   - white space in the format skips any white space in the input (none
 *     is fine); it is applied lazily, before the next directive;
 *   - an ordinary character must come next in the input;
 *   - %[*][width][hh h l ll L q j z t]conversion, where every conversion
 *     but %c %[ %n first skips white space; %% matches a '%'.
 * The return value is the number of conversions stored; EOF if the
 * input ended before the first one (an "input failure"; a character that
 * does not match is a "matching failure", which returns the count). %n
 * stores the characters consumed so far and is not counted.
 * Numbers are scan_number.c's; glibc's extensions (%m, positional $
 * arguments, wide characters) are not here.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include "stdio/scan_impl.h"

/* Skips white space in the input; the first other character stays unread. */
static void skip_space(struct scan_in *in)
{
	int c;
	do
		c = scan_get(in);
	while (isspace(c));
	scan_unget(in, c);
}

/* Reads the length modifier at *f (moving past it). */
static enum scan_size read_size(const char **f)
{
	const char *p = *f;
	enum scan_size size = SC_INT;
	switch (*p) {
	case 'h':
		size = p[1] == 'h' ? SC_CHAR : SC_SHORT;
		p += p[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		size = p[1] == 'l' ? SC_LDBL : SC_LONG; /* ll: long long, and long double for %f */
		p += p[1] == 'l' ? 2 : 1;
		break;
	case 'L':
	case 'q':
		size = SC_LDBL;
		p++;
		break;
	case 'j':
	case 'z':
	case 't':
		size = SC_LONG;
		p++;
		break; /* intmax_t, size_t, ptrdiff_t: all long here */
	default: break;
	}
	*f = p;
	return size;
}

/* %n: stores the count of characters consumed, at the width size says. */
static void store_count(va_list *ap, enum scan_size size, long count)
{
	switch (size) {
	case SC_CHAR: *va_arg(*ap, signed char *) = (signed char)count; break;
	case SC_SHORT: *va_arg(*ap, short *) = (short)count; break;
	case SC_LONG:
	case SC_LDBL: *va_arg(*ap, long *) = count; break;
	default: *va_arg(*ap, int *) = (int)count; break;
	}
}

/* %c: width characters (1 by default), white space included, no NUL; fewer at end of input. */
static enum scan_result scan_chars(struct scan_in *in, int width, va_list *ap, bool suppress)
{
	if (width < 0)
		width = 1;
	int c = scan_get(in);
	if (c == EOF)
		return SCAN_INPUT_FAIL;
	char *s = suppress ? NULL : va_arg(*ap, char *);
	do {
		if (s)
			*s++ = (char)c;
	} while (--width > 0 && (c = scan_get(in)) != EOF);
	return SCAN_OK;
}

/* %s: characters up to white space (at most width), then a NUL. */
static enum scan_result scan_string(struct scan_in *in, int width, va_list *ap, bool suppress)
{
	int c = scan_get(in);
	if (c == EOF)
		return SCAN_INPUT_FAIL;
	char *s = suppress ? NULL : va_arg(*ap, char *);
	do {
		if (isspace(c)) {
			scan_unget(in, c);
			break;
		}
		if (s)
			*s++ = (char)c;
	} while ((width <= 0 || --width > 0) && (c = scan_get(in)) != EOF);
	if (s)
		*s = '\0';
	return SCAN_OK;
}

/*
 * Reads the set of %[...] at *f (just past the '['): '^' first inverts
 * it, a ']' or '-' first is a member, a-z is a range (when a <= z);
 * marks set[c] for each member. False if the format ends before ']'.
 */
static bool read_set(const char **f, bool set[256], bool *invert)
{
	const unsigned char *p = (const unsigned char *)*f;
	for (int i = 0; i < 256; i++)
		set[i] = false;
	*invert = *p == '^';
	if (*invert)
		p++;
	if (*p == ']' || *p == '-')
		set[*p++] = true;
	unsigned c;
	while ((c = *p++) != '\0' && c != ']') {
		if (c == '-' && *p != '\0' && *p != ']' && p[-2] <= *p) {
			for (c = p[-2]; c < *p; c++)
				set[c] = true; /* the range; its last character comes next, as a
						  member */
		} else {
			set[c] = true;
		}
	}
	*f = (const char *)p;
	return c == ']';
}

/* %[: the longest run (at most width) of characters in the set, then a NUL; at least one. */
static enum scan_result scan_set(struct scan_in *in, const bool set[256], bool invert, int width,
				 va_list *ap, bool suppress)
{
	if (width < 0)
		width = INT_MAX;
	char *s = suppress ? NULL : va_arg(*ap, char *);
	long start = in->count;
	int c = scan_get(in);
	if (c == EOF)
		return SCAN_INPUT_FAIL;
	do {
		if (set[(unsigned char)c] == invert) {
			scan_unget(in, c);
			break;
		}
		if (s)
			*s++ = (char)c;
	} while (--width > 0 && (c = scan_get(in)) != EOF);
	if (in->count == start)
		return SCAN_MATCH_FAIL;
	if (s)
		*s = '\0';
	return SCAN_OK;
}

/* One conversion (after its '%', flags, width and size): its result; *f moves past it. */
static enum scan_result convert(struct scan_in *in, struct scan_buf *b, const char **f, int width,
				enum scan_size size, bool suppress, bool *skip, va_list *ap)
{
	char conv = **f;
	if (conv == '\0')
		return SCAN_MATCH_FAIL;
	(*f)++;
	if (*skip || (conv != '[' && conv != 'c' && conv != 'n'))
		skip_space(in);
	*skip = false;
	__scan_buf_reset(b);
	switch (conv) {
	case '%': {
		int c = scan_get(in);
		if (c == EOF)
			return SCAN_INPUT_FAIL;
		if (c != '%') {
			scan_unget(in, c);
			return SCAN_MATCH_FAIL;
		}
		return SCAN_OK;
	}
	case 'n':
		if (!suppress)
			store_count(ap, size, in->count);
		return SCAN_OK;
	case 'c': return scan_chars(in, width, ap, suppress);
	case 's': return scan_string(in, width, ap, suppress);
	case '[': {
		bool set[256], invert;
		if (!read_set(f, set, &invert))
			return SCAN_MATCH_FAIL;
		return scan_set(in, set, invert, width, ap, suppress);
	}
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
	case 'p': return __scan_integer(in, b, width, size, conv, ap, suppress);
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A': return __scan_float(in, b, width, size, ap, suppress);
	default: return SCAN_MATCH_FAIL; /* an unknown conversion */
	}
}

/* Scans in by fmt; the count of conversions stored, or EOF (see the top of the file). */
int __scan_format(struct scan_in *in, const char *fmt, va_list ap)
{
	va_list args;
	va_copy(args, ap);
	struct scan_buf b = {.p = NULL};
	int done = 0;
	bool skip = false; /* white space in the format, still to be applied */
	enum scan_result r = SCAN_OK;
	const char *f = fmt;
	while (*f && r == SCAN_OK) {
		unsigned char fc = (unsigned char)*f++;
		if (fc != '%') {
			if (isspace(fc)) {
				skip = true;
				continue;
			}
			int c = scan_get(in);
			if (skip) {
				while (isspace(c))
					c = scan_get(in);
				skip = false;
			}
			if (c == EOF) {
				r = SCAN_INPUT_FAIL;
			} else if (c != fc) {
				scan_unget(in, c);
				r = SCAN_MATCH_FAIL;
			}
			continue;
		}
		bool suppress = *f == '*';
		if (suppress)
			f++;
		int width = 0;
		while (isdigit((unsigned char)*f))
			width = width > (INT_MAX - 9) / 10 ? INT_MAX : width * 10 + (*f++ - '0');
		if (width == 0)
			width = -1;
		enum scan_size size = read_size(&f);
		char conv = *f;
		r = convert(in, &b, &f, width, size, suppress, &skip, &args);
		if (r == SCAN_OK && !suppress && conv != 'n' && conv != '%')
			done++;
	}
	if (r == SCAN_OK && skip)
		skip_space(in); /* white space at the end of the format: consumed */
	__scan_buf_free(&b);
	va_end(args);
	if (r == SCAN_NO_MEMORY) {
		errno = ENOMEM;
		return EOF;
	}
	if (r == SCAN_INPUT_FAIL && done == 0)
		return EOF;
	return done;
}
