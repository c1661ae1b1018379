/*
 * file.c - the three standard streams, the list of open streams, and
 * buffered writing.
 *
 * A stream decides its buffering at its first use (unless setvbuf chose):
 * line-buffered if its descriptor is a terminal (isatty: the TCGETS ioctl
 * succeeds), fully buffered if not. stderr is unbuffered. Bytes a stream
 * cannot write (a write error) are dropped and the stream's error flag is
 * set, as in other libcs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

static unsigned char in_buf[BUFSIZ];
static unsigned char out_buf[BUFSIZ];

static struct __file std_streams[3] = {
    {.fd = 0,
     .mode = MODE_UNSET,
     .flags = FL_READ,
     .buf = in_buf,
     .size = sizeof in_buf,
     .unget = EOF,
     .next = &std_streams[1]},
    {.fd = 1,
     .mode = MODE_UNSET,
     .flags = FL_WRITE,
     .buf = out_buf,
     .size = sizeof out_buf,
     .unget = EOF,
     .next = &std_streams[2]},
    {.fd = 2, .mode = _IONBF, .flags = FL_WRITE, .unget = EOF},
};

FILE *const stdin = &std_streams[0];
FILE *const stdout = &std_streams[1];
FILE *const stderr = &std_streams[2];
FILE *__stdio_head = &std_streams[0];

/* Puts f first on the list of open streams. */
void __stdio_link(FILE *f)
{
	f->next = __stdio_head;
	__stdio_head = f;
}

/* Takes f off the list (fclose). */
void __stdio_unlink(FILE *f)
{
	for (FILE **p = &__stdio_head; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			return;
		}
}

/* Line-buffered on a terminal, fully buffered otherwise; unbuffered without a buffer. */
void __stdio_choose_mode(FILE *f)
{
	if (f->mode != MODE_UNSET)
		return;
	int saved = errno; /* isatty's ENOTTY is no error of the caller's */
	f->mode = !f->buf ? _IONBF : isatty(f->fd) ? _IOLBF : _IOFBF;
	errno = saved;
}

/* Writes all n bytes to fd, retrying short writes; 0, or -1 on error. */
static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = __stdio_write_raw(f, p, n);
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

/* Drops the read-ahead and moves the offset back over it when the file can seek. */
int __stdio_unread(FILE *f)
{
	off_t ahead = (off_t)(f->rend - f->rpos) + (f->unget != EOF);
	if (ahead) {
		int saved = errno;
		if (__stdio_seek(f, -ahead, SEEK_CUR) < 0 && errno != ESPIPE)
			return EOF;
		errno = saved; /* a pipe or terminal: the bytes are gone, as in glibc */
	}
	f->rpos = f->rend = 0;
	f->unget = EOF;
	return 0;
}

/* Writes n bytes through f's buffering; 0, or -1 after a write error. */
int __stdio_write(FILE *f, const void *p, size_t n)
{
	const unsigned char *s = p;
	if (!(f->flags & FL_WRITE)) {
		f->flags |= FL_ERR;
		errno = EBADF;
		return -1;
	}
	if (f->rpos != f->rend || f->unget != EOF)
		__stdio_unread(f); /* from reading to writing */
	__stdio_choose_mode(f);
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

/*
 * Writes f's buffered bytes; for a stream being read, gives back what was
 * read ahead if the file can seek. With NULL, every open stream's. 0 or EOF.
 */
int fflush(FILE *f)
{
	if (!f) {
		int r = 0;
		for (FILE *s = __stdio_head; s; s = s->next)
			if (s->len && fflush(s))
				r = EOF;
		return r;
	}
	if (f->len)
		return __stdio_flush(f);
	if (f->rpos != f->rend || f->unget != EOF)
		return __stdio_unread(f);
	return 0;
}

/* Flushes every stream (exit() calls it). */
void __stdio_exit(void)
{
	fflush(NULL);
}

/*
 * Chooses f's buffering (before its first use, says the standard): mode
 * _IOFBF, _IOLBF or _IONBF, and buf of size bytes as the buffer if given
 * (else the stream keeps its own). 0, or EOF with errno EINVAL for a bad mode.
 */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return EOF;
	}
	fflush(f);
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
	f->flags &= ~(FL_ERR | FL_EOF);
}

/* f's file descriptor; -1 with EBADF for a stream that has none (fopencookie, fmemopen). */
int fileno(FILE *f)
{
	if (f->fd < 0)
		errno = EBADF;
	return f->fd;
}
