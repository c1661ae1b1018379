/*
 * stdio/stdio_impl.h - the FILE structure. A stream is a file descriptor
 * and one buffer, holding either bytes written and not yet handed to
 * write() (len) or bytes read and not yet consumed (rpos..rend): never
 * both, since switching direction empties it first. Every open stream is
 * on one list, so that fflush(NULL) and exit() reach them all.
 */
#ifndef LIBC_STDIO_IMPL_H
#define LIBC_STDIO_IMPL_H

#include <stdio.h>

#define MODE_UNSET (-1) /* decided at the first use: line-buffered on a terminal */

#define FL_ERR 1	/* the error indicator (ferror) */
#define FL_EOF 2	/* the end-of-file indicator (feof) */
#define FL_READ 4	/* opened for reading */
#define FL_WRITE 8	/* opened for writing */
#define FL_ALLOCATED 16 /* fclose frees the structure (fopen, fdopen) */

struct __file {
	int fd;
	int mode;  /* _IOFBF, _IOLBF, _IONBF or MODE_UNSET */
	int flags; /* FL_* */
	unsigned char *buf;
	size_t size;	     /* the buffer's capacity */
	size_t len;	     /* writing: bytes waiting in buf */
	unsigned char *rbuf; /* reading: buf, or &one when unbuffered */
	size_t rpos, rend;   /* reading: rbuf[rpos..rend) not yet consumed */
	int unget;	     /* a byte ungetc pushed back that is not in rbuf, or EOF */
	unsigned char one;   /* an unbuffered stream reads one byte at a time here */
	struct __file *next; /* the list of open streams */
	/* fopencookie's stream (fd -1): its functions and their cookie */
	int cookie_stream;
	cookie_io_functions_t io;
	void *cookie;
};

/* What a stream does to its file: the descriptor's system calls, or for
 * a cookie stream its functions (libc/stdio/cookie.c); each as the
 * system call returns (-1 with errno on failure). */
ssize_t __stdio_read(FILE *f, void *p, size_t n);
ssize_t __stdio_write_raw(FILE *f, const void *p, size_t n);
off_t __stdio_seek(FILE *f, off_t offset, int whence);
int __stdio_close(FILE *f);

/* open(2)'s flags for an fopen mode, or -1 with EINVAL (fopen.c). */
int __stdio_mode_flags(const char *mode);

/* A new stream on fd for open(2) flags, on the list of open streams;
 * NULL with ENOMEM (fopen.c). */
FILE *__stdio_new_stream(int fd, int flags);

/* Writes n bytes through f's buffering; 0, or -1 after a write error. */
int __stdio_write(FILE *f, const void *p, size_t n);

/* Hands the buffered bytes to write(); 0, or EOF after an error. */
int __stdio_flush(FILE *f);

/* Refills f's read buffer; the first byte now waiting, or EOF (end of file or error). */
int __stdio_fill(FILE *f);

/* Sets f's buffering at its first use if not chosen yet (setvbuf). */
void __stdio_choose_mode(FILE *f);

/*
 * Forgets the bytes read ahead of the program (and an ungetc'd byte),
 * moving the file offset back over them if the file can seek; 0, or EOF
 * if the seek failed for another reason than a pipe or terminal.
 */
int __stdio_unread(FILE *f);

/* The first open stream (the list runs through ->next). */
extern FILE *__stdio_head;

/* Puts f on the list of open streams, or takes it off. */
void __stdio_link(FILE *f);
void __stdio_unlink(FILE *f);

/* Flushes every stream (exit() calls it). */
void __stdio_exit(void);

#endif
