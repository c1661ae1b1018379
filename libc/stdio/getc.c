/*
 * getc.c - buffered reading: fgetc and its kin, fgets, fread.
 *
 * A read buffer is refilled by one read() when empty, so a program gets
 * what its input has so far (a terminal's line, a pipe's chunk) without
 * waiting for more. Before a stream that is a terminal (line-buffered) or
 * unbuffered waits for input, every line-buffered output stream is
 * flushed, as glibc does: a prompt without a newline shows before the
 * program waits. The end-of-file indicator is sticky: once set, reads
 * return EOF until clearerr (C11, and glibc since 2.28).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

/* Checks f may read and leaves writing; false (error set) if it may not. */
static int start_reading(FILE *f)
{
	if (!(f->flags & FL_READ)) {
		f->flags |= FL_ERR;
		errno = EBADF;
		return 0;
	}
	if (f->len && __stdio_flush(f))
		return 0;
	return 1;
}

/* Before waiting on a terminal: the line-buffered streams' pending output. */
static void flush_line_buffered(void)
{
	for (FILE *s = __stdio_head; s; s = s->next)
		if (s->mode == _IOLBF && s->len)
			__stdio_flush(s);
}

/* Refills f's read buffer with one read(); the first byte, or EOF. */
int __stdio_fill(FILE *f)
{
	if (!start_reading(f) || (f->flags & FL_EOF))
		return EOF;
	__stdio_choose_mode(f);
	if (f->mode != _IOFBF)
		flush_line_buffered();
	int buffered = f->buf && f->mode != _IONBF;
	f->rbuf = buffered ? f->buf : &f->one;
	f->rpos = f->rend = 0;
	ssize_t r = __stdio_read(f, f->rbuf, buffered ? f->size : 1);
	if (r <= 0) {
		f->flags |= r ? FL_ERR : FL_EOF;
		return EOF;
	}
	f->rend = (size_t)r;
	return f->rbuf[0];
}

/* The next byte of f as an unsigned char, or EOF at end of file or on error. */
int fgetc(FILE *f)
{
	if (f->unget != EOF) {
		int c = f->unget;
		f->unget = EOF;
		return c;
	}
	if (f->rpos == f->rend && __stdio_fill(f) == EOF)
		return EOF;
	return f->rbuf[f->rpos++];
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
 * terminates it; s, or NULL if nothing was read before end of file or if
 * a read error happened (s's contents are then unspecified).
 */
char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0;
	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		int c = fgetc(f);
		if (c == EOF) {
			if (f->flags & FL_ERR)
				return NULL;
			break;
		}
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}

/*
 * Reads n items of size bytes into p; the number of whole items read
 * (fewer at end of file or on error: feof and ferror tell which). What
 * the buffer holds is copied first; a request at least as large as the
 * buffer is then read straight into p.
 */
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	size_t want = size * n;
	if (want / n != size)
		return 0;
	unsigned char *d = p;
	size_t got = 0;
	if (f->unget != EOF && got < want) {
		d[got++] = (unsigned char)f->unget;
		f->unget = EOF;
	}
	size_t have = f->rend - f->rpos;
	if (have) {
		size_t k = have < want - got ? have : want - got;
		memcpy(d + got, f->rbuf + f->rpos, k);
		f->rpos += k;
		got += k;
	}
	while (got < want) {
		if (want - got >= f->size && f->buf && f->mode == _IOFBF && !(f->flags & FL_EOF)) {
			if (!start_reading(f))
				break;
			ssize_t r = __stdio_read(f, d + got, want - got);
			if (r <= 0) {
				f->flags |= r ? FL_ERR : FL_EOF;
				break;
			}
			got += (size_t)r;
			continue;
		}
		if (__stdio_fill(f) == EOF)
			break;
		size_t k = f->rend < want - got ? f->rend : want - got;
		memcpy(d + got, f->rbuf, k);
		f->rpos = k;
		got += k;
	}
	return got / size;
}
