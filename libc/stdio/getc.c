/* getc.c - reading from stdin (on Interlude, fd 0 is always at end of file). */
#include <stdio.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

/* The next byte of f as an unsigned char, or EOF at end of file or on error. */
int fgetc(FILE *f)
{
	if (f->rpos == f->rend) {
		if (f == stdin)
			fflush(stdout); /* show a prompt before waiting for input */
		ssize_t r = read(f->fd, f->buf, f->size);
		if (r <= 0) {
			f->flags |= r ? FL_ERR : FL_EOF;
			return EOF;
		}
		f->rpos = 0;
		f->rend = (size_t)r;
	}
	return f->buf[f->rpos++];
}

/* fgetc (a function here, not a macro). */
int getc(FILE *f)
{
	return fgetc(f);
}

/* fgetc from stdin. */
int getchar(void)
{
	return fgetc(stdin);
}

/*
 * Reads a line (with its newline) of at most size - 1 bytes into s and
 * terminates it; s, or NULL if nothing was read before end of file.
 */
char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0;
	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}
