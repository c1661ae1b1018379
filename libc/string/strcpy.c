/* strcpy.c - copy strings. */
#include <string.h>

/* Copies src with its NUL to dst; returns a pointer to dst's NUL. */
char *stpcpy(char *restrict dst, const char *restrict src)
{
	while ((*dst = *src) != 0) {
		dst++;
		src++;
	}
	return dst;
}

/* Copies src with its NUL to dst; returns dst. */
char *strcpy(char *restrict dst, const char *restrict src)
{
	char *d = dst;
	while ((*d++ = *src++) != 0)
		;
	return dst;
}

/*
 * Copies at most n bytes of src to dst and pads with NULs to n bytes;
 * if src has n bytes or more, dst is NOT terminated (as C says).
 */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;
	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

/* strncpy that returns a pointer to the first NUL it wrote in dst, or
 * dst + n if src has n bytes or more (POSIX). */
char *stpncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;
	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	char *end = dst + i;
	for (; i < n; i++)
		dst[i] = 0;
	return end;
}
