/*
 * ok_strcpy.c - a control: the chapter's string copy done right,
 * malloc(strlen(src) + 1) then strcpy, and strdup, which does both. No
 * mode may report anything.
 *
 * expect MALLOC_CHECK=0,1,2: status=0 report=none prints="dst hello, dup hello"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *src = "hello";
	char *dst = (char *)malloc(strlen(src) + 1); /* room for the NUL */
	if (dst == NULL)
		return 1;
	strcpy(dst, src);
	char *dup = strdup(src);
	if (dup == NULL)
		return 1;
	fprintf(stderr, "dst %s, dup %s\n", dst, dup);
	free(dst);
	free(dup);
	free(NULL); /* allowed: does nothing */
	return 0;
}
