/*
 * not_enough.c - OSTEP 14.4 "Not Allocating Enough Memory", the chapter's
 * own example:
 *
 *	char *src = "hello";
 *	char *dst = (char *) malloc(strlen(src)); // too small!
 *	strcpy(dst, src); // work properly
 *
 * strcpy writes six bytes (the "hello" and its NUL) into a block of five:
 * a buffer overflow of one byte. As the chapter says, it may seem to run
 * correctly: malloc rounds 5 up to 16, so in normal mode the byte lands in
 * the block's slack and nothing breaks. The debug modes know the exact
 * size asked for and check the bytes after it when the block is freed.
 *
 * Prints: block (the block and the size asked for), address (the first
 * byte written past its end).
 *
 * expect MALLOC_CHECK=0:   status=0 report=none
 * expect MALLOC_CHECK=1,2: status=134 report="HEAP ERROR [heap-overflow]" block address \
 *                          alloc=copy_string found=main
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static char *copy_string(const char *src)
{
	char *dst = (char *)malloc(strlen(src)); /* too small! */
	fprintf(stderr, "block %p size %zu\n", (void *)dst, strlen(src));
	fprintf(stderr, "address %p\n", (void *)(dst + strlen(src)));
	strcpy(dst, src); /* writes strlen(src) + 1 bytes */
	return dst;
}

int main(void)
{
	char *copy = copy_string("hello");
	fprintf(stderr, "copy %s\n", copy);
	free(copy);
	return 0;
}
