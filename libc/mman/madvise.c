/* madvise.c - madvise(2). */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Gives advice (MADV_*) about [addr, addr + len): 0, or -1 with errno. */
int madvise(void *addr, size_t len, int advice)
{
	return (int)__syscall_ret(__syscall3(SYS_madvise, addr, len, advice));
}
