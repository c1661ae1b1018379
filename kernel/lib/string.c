/*
 * string.c - memory and string routines for the kernel.
 *
 * memcpy and memset use the x86 string instructions: "rep movsq/stosq"
 * for the whole eight-byte words, then "rep movsb/stosb" for the last
 * 0-7 bytes. On a modern CPU (fast strings) both forms run at about the
 * same speed; under QEMU's -icount, though, every step of a rep prefix
 * counts as one instruction, so a byte-wise copy of a 12 KiB struct proc
 * would show as about 12300 instructions and the word-wise one as 1540.
 * The kernel copies and clears big structs (a process, its descriptor
 * table, a page) on its hot paths, so the benchmarks of docs/BENCHMARKS.md
 * would otherwise measure the instrument more than the kernel.
 */
#include "lib/string.h"
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 8, bytes = n % 8;
	__asm__ volatile("rep movsq\n\tmov %[b], %%rcx\n\trep movsb"
			 : "+D"(d), "+S"(src), "+c"(words)
			 : [b] "r"(bytes)
			 : "memory");
	return dst;
}

/* Copies n bytes between possibly overlapping buffers. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlap with dst above src: copy backwards. */
	unsigned char *d_last = d + n - 1;
	const unsigned char *s_last = s + n - 1;
	__asm__ volatile("std; rep movsb; cld" : "+D"(d_last), "+S"(s_last), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	size_t words = n / 8, bytes = n % 8;
	uint64_t pattern = (uint8_t)c * 0x0101010101010101ull; /* the byte in all eight */
	__asm__ volatile("rep stosq\n\tmov %[b], %%rcx\n\trep stosb"
			 : "+D"(d), "+c"(words)
			 : "a"(pattern), [b] "r"(bytes)
			 : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
