/* mremap.c - mremap(2). */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/*
 * Resizes or moves the mapping at old (MREMAP_*); new_address, the fifth
 * argument, is read only with MREMAP_FIXED or MREMAP_DONTUNMAP, as glibc
 * does. Returns the mapping's address, or MAP_FAILED with errno.
 */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *to = 0;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		va_list ap;
		va_start(ap, flags);
		to = va_arg(ap, void *);
		va_end(ap);
	}
	long r = __syscall5(SYS_mremap, (long)old, (long)old_len, (long)new_len, flags, (long)to);
	if (__syscall_failed(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}
