/*
 * musl_hello.c - an ordinary C program, built with musl-gcc -static: the
 * same binary must print the same bytes and exit with the same status on
 * Linux and on Interlude (make test compares them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	printf("argc=%d", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\nGREETING=%s\n", getenv("GREETING") ? getenv("GREETING") : "(unset)");

	/* Small blocks from the heap, a large one from its own mapping. */
	size_t total = 0;
	char *blocks[64];
	for (int i = 0; i < 64; i++) {
		blocks[i] = malloc((size_t)(i + 1) * 24);
		memset(blocks[i], i, (size_t)(i + 1) * 24);
		total += (size_t)(i + 1) * 24;
	}
	char *big = malloc(3 << 20);
	memset(big, 'z', 3 << 20);
	big = realloc(big, 5 << 20);
	big[(5 << 20) - 1] = '!';
	int ok = big[12345] == 'z' && big[(5 << 20) - 1] == '!';
	for (int i = 0; i < 64; i++) {
		ok &= blocks[i][i] == (char)i;
		free(blocks[i]);
	}
	free(big);
	printf("%zu bytes in 64 blocks, big block %s\n", total, ok ? "intact" : "CORRUPT");
	fputs("to stderr\n", stderr);
	return ok ? 3 : 1;
}
