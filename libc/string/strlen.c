/* strlen.c - the length of a string. */
#include <string.h>

/* The number of bytes before the terminating NUL. */
size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

/* strlen(s), but reads at most max bytes and returns at most max. */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}
