/*
 * double_free.c - OSTEP 14.4 "Freeing Memory Repeatedly": a block freed by
 * a helper, then freed again by its caller, who thought it still owned
 * it. "The result of doing so is undefined": with glibc, a crash or worse.
 *
 * Caught in every mode when free() is called the second time: the block
 * is already marked free. The debug modes add the block's size and the
 * sites of its allocation and of the first free.
 *
 * Prints: block (the block and the size asked for), address (the pointer
 * freed twice).
 *
 * expect MALLOC_CHECK=0:   status=134 report="HEAP ERROR [double-free]" address found=main
 * expect MALLOC_CHECK=1,2: status=134 report="HEAP ERROR [double-free]" block address \
 *                          alloc=make_name freed=forget_user found=main
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static char *make_name(const char *s)
{
	char *name = malloc(strlen(s) + 1);
	if (name == NULL)
		exit(1);
	strcpy(name, s);
	fprintf(stderr, "block %p size %zu\n", (void *)name, strlen(s) + 1);
	fprintf(stderr, "address %p\n", (void *)name);
	return name;
}

__attribute__((noinline)) static void forget_user(char *name)
{
	fprintf(stderr, "goodbye, %s\n", name);
	free(name);
}

int main(void)
{
	char *name = make_name("alice");
	forget_user(name);
	free(name); /* oops: freed already, by forget_user */
	return 0;
}
