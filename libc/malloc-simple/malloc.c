/*
 * malloc-simple/malloc.c - the allocator to read first: first fit over a
 * free list kept in address order, with coalescing, on sbrk(). Chosen
 * with make MALLOC=simple instead of libc/malloc/ (docs/MALLOC.md);
 * walk.c has its extras (the heap walk, the statistics); calloc,
 * reallocarray, aligned_alloc and posix_memalign are the contract's
 * defaults, built on these (libc/internal/malloc_defaults.c).
 *
 * THEORY OF OPERATION
 *
 * malloc is a library function, not a system call: it asks the kernel
 * for memory in big pieces with sbrk(n), which moves the program break
 * up by n bytes and returns the old break, and it cuts that memory into
 * blocks for the program. The blocks lie end to end; each starts with a
 * 16-byte header, and the program's bytes follow:
 *
 *     b                                              NEXT_BLOCK(b) = b + size
 *     |<------------------------ b->size ------------------------>|
 *     +----------+----------+-------------------------------------+----------+--
 *     |   size   |   next   |   the program's bytes (PAYLOAD(b))  |   size   | ...
 *     +----------+----------+-------------------------------------+----------+--
 *     |<-- header, 16 B --->^ malloc returns this: 16-byte aligned
 *
 * size counts the header and is a multiple of 16, so every block starts,
 * and every pointer malloc returns lies, on a 16-byte boundary. next
 * tells whether the block is free: for a block in use it is the mark
 * IN_USE; a free block is on the free list and next is the next free
 * block by address (NULL for the last).
 *
 * malloc(n) walks the free list and takes the first block that is big
 * enough (first fit). If that block is bigger than needed by at least a
 * minimal block, its tail is cut off and stays free (splitting). If no
 * free block fits, the heap grows with sbrk, by at least 64 KiB, so that
 * small requests do not each cost a system call.
 *
 * free(p) finds the header just before p and puts the block back into
 * the list at its place by address, merging it with the block right
 * after it and the block right before it when those are free
 * (coalescing). So no two free blocks ever touch, and neighbours freed
 * one by one become one big block again. The address order is what makes
 * the neighbours easy to find: they are the list's elements around it.
 *
 * The heap ends with an end marker, a header of size 0 that is always in
 * use, so that a walk of the heap knows where to stop and merging never
 * runs off its end. When the heap grows, the new memory normally follows
 * the old at once: the marker becomes the new block's header. If someone
 * else moved the break in between (a program's own sbrk), it does not:
 * the old marker then becomes a FENCE, an in-use block spanning the
 * memory that is not ours, and the new memory gets its own marker.
 *
 * What it does not do, and libc/malloc does: give memory back to the
 * kernel, map big blocks on their own, free in constant time (here
 * malloc and free walk the free list), check more than a free of a block
 * not in use, offer checking modes. Not thread-safe: Interlude has no
 * threads.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal/malloc_contract.h"
#include "malloc-simple/heap.h"

#define GROW_MIN ((size_t)64 << 10)	      /* bytes asked of sbrk at least */
#define MAX_REQUEST ((size_t)PTRDIFF_MAX / 2) /* larger requests fail at once */
#define ALIGN16(x) (((uintptr_t)(x) + 15) & ~(uintptr_t)15)

struct heap heap;

/* The block size that holds n bytes: a header, and n rounded up to 16 (at least 16). */
static size_t block_size(size_t n)
{
	return HDR + (n ? ALIGN16(n) : 16);
}

struct block *block_of(const void *p)
{
	if (!p || !heap.first || (uintptr_t)p & 15)
		return NULL;
	struct block *b = (struct block *)p - 1;
	return b >= heap.first && b < heap.end ? b : NULL;
}

/*
 * The stubs of the malloc lab's starting tree call this (docs/labs/malloc.md):
 * it says which function is missing and aborts, so that a program never
 * runs on an allocator that is not there. Unused in the full tree.
 */
__attribute__((unused, noreturn)) static void not_implemented(const char *fn)
{
	static const char a[] = "malloc-simple: ",
			  b[] = ": not implemented: see docs/labs/malloc.md\n";
	write(2, a, sizeof a - 1);
	write(2, fn, strlen(fn));
	write(2, b, sizeof b - 1);
	abort();
}

/* Puts block b on the free list at its place by address, merged with free neighbours. */
static void release(struct block *b)
{
	/* LAB(malloc) BEGIN: insert b into the address-ordered free list, coalescing
	 * stub: (void)b;
	 * stub: not_implemented("release (the free list and coalescing)");
	 */
	struct block *prev = NULL, *next = heap.free;
	while (next && next < b) {
		prev = next;
		next = next->next;
	}
	b->next = next;
	if (next && NEXT_BLOCK(b) == next) { /* the block after b is free: absorb it */
		b->size += next->size;
		b->next = next->next;
	}
	if (prev && NEXT_BLOCK(prev) == b) { /* the block before b is free: it absorbs b */
		prev->size += b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		heap.free = b;
	}
	/* LAB(malloc) END */
}

/* Cuts block b (in use) down to size bytes if the rest makes a block; the rest is freed. */
static void split(struct block *b, size_t size)
{
	/* LAB(malloc) BEGIN: cut the block down, freeing the rest if it makes a block
	 * stub: (void)b;
	 * stub: (void)size;
	 * stub: not_implemented("split");
	 */
	if (b->size - size < MIN_BLOCK)
		return;
	struct block *rest = (struct block *)((char *)b + size);
	rest->size = b->size - size;
	b->size = size;
	release(rest);
	/* LAB(malloc) END */
}

/* Grows the heap by a free block of at least size bytes; false if sbrk fails. */
static int grow(size_t size)
{
	size_t inc =
	    size + HDR + 32 > GROW_MIN ? size + HDR + 32 : GROW_MIN; /* + marker, alignment */
	char *old = sbrk((intptr_t)inc);
	if (old == (void *)-1)
		return 0;
	struct block *lo = (struct block *)ALIGN16(old);
	struct block *hi = (struct block *)(((uintptr_t)old + inc) & ~(uintptr_t)15) - 1;
	struct block *b = lo;
	if (heap.end && (size_t)(old - (char *)(heap.end + 1)) < 16) { /* right after the heap */
		b = heap.end;  /* the marker becomes the new block's header */
	} else if (heap.end) { /* someone else's memory in between: fence it off */
		heap.end->size = (size_t)((char *)lo - (char *)heap.end);
		heap.end->next = FENCE;
	} else {
		heap.first = lo;
	}
	b->size = (size_t)((char *)hi - (char *)b);
	hi->size = 0;
	hi->next = IN_USE;
	heap.end = hi;
	release(b);
	return 1;
}

void *malloc(size_t n)
{
	if (n > MAX_REQUEST) {
		errno = ENOMEM;
		return NULL;
	}
	size_t size = block_size(n);
	/* LAB(malloc) BEGIN: find a free block that fits (or grow the heap), take it
	 * stub: (void)size;
	 * stub: (void)grow;
	 * stub: not_implemented("malloc");
	 */
	do {
		for (struct block **link = &heap.free; *link; link = &(*link)->next) {
			struct block *b = *link;
			if (b->size >= size) { /* first fit */
				*link = b->next;
				b->next = IN_USE;
				split(b, size);
				return PAYLOAD(b);
			}
		}
	} while (grow(size));
	errno = ENOMEM;
	return NULL;
	/* LAB(malloc) END */
}

/* Writes s to standard error. */
static void say(const char *s)
{
	for (ssize_t w; *s; s += w)
		if ((w = write(2, s, strlen(s))) <= 0)
			return;
}

/* A free of something that is not a block in use: say so, and abort (status 134). */
static _Noreturn void bad_free(const char *fn)
{
	say(fn);
	say(": not a block in use (freed twice, or not from malloc)\n");
	abort();
}

void free(void *p)
{
	if (!p)
		return;
	struct block *b = block_of(p);
	if (!b || b->next != IN_USE)
		bad_free("free");
	release(b);
}

/* In place if the block is big enough (its tail freed), else malloc, copy, free. */
void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	struct block *b = block_of(p);
	if (!b || b->next != IN_USE)
		bad_free("realloc");
	if (n > MAX_REQUEST) {
		errno = ENOMEM;
		return NULL;
	}
	/* LAB(malloc) BEGIN: resize in place if the block is big enough, else move it
	 * stub: not_implemented("realloc");
	 */
	if (b->size >= block_size(n)) {
		split(b, block_size(n));
		return p;
	}
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, b->size - HDR);
		release(b);
	}
	return q;
	/* LAB(malloc) END */
}

/*
 * A block at a multiple of align: malloc enough to find an aligned
 * address at least a minimal block past the start, and give the front
 * (and what is left at the end) back as free blocks.
 */
void *memalign(size_t align, size_t n)
{
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= 16)
		return malloc(n);
	if (align > MAX_REQUEST || n > MAX_REQUEST - align) {
		errno = ENOMEM;
		return NULL;
	}
	char *p = malloc(n + align + MIN_BLOCK);
	if (!p)
		return NULL;
	char *q = (char *)(((uintptr_t)p + MIN_BLOCK + align - 1) & ~(uintptr_t)(align - 1));
	struct block *front = block_of(p), *b = block_of(q);
	b->size = front->size - (size_t)(q - p);
	b->next = IN_USE;
	front->size = (size_t)(q - p);
	release(front);
	split(b, block_size(n));
	return q;
}
