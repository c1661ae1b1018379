/* puts.c - writing characters and strings to streams. */
#include <stdio.h>
#include <string.h>
#include "stdio/stdio_impl.h"

/* Writes (unsigned char)c to f; c, or EOF on error. */
int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;
	return __stdio_write(f, &b, 1) ? EOF : b;
}

/* fputc (a function here, not a macro). */
int putc(int c, FILE *f)
{
	return fputc(c, f);
}

/* fputc to stdout. */
int putchar(int c)
{
	return fputc(c, stdout);
}

/* Writes s without its NUL; a non-negative number, or EOF on error. */
int fputs(const char *restrict s, FILE *restrict f)
{
	return __stdio_write(f, s, strlen(s)) ? EOF : 0;
}

/* Writes s and a newline to stdout; a non-negative number, or EOF on error. */
int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}
