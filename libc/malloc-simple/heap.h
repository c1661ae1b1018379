/*
 * heap.h - what the simple allocator's two files share: the block header
 * and the heap's three pointers. The theory of operation, with a figure
 * of a block, is the opening comment of malloc.c.
 */
#ifndef LIBC_MALLOC_SIMPLE_HEAP_H
#define LIBC_MALLOC_SIMPLE_HEAP_H

#include <stddef.h>
#include <stdint.h>

/* The header at the start of every block: 16 bytes, so blocks stay 16-aligned. */
struct block {
	size_t size;	    /* bytes of the whole block, header included: a multiple of 16 */
	struct block *next; /* free: the next free block by address (NULL: none); else a mark */
};

/* The marks of blocks that are not free. */
#define IN_USE ((struct block *)1) /* given to the program by malloc */
#define FENCE ((struct block *)2)  /* memory between two parts of the heap that is not ours */

#define HDR sizeof(struct block)
#define MIN_BLOCK (2 * HDR) /* a header and 16 bytes: the smallest block worth keeping */

/* The block after b, and the pointer malloc returns for b. */
#define NEXT_BLOCK(b) ((struct block *)((char *)(b) + (b)->size))
#define PAYLOAD(b) ((void *)((b) + 1))

struct heap {
	struct block *first; /* the heap's first block (NULL before the first malloc) */
	struct block *end;   /* its end marker: a header of size 0, always in use */
	struct block *free;  /* the free list, in address order */
};

/* One instance, in malloc.c. Linked under a name of the implementation's
 * (__malloc_simple_heap), so that a program may have its own "heap". */
extern struct heap heap __asm__("__malloc_simple_heap") __attribute__((visibility("hidden")));

/* The block of p, a pointer malloc returned; NULL if p cannot be one. */
struct block *block_of(const void *p) __asm__("__malloc_simple_block_of")
    __attribute__((visibility("hidden")));

#endif
