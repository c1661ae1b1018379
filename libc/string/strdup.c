/* strdup.c - copies of strings on the heap, from the allocator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal/malloc_contract.h"

/* The blocks come from __malloc_at (internal/malloc_contract.h), with the
 * caller's address as the allocation site: so MALLOC_CHECK's reports name
 * the caller of strdup, not strdup. */
#define CALLER ((uintptr_t)__builtin_return_address(0))

/* A malloc'ed copy of at most n bytes of s, terminated; NULL if out of memory. */
char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = __malloc_at(len + 1, CALLER);
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
	char *d = __malloc_at(n, CALLER);
	return d ? memcpy(d, s, n) : NULL;
}
