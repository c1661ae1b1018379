/* strdup.c - copies of strings on the heap (malloc comes from libc/malloc). */
#include <stdlib.h>
#include <string.h>

/* A malloc'ed copy of at most n bytes of s, terminated; NULL if out of memory. */
char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = 0;
	}
	return d;
}

/* A malloc'ed copy of s; NULL (errno ENOMEM) if out of memory. */
char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}
