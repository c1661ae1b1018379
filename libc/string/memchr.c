/* memchr.c - find a byte in a buffer. */
#include <string.h>

/* The first of the n bytes at s equal to (unsigned char)c, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
