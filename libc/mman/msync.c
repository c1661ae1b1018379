/* msync.c - msync(2) and mincore(2). */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Writes a shared file mapping's changes back (MS_SYNC, MS_ASYNC,
 * MS_INVALIDATE): 0, or -1 with errno. */
int msync(void *addr, size_t len, int flags)
{
	return (int)__syscall_ret(__syscall3(SYS_msync, addr, len, flags));
}

/* One byte per page of [addr, addr + len) into vec, bit 0 set if the page
 * is resident: 0, or -1 with errno. */
int mincore(void *addr, size_t len, unsigned char *vec)
{
	return (int)__syscall_ret(__syscall3(SYS_mincore, addr, len, vec));
}
