/* munmap.c - munmap(2). */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Unmaps the pages of [addr, addr + len): 0, or -1 with errno (EINVAL...). */
int munmap(void *addr, size_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_munmap, addr, len));
}
