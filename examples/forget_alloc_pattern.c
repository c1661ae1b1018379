/*
 * forget_alloc_pattern.c - "Forgetting To Allocate Memory" with an
 * automatic pointer, exactly as in the chapter. What dst holds depends on
 * what ran before; GCC's -ftrivial-auto-var-init=pattern makes it
 * 0xfefefefefefefefe, an address that cannot exist on x86-64
 * (non-canonical), so the first use faults at once and the fault handler
 * can say where the value came from.
 *
 * GCC's -Wall warns "'dst' is used uninitialized": the first line of
 * defence, silenced here so that the build shows only the run-time
 * diagnosis.
 *
 * cflags: -ftrivial-auto-var-init=pattern -Wno-uninitialized -Wno-maybe-uninitialized
 *
 * expect MALLOC_CHECK=0,1,2:       prints="dst 0xfefefefefefefefe"
 * expect MALLOC_CHECK=0 linux:     status=139 report=none
 * expect MALLOC_CHECK=0 interlude: status=139 report="SEGFAULT [wild-pointer]" by=kernel
 * expect MALLOC_CHECK=1,2:         status=139 report="SEGFAULT [wild-pointer]" pc=strcpy
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char *src = "hello";
	char *dst; /* oops! unallocated */
	fprintf(stderr, "dst %p\n", (void *)dst);
	strcpy(dst, src); /* segfault and die */
	fprintf(stderr, "copied %s\n", dst);
	return 0;
}
