/*
 * memmem.c - memmem and memrchr: the GNU byte searches.
 */
#include <string.h>

/* The first place needle[0, nlen) occurs in haystack[0, hlen), or NULL;
 * an empty needle is found at the start. Each candidate is found with
 * memchr on the needle's first byte, then compared whole. */
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen)
{
	const unsigned char *h = haystack, *n = needle;
	if (nlen == 0)
		return (void *)h;
	while (hlen >= nlen) {
		const unsigned char *p = memchr(h, n[0], hlen - nlen + 1);
		if (!p)
			return NULL;
		if (memcmp(p, n, nlen) == 0)
			return (void *)p;
		hlen -= (size_t)(p - h) + 1;
		h = p + 1;
	}
	return NULL;
}

/* The last byte c in s[0, n), or NULL. */
void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}
