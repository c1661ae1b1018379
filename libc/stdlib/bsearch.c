/* bsearch.c - binary search in a sorted array. */
#include <stdlib.h>

/* An element of base[0..n) that cmp says equals key, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const unsigned char *b = base;
	while (n > 0) {
		const void *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = (const unsigned char *)mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
