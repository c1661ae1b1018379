/*
 * stdio/stdio_impl.h - the FILE structure. A stream is a file descriptor
 * and one buffer, used for writing (stdout, stderr) or reading (stdin).
 */
#ifndef LIBC_STDIO_IMPL_H
#define LIBC_STDIO_IMPL_H

#include <stdio.h>

#define MODE_UNSET (-1) /* stdout: decided at the first write (terminal or not) */

#define FL_ERR 1
#define FL_EOF 2

struct __file {
	int fd;
	int mode; /* _IOFBF, _IOLBF, _IONBF or MODE_UNSET */
	int flags; /* FL_ERR, FL_EOF */
	unsigned char *buf;
	size_t size; /* the buffer's capacity */
	size_t len; /* writing: bytes waiting in buf */
	size_t rpos, rend; /* reading: buf[rpos..rend) not yet consumed */
};

/* Writes n bytes through f's buffering; 0, or -1 after a write error. */
int __stdio_write(FILE *f, const void *p, size_t n);

/* Hands the buffered bytes to write(); 0, or EOF after an error. */
int __stdio_flush(FILE *f);

/* Flushes every stream (exit() calls it). */
void __stdio_exit(void);

#endif
