/*
 * c_after.c - runs after b_oom.c was killed: the system is alive, and the
 * memory the killed process held is free again (this program can touch
 * 16 MiB).
 */
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	long len = 16L << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("after: mmap failed\n");
		return 1;
	}
	for (long i = 0; i < len; i += 4096)
		p[i] = 1;
	printf("after: alive, touched %ld MiB\n", len >> 20);
	return 0;
}
