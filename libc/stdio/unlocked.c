/*
 * unlocked.c - the stdio functions POSIX and GNU offer without the
 * stream's lock, for loops that take it once with flockfile. Interlude
 * has no threads, so no stream has a lock: the _unlocked forms are the
 * ordinary functions, and flockfile, ftrylockfile and funlockfile have
 * nothing to do.
 */
#include <stdio.h>

int getc_unlocked(FILE *f)
{
	return getc(f);
}

int getchar_unlocked(void)
{
	return getchar();
}

int fgetc_unlocked(FILE *f)
{
	return fgetc(f);
}

int putc_unlocked(int c, FILE *f)
{
	return putc(c, f);
}

int putchar_unlocked(int c)
{
	return putchar(c);
}

int fputc_unlocked(int c, FILE *f)
{
	return fputc(c, f);
}

int fputs_unlocked(const char *restrict s, FILE *restrict f)
{
	return fputs(s, f);
}

size_t fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	return fwrite(p, size, n, f);
}

size_t fread_unlocked(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	return fread(p, size, n, f);
}

int fflush_unlocked(FILE *f)
{
	return fflush(f);
}

void flockfile(FILE *f)
{
	(void)f;
}

/* 0: the lock is (always) the caller's. */
int ftrylockfile(FILE *f)
{
	(void)f;
	return 0;
}

void funlockfile(FILE *f)
{
	(void)f;
}
