/*
 * heap_demo.c - a program for gdb to stop in (tests/gdb/gdb_test.py,
 * docs/DEBUGGING.md): it allocates 24 blocks of a size class (12 in the sparse span),
 * a mid block and one big enough for its own mmap, frees one, touches an
 * mmapped page, and then writes a line, the system call at which the test
 * stops the kernel to look at the areas, the page tables and the heap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
	char *small[24];
	for (int i = 0; i < 24; i++)
		small[i] = malloc(48);
	char *mid = malloc(2000);
	char *big = malloc(1 << 20);
	free(small[20]);
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!mid || !big || page == MAP_FAILED)
		return 1;
	memset(mid, 1, 2000);
	big[0] = 1;
	page[0] = 1;
	printf("heap_demo: small %p mid %p big %p page %p\n", (void *)small[0], (void *)mid,
	       (void *)big, (void *)page);
	fflush(stdout);
	return 0;
}
