/*
 * ungetc.c - pushing one character back onto a reading stream (scanf's
 * look-ahead, see fscanf.c). The character goes into the stream's
 * buffer just before the read position, so the next getc returns it; a
 * push-back onto a stream with no room before that position uses the
 * start of an empty buffer. It clears the end-of-file flag, as C says.
 */
#include <stdio.h>
#include "stdio/stdio_impl.h"

/* Pushes c back onto f; c as an unsigned char, or EOF if c is EOF or there is no room. */
int ungetc(int c, FILE *f)
{
	if (c == EOF || !f->buf)
		return EOF;
	if (f->rpos == 0) {
		if (f->rpos != f->rend)
			return EOF; /* unread bytes fill the buffer from its start: no room before
				       them */
		f->rend = 1;	    /* an empty buffer: the byte is all there is to read */
	} else {
		f->rpos--;
	}
	f->buf[f->rpos] = (unsigned char)c;
	f->flags &= ~FL_EOF;
	return (unsigned char)c;
}
