/*
 * mlock.c - mlock(2), mlock2(2), munlock(2), mlockall(2), munlockall(2):
 * keeping memory resident. Interlude has no swap, so what locking does
 * there is page the memory in now and mark it (VmLck in
 * /proc/self/status); kernel/mm/mlock.c has the rules.
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Locks the pages of [addr, addr + len) and pages them in: 0, or -1 with errno. */
int mlock(const void *addr, size_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_mlock, addr, len));
}

/* mlock, or with MLOCK_ONFAULT locks the pages as they are touched. */
int mlock2(const void *addr, size_t len, unsigned int flags)
{
	return (int)__syscall_ret(__syscall3(SYS_mlock2, addr, len, flags));
}

/* Unlocks the pages of [addr, addr + len): 0, or -1 with errno. */
int munlock(const void *addr, size_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_munlock, addr, len));
}

/* Locks every mapping now (MCL_CURRENT), every later one (MCL_FUTURE), or
 * both, on fault with MCL_ONFAULT: 0, or -1 with errno. */
int mlockall(int flags)
{
	return (int)__syscall_ret(__syscall1(SYS_mlockall, flags));
}

/* Unlocks every mapping and ends MCL_FUTURE: 0, or -1 with errno. */
int munlockall(void)
{
	return (int)__syscall_ret(__syscall0(SYS_munlockall));
}
