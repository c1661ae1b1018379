/*
 * b_oom.c - out of memory kills only the process that ran out: this
 * program maps far more than the machine has (MAP_NORESERVE: no charge at
 * mmap time) and touches it page by page until the kernel has no frame
 * left. The kernel must kill it (SIGKILL, as Linux's OOM killer) and go
 * on: c_after.c runs next and must find all the memory back.
 */
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	long len = 1L << 34; /* 16 GiB */
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		printf("oom: mmap failed\n");
		return 1;
	}
	printf("oom: touching pages until memory runs out\n");
	fflush(stdout); /* the kill gives stdio no chance to flush */
	for (long i = 0; i < len; i += 4096)
		p[i] = 1;
	printf("oom: touched 16 GiB: the machine cannot have that much\n");
	return 1;
}
