/*
 * file.c - the three standard streams and buffered writing.
 *
 * stdout decides its buffering at its first write: line-buffered if fd 1
 * is a terminal (the TIOCGWINSZ ioctl succeeds), fully buffered if not.
 * stderr is unbuffered. Bytes a stream cannot write (a write error) are
 * dropped and the stream's error flag is set, as in other libcs.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

static unsigned char out_buf[BUFSIZ];
static unsigned char in_buf[BUFSIZ];

static struct __file std_streams[3] = {
	{.fd = 0, .mode = _IOFBF, .buf = in_buf, .size = sizeof in_buf},
	{.fd = 1, .mode = MODE_UNSET, .buf = out_buf, .size = sizeof out_buf},
	{.fd = 2, .mode = _IONBF},
};

FILE *const stdin = &std_streams[0];
FILE *const stdout = &std_streams[1];
FILE *const stderr = &std_streams[2];

/* Writes all n bytes to fd, retrying short writes; 0, or -1 on error. */
static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(f->fd, p, n);
		if (w <= 0) {
			f->flags |= FL_ERR;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Hands the buffered bytes to write(); 0, or EOF after an error. */
int __stdio_flush(FILE *f)
{
	size_t n = f->len;
	f->len = 0;
	return n && write_all(f, f->buf, n) ? EOF : 0;
}

/* Writes n bytes through f's buffering; 0, or -1 after a write error. */
int __stdio_write(FILE *f, const void *p, size_t n)
{
	const unsigned char *s = p;
	if (f->mode == MODE_UNSET)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
	if (f->mode == _IONBF || !f->buf) {
		if (__stdio_flush(f))
			return -1;
		return write_all(f, s, n);
	}
	if (n > f->size - f->len) {
		if (__stdio_flush(f))
			return -1;
		if (n >= f->size)
			return write_all(f, s, n);
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	if (f->mode == _IOLBF && memchr(s, '\n', n))
		return __stdio_flush(f) ? -1 : 0;
	return 0;
}

/* Writes n items of size bytes; the number of whole items written. */
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	size_t bytes = size * n;
	if (bytes / n != size)
		return 0;
	return __stdio_write(f, p, bytes) ? 0 : n;
}

/* Writes f's buffered bytes (every stream's if f is NULL); 0 or EOF. */
int fflush(FILE *f)
{
	if (f)
		return f->fd == 0 ? 0 : __stdio_flush(f);
	int r = 0;
	r |= __stdio_flush(stdout);
	r |= __stdio_flush(stderr);
	return r ? EOF : 0;
}

/* Flushes every stream (exit() calls it). */
void __stdio_exit(void)
{
	fflush(NULL);
}

/* Chooses f's buffering before its first use; buf (if given) becomes its buffer. */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	__stdio_flush(f);
	f->mode = mode;
	if (buf && size) {
		f->buf = (unsigned char *)buf;
		f->size = size;
	}
	return 0;
}

/* setvbuf with BUFSIZ bytes, or unbuffered for NULL. */
void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

/* 1 after a write (or read) error on f. */
int ferror(FILE *f)
{
	return !!(f->flags & FL_ERR);
}

/* 1 after reading hit the end of f. */
int feof(FILE *f)
{
	return !!(f->flags & FL_EOF);
}

/* Forgets f's error and end-of-file flags. */
void clearerr(FILE *f)
{
	f->flags = 0;
}

/* f's file descriptor. */
int fileno(FILE *f)
{
	return f->fd;
}
