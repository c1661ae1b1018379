/*
 * sys_mm.c - the memory system calls: brk, sbrk, mmap, munmap, mprotect,
 * madvise, mremap.
 *
 * The semantics live in mm/ (brk.c, mmap.c, mprotect.c, madvise.c:
 * Linux's, check by check); these are the thin doors from the
 * system-call ABI into them, on the running process's struct mm. Memory is
 * not allocated here: the page-fault handler does that on first touch
 * (or mmap's MAP_POPULATE, through mm/fault.c).
 */
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"

#define UNUSED4 (void)a2, (void)a3, (void)a4, (void)a5

int64_t sys_brk(uint64_t addr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, UNUSED4;
	return (int64_t)mm_brk(&proc_current()->mm, addr);
}

int64_t sys_sbrk(uint64_t inc, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, UNUSED4;
	return mm_sbrk(&proc_current()->mm, (int64_t)inc);
}

int64_t sys_mmap(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, uint64_t fd,
		 uint64_t off)
{
	return mm_mmap(&proc_current()->mm, addr, len, prot, flags, (int)fd, off);
}

int64_t sys_munmap(uint64_t addr, uint64_t len, uint64_t a2, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	UNUSED4;
	return mm_munmap(&proc_current()->mm, addr, len);
}

int64_t sys_mprotect(uint64_t addr, uint64_t len, uint64_t prot, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return mm_mprotect(&proc_current()->mm, addr, len, prot);
}

int64_t sys_madvise(uint64_t addr, uint64_t len, uint64_t advice, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return mm_madvise(&proc_current()->mm, addr, len, (int)advice);
}

/* mremap: -ENOSYS (the issue allows it); libcs then allocate, copy and free. */
int64_t sys_mremap(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, UNUSED4;
	return -ENOSYS;
}
