/*
 * fseek.c - moving a stream's position: fseek, fseeko, ftell, ftello,
 * rewind, fgetpos, fsetpos. The position of a stream is its descriptor's offset, less what
 * it read ahead, plus what it has not written yet. On Interlude's
 * descriptors (a terminal or pipes) lseek fails with ESPIPE, and so do
 * these, as for a pipe on Linux.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

/* Moves f to offset from whence (SEEK_SET, SEEK_CUR, SEEK_END); 0, or -1 with errno. */
int fseeko(FILE *f, off_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (f->len && __stdio_flush(f))
		return -1;
	if (whence == SEEK_CUR)
		offset -= (off_t)(f->rend - f->rpos) + (f->unget != EOF);
	if (__stdio_seek(f, offset, whence) < 0)
		return -1;
	f->rpos = f->rend = 0;
	f->unget = EOF;
	f->flags &= ~FL_EOF;
	return 0;
}

/* fseeko with a long offset. */
int fseek(FILE *f, long offset, int whence)
{
	return fseeko(f, offset, whence);
}

/* f's position; or -1 with errno (ESPIPE for a pipe or terminal). */
off_t ftello(FILE *f)
{
	off_t pos = __stdio_seek(f, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rend - f->rpos) - (f->unget != EOF) + (off_t)f->len;
}

/* ftello as a long. */
long ftell(FILE *f)
{
	return ftello(f);
}

/* Back to the start, and the error indicator cleared. */
void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~FL_ERR;
}

/* Stores f's position in *pos (an opaque fpos_t); 0, or -1 with errno. */
int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t at = ftello(f);
	if (at < 0)
		return -1;
	pos->__pos = at;
	pos->__state = 0;
	return 0;
}

/* Moves f back to a position fgetpos stored; 0, or -1 with errno. */
int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, pos->__pos, SEEK_SET);
}
