/*
 * stdio.h - buffered streams and the printf family.
 *
 * A stream is line-buffered when its descriptor is a terminal and fully
 * buffered otherwise; stderr is unbuffered; exit() flushes every stream.
 * On Interlude, which has no file system yet, fopen fails (ENOENT; EROFS
 * when creating), and fdopen makes streams on fds 0-2.
 * printf (the engine the kernel's kprintf shares, common/format/) knows
 * flags - + space # 0, width and precision (also *), the lengths
 * hh h l ll z t j L and the conversions d i u o x X c s p n % and, from
 * the libc (libc/stdio/printf_float.c), f F e E g G a A, correctly
 * rounded. The scanf family (libc/stdio/scan_format.c) reads as glibc.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct __file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin (stdin)
#define stdout (stdout)
#define stderr (stderr)

#define EOF (-1)
#define BUFSIZ 1024
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

FILE *fopen(const char *__restrict path, const char *__restrict mode);
/* A stream on the caller's functions instead of a descriptor (GNU's
 * fopencookie, libc/stdio/cookie.c): read (NULL: always end of file),
 * write (NULL: output dropped), seek (NULL: ESPIPE; *pos in and out),
 * close (NULL: nothing to do). */
typedef ssize_t cookie_read_function_t(void *cookie, char *buf, size_t n);
typedef ssize_t cookie_write_function_t(void *cookie, const char *buf, size_t n);
typedef int cookie_seek_function_t(void *cookie, off_t *pos, int whence);
typedef int cookie_close_function_t(void *cookie);
typedef struct {
	cookie_read_function_t *read;
	cookie_write_function_t *write;
	cookie_seek_function_t *seek;
	cookie_close_function_t *close;
} cookie_io_functions_t;
FILE *fopencookie(void *__restrict cookie, const char *__restrict mode, cookie_io_functions_t io);
/* Streams on memory (libc/stdio/memstream.c): fmemopen reads or writes
 * buf[0, size) (buf NULL: size bytes of its own); open_memstream writes a
 * buffer that grows, *ptr and *size (the position) kept up to date at
 * every fflush and fclose; the caller frees *ptr. */
FILE *fmemopen(void *__restrict buf, size_t size, const char *__restrict mode);
FILE *open_memstream(char **ptr, size_t *size);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *__restrict path, const char *__restrict mode, FILE *__restrict f);
int fclose(FILE *f);
int fseek(FILE *f, long offset, int whence);
int fseeko(FILE *f, off_t offset, int whence);
/* A stream's position for fsetpos (glibc's 16 bytes; no multibyte state here). */
typedef struct {
	off_t __pos;
	long __state;
} fpos_t;
int fgetpos(FILE *__restrict f, fpos_t *__restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
/* Names (libc/stdio/remove.c): remove unlinks a file or removes a directory. */
int remove(const char *path);
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
#define RENAME_NOREPLACE 1 /* renameat2's flags (glibc's <stdio.h> has them too) */
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags);

int printf(const char *__restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
    __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *__restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
    __attribute__((format(printf, 2, 3)));
int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt, ...)
    __attribute__((format(printf, 3, 4)));
int vprintf(const char *__restrict fmt, va_list ap);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap);
int vdprintf(int fd, const char *__restrict fmt, va_list ap);
int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap);
int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt, va_list ap);
/* GNU: the text in a new malloc'd string *out; its length, or -1. */
int asprintf(char **__restrict out, const char *__restrict fmt, ...)
    __attribute__((format(printf, 2, 3)));
int vasprintf(char **__restrict out, const char *__restrict fmt, va_list ap);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);
size_t fwrite(const void *__restrict p, size_t size, size_t n, FILE *__restrict f);
int fflush(FILE *f);
int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size);
void setbuf(FILE *__restrict f, char *__restrict buf);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *__restrict s, int size, FILE *__restrict f);
int ungetc(int c, FILE *f);
size_t fread(void *__restrict p, size_t size, size_t n, FILE *__restrict f);
ssize_t getdelim(char **__restrict line, size_t *__restrict cap, int delim, FILE *__restrict f);
ssize_t getline(char **__restrict line, size_t *__restrict cap, FILE *__restrict f);

int scanf(const char *__restrict fmt, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE *__restrict f, const char *__restrict fmt, ...)
    __attribute__((format(scanf, 2, 3)));
int sscanf(const char *__restrict s, const char *__restrict fmt, ...)
    __attribute__((format(scanf, 2, 3)));
int vscanf(const char *__restrict fmt, va_list ap);
int vfscanf(FILE *__restrict f, const char *__restrict fmt, va_list ap);
int vsscanf(const char *__restrict s, const char *__restrict fmt, va_list ap);

int ferror(FILE *f);
int feof(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);

void perror(const char *s);

/* Temporary files in /tmp (libc/stdlib/mkstemp.c). */
#define P_tmpdir "/tmp"
#define L_tmpnam 20
#define TMP_MAX 238328
FILE *tmpfile(void);

/* A command's output ("r") or input ("w") as a stream; pclose waits for
 * it and returns its wait status (libc/process/system.c). */
FILE *popen(const char *cmd, const char *mode);
int pclose(FILE *f);
char *tmpnam(char *s);

/* No threads, so no stream locks: the _unlocked forms are the ordinary
 * functions and flockfile does nothing (libc/stdio/unlocked.c). */
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int fgetc_unlocked(FILE *f);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
int fputc_unlocked(int c, FILE *f);
int fputs_unlocked(const char *__restrict s, FILE *__restrict f);
size_t fwrite_unlocked(const void *__restrict p, size_t size, size_t n, FILE *__restrict f);
size_t fread_unlocked(void *__restrict p, size_t size, size_t n, FILE *__restrict f);
int fflush_unlocked(FILE *f);
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);

#endif
