/* strchr.c - find a character in a string. */
#include <string.h>

/* The first (char)c in s, or NULL; c == 0 finds the terminating NUL. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* The last (char)c in s, or NULL; c == 0 finds the terminating NUL. */
char *strrchr(const char *s, int c)
{
	const char *found = NULL;
	for (;; s++) {
		if (*s == (char)c)
			found = s;
		if (!*s)
			return (char *)found;
	}
}
