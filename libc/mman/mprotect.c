/* mprotect.c - mprotect(2). */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Changes the protection of [addr, addr + len): 0, or -1 with errno. */
int mprotect(void *addr, size_t len, int prot)
{
	return (int)__syscall_ret(__syscall3(SYS_mprotect, addr, len, prot));
}
