/*
 * ostep_strcpy.c - OSTEP "Interlude: Memory API", section 14.4: the
 * right way to copy a string into the heap, malloc(strlen(src) + 1)
 * then strcpy, and strdup which does both.
 *
 * test-run: ktap
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

int main(void)
{
	ktap_begin(4);
	char *src = "hello";
	char *dst = (char *)malloc(strlen(src) + 1);
	EXPECT(dst != NULL, "malloc(strlen(src) + 1): room for the terminating NUL");
	strcpy(dst, src);
	EXPECT_STR(dst, "hello", "strcpy into the heap");
	ktap_diag("dst = %s (%zu bytes with the NUL)\n", dst, strlen(dst) + 1);
	char *dup = strdup(src);
	EXPECT(dup != NULL && dup != src && strcmp(dup, src) == 0, "strdup makes a heap copy");
	free(dst);
	free(dup);
	char *big = malloc(1 << 20);
	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = 0;
	EXPECT_EQ(strlen(big), (1 << 20) - 1, "a 1 MiB string in the heap");
	free(big);
	return ktap_end();
}
