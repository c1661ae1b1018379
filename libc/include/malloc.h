/*
 * malloc.h - the allocator's extra interface (glibc's names), implemented
 * in libc/malloc/ together with the functions declared in <stdlib.h>.
 */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>
#include <stdlib.h>

/* Bytes usable in the block p points to (at least what was asked for); 0 for NULL. */
size_t malloc_usable_size(void *p);

/* Prints the allocator's statistics to stderr. */
void malloc_stats(void);

/* glibc's struct mallinfo2: the same fields, all in bytes or counts. */
struct mallinfo2 {
	size_t arena;	 /* bytes obtained with brk/sbrk */
	size_t ordblks;	 /* free blocks */
	size_t smblks;	 /* free fast-bin blocks */
	size_t hblks;	 /* blocks in their own mmap'ed areas */
	size_t hblkhd;	 /* bytes in those areas */
	size_t usmblks;	 /* always 0 (as in glibc) */
	size_t fsmblks;	 /* bytes in free fast-bin blocks */
	size_t uordblks; /* bytes in use */
	size_t fordblks; /* bytes free */
	size_t keepcost; /* bytes at the top that could be given back */
};

struct mallinfo2 mallinfo2(void);

#endif
