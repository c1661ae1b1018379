/*
 * cookie.c - streams on the caller's functions (GNU's fopencookie), and
 * the four calls every stream makes on its file: read, write, seek and
 * close. A stream on a descriptor makes the system calls; a cookie stream
 * (fd -1) calls its functions, with the cookie, and the buffering, ungetc
 * and positions of the rest of stdio work the same on both. fmemopen and
 * open_memstream are cookie streams (memstream.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "stdio/stdio_impl.h"

ssize_t __stdio_read(FILE *f, void *p, size_t n)
{
	if (!f->cookie_stream)
		return read(f->fd, p, n);
	return f->io.read ? f->io.read(f->cookie, p, n) : 0; /* no read: end of file */
}

ssize_t __stdio_write_raw(FILE *f, const void *p, size_t n)
{
	if (!f->cookie_stream)
		return write(f->fd, p, n);
	return f->io.write ? f->io.write(f->cookie, p, n) : (ssize_t)n; /* no write: dropped */
}

off_t __stdio_seek(FILE *f, off_t offset, int whence)
{
	if (!f->cookie_stream)
		return lseek(f->fd, offset, whence);
	if (!f->io.seek) {
		errno = ESPIPE;
		return -1;
	}
	off_t pos = offset;
	return f->io.seek(f->cookie, &pos, whence) < 0 ? -1 : pos;
}

int __stdio_close(FILE *f)
{
	if (!f->cookie_stream)
		return close(f->fd);
	return f->io.close ? f->io.close(f->cookie) : 0;
}

/* A stream for mode ("r", "w", "a", with "+") on io and cookie; NULL with
 * errno EINVAL (a bad mode) or ENOMEM. */
FILE *fopencookie(void *restrict cookie, const char *restrict mode, cookie_io_functions_t io)
{
	int flags = __stdio_mode_flags(mode);
	if (flags < 0)
		return NULL;
	FILE *f = __stdio_new_stream(-1, flags);
	if (!f)
		return NULL;
	f->cookie_stream = 1;
	f->io = io;
	f->cookie = cookie;
	return f;
}
