/* clean.c - a program without a memory error: the checker must say nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *s = malloc(6);
	strcpy(s, "hello");
	char *t = realloc(s, 12);
	strcat(t, " you");
	int *z = calloc(4, sizeof(int));
	fprintf(stderr, "%s %d\n", t, z[0] + z[3]);
	free(t);
	free(z);
	free(NULL);
	return 0;
}
//! hello you 0
//= status 0
