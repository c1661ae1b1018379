/* strcat.c - append strings. */
#include <string.h>

/* Appends src (with its NUL) to the end of dst; returns dst. */
char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* Appends at most n bytes of src, then always a NUL; returns dst. */
char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	while (n-- && *src)
		*d++ = *src++;
	*d = 0;
	return dst;
}
