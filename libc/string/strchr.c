/* strchr.c - find a character in a string. */
#include <string.h>
#include <strings.h>

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

/* The first (char)c in s, or s's terminating NUL if there is none (GNU). */
char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

/* The old BSD names of strchr and strrchr (<strings.h>). */
char *index(const char *s, int c)
{
	return strchr(s, c);
}

char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}
