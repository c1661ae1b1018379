/*
 * recover.c - error recovery with setjmp/longjmp: a small calculator that
 * evaluates one expression per line of standard input; a syntax error or
 * a division by zero deep in the recursion jumps back to the main loop,
 * which reports it and goes on with the next line.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf on_error;
static const char *pos;

/* Leaves the expression being evaluated: main's setjmp returns code. */
static void fail(int code)
{
	longjmp(on_error, code);
}

static long expr(void);

/* Returns the value of a number or a parenthesised expression. */
static long factor(void)
{
	while (*pos == ' ')
		pos++;
	if (*pos == '(') {
		pos++;
		long v = expr();
		if (*pos++ != ')')
			fail(1);
		while (*pos == ' ')
			pos++;
		return v;
	}
	if (*pos == '-') {
		pos++;
		return -factor();
	}
	if (!isdigit((unsigned char)*pos))
		fail(1);
	long v = 0;
	while (isdigit((unsigned char)*pos))
		v = v * 10 + (*pos++ - '0');
	while (*pos == ' ')
		pos++;
	return v;
}

/* Returns the value of factors joined by * and /. */
static long term(void)
{
	long v = factor();
	while (*pos == '*' || *pos == '/') {
		char op = *pos++;
		long r = factor();
		if (op == '/' && r == 0)
			fail(2);
		v = op == '*' ? v * r : v / r;
	}
	return v;
}

/* Returns the value of terms joined by + and -. */
static long expr(void)
{
	long v = term();
	while (*pos == '+' || *pos == '-') {
		char op = *pos++;
		long r = term();
		v = op == '+' ? v + r : v - r;
	}
	return v;
}

int main(void)
{
	char line[256];
	/* volatile: changed after setjmp, read after longjmp returns there */
	volatile int errors = 0;
	while (fgets(line, sizeof line, stdin)) {
		pos = line;
		int code = setjmp(on_error);
		if (code == 0) {
			long v = expr();
			if (*pos != '\n' && *pos != '\0')
				fail(1);
			printf("%ld\n", v);
		} else {
			errors++;
			printf("error %d (%s) at column %d\n", code,
			       code == 1 ? "syntax" : "division by zero", (int)(pos - line));
		}
	}
	printf("%d errors\n", errors);
	return errors ? 3 : 0;
}
