/*
 * strsep.c - strsep and strcasestr, the BSD/GNU additions to strtok and
 * strstr.
 */
#include <string.h>
#include <strings.h>

/* Cuts the next field off *sp at the first byte of delim (written over
 * with NUL) and returns it; *sp moves past it, or becomes NULL after the
 * last field. Empty fields are returned, unlike strtok's. NULL if *sp is. */
char *strsep(char **__restrict sp, const char *__restrict delim)
{
	char *s = *sp;
	if (!s)
		return NULL;
	char *end = s + strcspn(s, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return s;
}

/* The first place needle occurs in haystack, letters compared without
 * their case; NULL if none; haystack itself for an empty needle. */
char *strcasestr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	for (; *haystack; haystack++)
		if (strncasecmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return n == 0 ? (char *)haystack : NULL;
}
