/*
 * test_malloc.c - a test-only bump allocator on sbrk, linked into the
 * libc tests while libc/malloc/ does not exist yet (tests/libc/run.sh
 * adds it only when libc.a has no malloc). free() forgets the block.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A block of size bytes, 16-aligned, with its size in the 16 bytes before it. */
void *malloc(size_t size)
{
	if (size > ((size_t)1 << 40)) {
		errno = ENOMEM;
		return NULL;
	}
	size_t total = 16 + ((size + 15) & ~(size_t)15);
	uintptr_t cur = (uintptr_t)sbrk(0);
	size_t align = (16 - (cur & 15)) & 15;
	char *p = sbrk((intptr_t)(total + align));
	if (p == (void *)-1)
		return NULL;
	p += align;
	*(size_t *)(void *)p = size;
	return p + 16;
}

/* Nothing: a bump allocator never reuses memory. */
void free(void *p)
{
	(void)p;
}

/* n * size zeroed bytes (sbrk memory is fresh, but be exact). */
void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	return p ? memset(p, 0, n * size) : NULL;
}

/* A new block with the old contents. */
void *realloc(void *p, size_t size)
{
	void *q = malloc(size);
	if (q && p) {
		size_t old = *(size_t *)(void *)((char *)p - 16);
		memcpy(q, p, old < size ? old : size);
	}
	return q;
}
