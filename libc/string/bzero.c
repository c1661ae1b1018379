/*
 * bzero.c - the BSD names of memset(p, 0, n), memcmp and memmove: bzero,
 * bcmp (only "equal or not" is promised: here memcmp's answer) and bcopy
 * (note the order: source first); and explicit_bzero, the bzero of a
 * secret that is about to go out of scope.
 */
#include <string.h>
#include <strings.h>

/* Sets n bytes at p to 0. */
void bzero(void *p, size_t n)
{
	memset(p, 0, n);
}

/* 0 if the n bytes at a and b are equal, else non-zero. */
int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

/* Copies n bytes from src to dst; they may overlap. */
void bcopy(const void *src, void *dst, size_t n)
{
	memmove(dst, src, n);
}

/* bzero that the compiler may not leave out: a buffer that held a secret
 * (a key, a password) is usually never read again, so an optimiser
 * removes a plain memset of it as a dead store. The empty asm says the
 * zeros are read. */
void explicit_bzero(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}
