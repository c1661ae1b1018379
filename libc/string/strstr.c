/* strstr.c - find a substring (the simple quadratic search). */
#include <string.h>

/* The first occurrence of needle in haystack, or NULL; "" is found at once. */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return (char *)haystack;
	for (; *haystack; haystack++)
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return NULL;
}
