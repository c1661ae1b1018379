/*
 * ostep_freelist.c - the simple allocator (libc/malloc-simple), driven the
 * way OSTEP's malloc.py -A drives its model, printing what malloc.py -c
 * prints, so that a student can put Interlude's real free list beside
 * the simulator's (docs/VIZ.md):
 *
 *     ostep_freelist [-b BASE] +3,-0,+5,...
 *
 * "+N" is malloc(N), its result kept as ptr[K] (K counts the allocations);
 * "-K" is free(ptr[K]). After each step: malloc.py's line for it, and the
 * free list, walked from the allocator's own head (heap.free), as
 *
 *     ptr[0] = Alloc(3)  returned 1000 (searched 1 elements)
 *     Free List [ Size 1 ]:  [ addr:1032 sz:65488 ]
 *
 * byte for byte as malloc.py (Python's print puts the doubled spaces and
 * the space at the end of the list line). As in malloc.py -A, "returned"
 * is the block's address (its header's), not the pointer malloc gives
 * the program (16 bytes further), and a free of a pointer already freed
 * returns -1 (the allocator is not called: it would abort). Addresses are
 * the real ones in decimal, or with -b BASE shifted so that the heap's
 * first block is at BASE, as malloc.py's -b. The matching simulation:
 *
 *     malloc.py -S 65520 -b 1000 -H 16 -a 16 -p FIRST -l ADDRSORT -C -c -A OPS
 *
 * "searched" is 1 + the position, in the free list just before the call,
 * of the block malloc returned (first fit stops there). When the heap had
 * to grow (malloc.py's never does: it returns -1) the walk went over the
 * whole list first, so the count is the list's length plus the position
 * in the grown list. Where the two differ by design: malloc(0) takes a
 * 32-byte block here (malloc.py: 16), and a block whose rest would be
 * under 32 bytes is not split here (malloc.py splits down to any size).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "malloc-simple/heap.h"

#define MAX_PTRS 256
#define MAX_FREE 1024

static unsigned long base_shift; /* subtracted from every address printed */
static long base = -1;		 /* -b BASE, or -1: real addresses */
static size_t heap_bytes;	 /* the first free block's size: malloc.py's -S */

/* The address a as printed: real, or moved so that the heap starts at -b BASE. */
static long shown(const void *a)
{
	return (long)((unsigned long)a - base_shift);
}

/* Copies the free list's block addresses into out (at most max); returns how many. */
static size_t free_list(struct block **out, size_t max)
{
	size_t n = 0;
	for (struct block *b = heap.free; b && n < max; b = b->next)
		out[n++] = b;
	return n;
}

/* Prints the free list as malloc.py's dump() does. */
static void dump(void)
{
	size_t n = 0;
	for (struct block *b = heap.free; b; b = b->next)
		n++;
	printf("Free List [ Size %zu ]: ", n);
	for (struct block *b = heap.free; b; b = b->next)
		printf(" [ addr:%ld sz:%zu ]", shown(b), b->size);
	printf(" \n");
}

/* Where b was in the list before[0..n), or n if it was not there. */
static size_t position(struct block *const *before, size_t n, const struct block *b)
{
	size_t i = 0;
	while (i < n && before[i] != b)
		i++;
	return i;
}

/* "+size": malloc, and malloc.py's line for it. Returns 1 if it succeeded. */
static int alloc_step(int k, long size, void **ptrs)
{
	static struct block *before[MAX_FREE];
	size_t n = free_list(before, MAX_FREE);
	void *brk_before = sbrk(0);
	void *p = malloc((size_t)size);
	if (!p) {
		printf("ptr[%d] = Alloc(%ld)  returned -1 (searched %zu elements)\n", k, size, n);
		return 0;
	}
	struct block *b = (struct block *)p - 1;
	if (!heap_bytes) { /* the heap exists now: its size, and the shift, once */
		heap_bytes = (size_t)((char *)heap.end - (char *)heap.first);
		if (base >= 0)
			base_shift = (unsigned long)heap.first - (unsigned long)base;
	}
	size_t searched = position(before, n, b) + 1;
	if (sbrk(0) != brk_before) /* grew: one walk of the old list, then a second */
		searched += n;
	ptrs[k] = p;
	printf("ptr[%d] = Alloc(%ld)  returned %ld (searched %zu elements)\n", k, size, shown(b),
	       searched);
	return 1;
}

/* Says on standard error which malloc.py run should print the same (ops: the list given). */
static void say_simulation(const char *ops)
{
	if (!heap_bytes) /* nothing was allocated: any heap will do */
		heap_bytes = 65520;
	fprintf(stderr, "malloc.py -S %zu -b %ld -H 16 -a 16 -p FIRST -l ADDRSORT -C -c -A %s\n",
		heap_bytes, base >= 0 ? base : (long)heap.first, ops);
}

int main(int argc, char **argv)
{
	int arg = 1;
	if (argc > 2 && !strcmp(argv[1], "-b")) {
		base = strtol(argv[2], NULL, 0);
		arg = 3;
	}
	if (arg != argc - 1) {
		fprintf(stderr, "usage: %s [-b BASE] +SIZE,-INDEX,...\n", argv[0]);
		return 2;
	}
	static char ops[4096];
	snprintf(ops, sizeof ops, "%s", argv[arg]); /* strtok cuts argv[arg] up */
	static void *ptrs[MAX_PTRS];
	static char freed[MAX_PTRS];
	int allocs = 0, kept = 0;
	for (char *op = strtok(argv[arg], ","); op; op = strtok(NULL, ",")) {
		char *end;
		long v = strtol(op + 1, &end, 10);
		if ((op[0] != '+' && op[0] != '-') || *end || v < 0 || allocs >= MAX_PTRS) {
			fprintf(stderr, "%s: badly specified operand %s: must be +Size or -Index\n",
				argv[0], op);
			return 2;
		}
		if (op[0] == '+') {
			kept += alloc_step(allocs, v, ptrs);
			allocs++;
		} else if (v >= kept) {
			printf("Invalid Free: Skipping\n");
			continue;
		} else if (freed[v] || !ptrs[v]) {
			printf("Free(ptr[%ld]) returned -1\n", v);
		} else {
			free(ptrs[v]);
			freed[v] = 1;
			printf("Free(ptr[%ld]) returned 0\n", v);
		}
		dump();
		printf("\n");
	}
	say_simulation(ops);
	return 0;
}
