/* strspn.c - spans of characters from a set. */
#include <string.h>

/* The length of s's first part made only of bytes in accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;
	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/* The length of s's first part made only of bytes NOT in reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;
	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

/* The first byte of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}
