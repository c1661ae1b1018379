/* strtok.c - split a string into tokens, in place. */
#include <string.h>

/*
 * The next token of s (or, if s is NULL, of the string given before, as
 * remembered in *save): skips delimiters, ends the token with a NUL.
 * NULL when only delimiters remain.
 */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, delim);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = 0;
	else
		end = NULL;
	*save = end;
	return s;
}

/* strtok_r with one hidden save pointer (not reentrant). */
char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;
	return strtok_r(s, delim, &save);
}
