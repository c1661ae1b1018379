/*
 * secret.c - the memapi lab's victim (docs/labs/memapi.md): a program that
 * keeps a secret in memory and exits without wiping it, as most programs
 * do. It fills a heap block (from sbrk) and a large block (from mmap)
 * with copies of the secret. Exiting gives the frames back to the kernel;
 * what the next program finds in them is the kernel's business.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECRET "INTERLUDE-SECRET:correct-horse-battery-staple;"

/* Fills n bytes at p with copies of the secret. */
static void spread(char *p, size_t n)
{
	size_t len = strlen(SECRET);
	for (size_t i = 0; i + len <= n; i += len)
		memcpy(p + i, SECRET, len);
}

int main(void)
{
	size_t small = 200 * 1024, large = 2 * 1024 * 1024;
	char *a = malloc(small); /* below the mmap threshold: the sbrk heap */
	char *b = malloc(large); /* above it: its own mmap */
	if (!a || !b) {
		printf("secret: out of memory\n");
		return 1;
	}
	spread(a, small);
	spread(b, large);
	printf("secret: %zu bytes of secrets in the heap and %zu in an mmap\n", small, large);
	return 0; /* no free, no wipe: the frames go back to the kernel as they are */
}
