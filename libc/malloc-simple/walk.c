/*
 * malloc-simple/walk.c - the simple allocator's extras, each a walk of
 * the heap from its first block to its end marker (malloc.c explains the
 * heap): malloc_check_heap, which checks every invariant; mallinfo2 and
 * malloc_stats, which add the blocks up; and malloc_usable_size.
 */
#include <malloc.h>
#include <stdio.h>
#include "malloc-simple/heap.h"

int malloc_check_heap(void);

size_t malloc_usable_size(void *p)
{
	struct block *b = block_of(p);
	return b && b->next == IN_USE ? b->size - HDR : 0;
}

/* Reports the first broken invariant (what) on standard error; returns line, never 0. */
static int fail(int line, const char *what)
{
	fprintf(stderr, "malloc_check_heap: %s (malloc-simple/walk.c:%d)\n", what, line);
	return line;
}

#define CHECK(c, what)                                                                             \
	do {                                                                                       \
		if (!(c))                                                                          \
			return fail(__LINE__, what);                                               \
	} while (0)

/*
 * Walks the heap and checks what the allocator relies on: the blocks
 * tile the heap up to the end marker, each aligned and a multiple of 16
 * long; the free list holds exactly the free blocks, in address order;
 * no two free blocks touch (coalescing never missed one). Returns 0, or
 * the line of the first failed check after printing what failed. O(heap).
 */
int malloc_check_heap(void)
{
	struct block *want = heap.free, *prev = NULL;
	if (!heap.first)
		return 0;
	for (struct block *b = heap.first; b != heap.end; prev = b, b = NEXT_BLOCK(b)) {
		CHECK(b >= heap.first && b < heap.end, "a block runs past the end marker");
		CHECK(((uintptr_t)b & 15) == 0 && b->size % 16 == 0 && b->size >= HDR,
		      "a block is misaligned or has a bad size");
		if (b->next == IN_USE || b->next == FENCE)
			continue;
		CHECK(b == want, "a free block is not the next one on the free list");
		CHECK(b->size >= MIN_BLOCK, "a free block is smaller than a minimal block");
		CHECK(!prev || prev->next == IN_USE || prev->next == FENCE,
		      "two free blocks touch (not merged)");
		CHECK(!b->next || b->next > b, "the free list is not in address order");
		want = b->next;
	}
	CHECK(want == NULL, "the free list holds a block that is not in the heap");
	CHECK(heap.end->size == 0 && heap.end->next == IN_USE, "the end marker was overwritten");
	return 0;
}

/* The statistics, in glibc's fields: the heap has no mmapped blocks and never shrinks. */
struct mallinfo2 mallinfo2(void)
{
	struct mallinfo2 mi = {0};
	for (struct block *b = heap.first; b && b != heap.end; b = NEXT_BLOCK(b)) {
		if (b->next == FENCE)
			continue; /* not our memory */
		mi.arena += b->size;
		if (b->next == IN_USE) {
			mi.uordblks += b->size - HDR;
		} else {
			mi.ordblks++;
			mi.fordblks += b->size;
			mi.keepcost = NEXT_BLOCK(b) == heap.end ? b->size : 0;
		}
	}
	if (heap.first)
		mi.arena += HDR; /* the end marker */
	mi.usmblks = mi.arena;
	return mi;
}

void malloc_stats(void)
{
	struct mallinfo2 mi = mallinfo2();
	fprintf(stderr, "heap (sbrk) bytes:      %zu\n", mi.arena);
	fprintf(stderr, "in use bytes:           %zu\n", mi.uordblks);
	fprintf(stderr, "free blocks:            %zu\n", mi.ordblks);
	fprintf(stderr, "free bytes:             %zu\n", mi.fordblks);
	fprintf(stderr, "free at the top:        %zu\n", mi.keepcost);
}
