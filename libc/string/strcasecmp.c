/*
 * strcasecmp.c - comparing strings as if both were lower case
 * (strcasecmp, strncasecmp): the result's sign is that of the first
 * differing pair of lowered characters, as unsigned chars.
 */
#include <ctype.h>
#include <strings.h>

/* < 0, 0 or > 0 as a < b, a == b, a > b, ignoring the case of ASCII letters. */
int strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && tolower(*p) == tolower(*q))
		p++, q++;
	return tolower(*p) - tolower(*q);
}

/* The same over at most n characters. */
int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	if (n == 0)
		return 0;
	while (--n > 0 && *p && tolower(*p) == tolower(*q))
		p++, q++;
	return tolower(*p) - tolower(*q);
}
