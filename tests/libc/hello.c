/* hello.c - the smallest program on Interlude's libc: prints its arguments and a greeting. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("hello from Interlude's libc: argc=%d", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	const char *g = getenv("GREETING");
	printf("\nGREETING=%s\n", g ? g : "(unset)");
	fprintf(stderr, "to stderr\n");
	return 0;
}
