/* memcmp.c - compare two buffers. */
#include <string.h>

/* <0, 0, >0 as the first differing byte, taken as unsigned char, is smaller/equal/larger. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
