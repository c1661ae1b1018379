/* ungetc.c - pushing a byte back onto a stream. */
#include <stdio.h>
#include "stdio/stdio_impl.h"

/*
 * Pushes (unsigned char)c back onto f, to be read next, and clears the
 * end-of-file indicator; c, or EOF if c is EOF or nothing more can be
 * pushed back. One byte always can; more while the read buffer has room
 * in front (the bytes already read there).
 */
int ungetc(int c, FILE *f)
{
	if (c == EOF || !(f->flags & FL_READ))
		return EOF;
	if (f->unget == EOF && f->rpos == 0)
		f->unget = (unsigned char)c;
	else if (f->rpos > 0 && f->unget == EOF)
		f->rbuf[--f->rpos] = (unsigned char)c;
	else
		return EOF;
	f->flags &= ~FL_EOF;
	return (unsigned char)c;
}
