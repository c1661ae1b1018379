/* lsearch.c - linear search of an array: lfind and lsearch. */
#include <search.h>
#include <string.h>

void *lfind(const void *key, const void *base, size_t *n, size_t size,
	    int (*cmp)(const void *, const void *))
{
	const char *p = base;
	for (size_t i = 0; i < *n; i++, p += size)
		if (cmp(key, p) == 0)
			return (void *)p;
	return NULL;
}

/* lfind, and key copied to the end (the array must have room) when absent. */
void *lsearch(const void *key, void *base, size_t *n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	void *found = lfind(key, base, n, size, cmp);
	if (found)
		return found;
	char *end = (char *)base + *n * size;
	memcpy(end, key, size);
	(*n)++;
	return end;
}
