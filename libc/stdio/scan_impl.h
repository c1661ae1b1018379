/*
 * stdio/scan_impl.h - the scanf engine's inside: where its characters
 * come from (a string for sscanf, a stream for fscanf) and the buffer a
 * number's text is collected in before strtol or strtod converts it.
 *
 * The engine reads with one character of push-back, as a stream allows:
 * scan_get() takes the next character (or EOF) and counts it for %n,
 * scan_unget() gives the last one back. The scanf family's rules, glibc's
 * to the letter, are in scan_format.c (the directives) and scan_number.c
 * (numbers).
 */
#ifndef LIBC_STDIO_SCAN_IMPL_H
#define LIBC_STDIO_SCAN_IMPL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A source of characters: get returns the next one or EOF; unget pushes c back. */
struct scan_in {
	int (*get)(void *ctx);
	void (*unget)(void *ctx, int c);
	void *ctx;
	long count; /* characters consumed so far: what %n stores */
};

/* The next input character, or EOF (not counted). */
static inline int scan_get(struct scan_in *in)
{
	int c = in->get(in->ctx);
	if (c != EOF)
		in->count++;
	return c;
}

/* Gives c back to the input (nothing for EOF). */
static inline void scan_unget(struct scan_in *in, int c)
{
	if (c != EOF) {
		in->unget(in->ctx, c);
		in->count--;
	}
}

/* A growing text buffer: on the stack while short, on the heap beyond. */
struct scan_buf {
	char *p;
	size_t len, cap;
	bool failed; /* out of memory: the text is incomplete */
	char small[128];
};

/* Empties b (to be used again for the next conversion). */
void __scan_buf_reset(struct scan_buf *b);

/* Appends c to b; false if memory ran out. */
bool __scan_buf_add(struct scan_buf *b, char c);

/* Gives the heap memory of b back. */
void __scan_buf_free(struct scan_buf *b);

/* The length modifiers, as scanf reads them. */
enum scan_size { SC_INT, SC_CHAR, SC_SHORT, SC_LONG, SC_LDBL };

/* What a conversion ended with. */
enum scan_result {
	SCAN_OK,	 /* converted (and stored unless suppressed) */
	SCAN_MATCH_FAIL, /* the input did not fit: scanf returns what it has */
	SCAN_INPUT_FAIL, /* end of input first: scanf returns EOF if nothing was converted */
	SCAN_NO_MEMORY,	 /* the buffer could not grow: scanf returns EOF, errno ENOMEM */
};

/* %d %i %u %o %x %X %p: width (-1: none), the size, the conversion; stores unless suppress. */
enum scan_result __scan_integer(struct scan_in *in, struct scan_buf *b, int width,
				enum scan_size size, char conv, va_list *ap, bool suppress);

/* %f %e %g %a (and capitals): as __scan_integer, storing a float, double or long double. */
enum scan_result __scan_float(struct scan_in *in, struct scan_buf *b, int width,
			      enum scan_size size, va_list *ap, bool suppress);

/* The directive loop: scans in by fmt, storing through ap; scanf's return value. */
int __scan_format(struct scan_in *in, const char *fmt, va_list ap);

#endif
