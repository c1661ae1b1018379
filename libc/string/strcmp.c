/* strcmp.c - compare strings (bytes as unsigned char, like memcmp). */
#include <string.h>

/* <0, 0, >0 as a sorts before, equal to, after b. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/* strcmp on at most the first n bytes. */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			return 0;
	}
	return 0;
}
