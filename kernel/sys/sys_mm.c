/*
 * sys_mm.c - the memory system calls: brk, sbrk, mmap, munmap, mprotect,
 * madvise, mremap, mincore, msync, and mlock, mlock2, munlock, mlockall,
 * munlockall.
 *
 * The semantics live in mm/ (brk.c, mmap.c, mprotect.c, madvise.c,
 * mremap.c, msync.c and mlock.c: Linux's, check by check); these are the thin doors from the
 * system-call ABI into them, on the running process's struct mm. Memory is
 * not allocated here: the page-fault handler does that on first touch
 * (or mmap's MAP_POPULATE, through mm/fault.c).
 */
#include "arch/x86_64/uaccess.h"
#include "fs/fd.h"
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
	struct proc *p = proc_current();
	struct mm_mmap_source src;
	/* A descriptor that names no file stays mm_mmap's EBADF, after the offset check. */
	if (!(flags & MAP_ANONYMOUS) && fd_mmap_source(&p->files, (int)fd, &src) == 0)
		return mm_mmap_file(&p->mm, addr, len, prot, flags, &src, off);
	return mm_mmap(&p->mm, addr, len, prot, flags, (int)fd, off);
}

int64_t sys_munmap(uint64_t addr, uint64_t len, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
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

/* msync(addr, len, flags): mm/msync.c (nothing is ever dirty). */
int64_t sys_msync(uint64_t addr, uint64_t len, uint64_t flags, uint64_t a3, uint64_t a4,
		  uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return mm_msync(&proc_current()->mm, addr, len, (int)flags);
}

/* mlock(addr, len): mm/mlock.c. */
int64_t sys_mlock(uint64_t addr, uint64_t len, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	UNUSED4;
	return mm_mlock(&proc_current()->mm, addr, len, false);
}

/* mlock2(addr, len, flags): flags other than MLOCK_ONFAULT are -EINVAL
 * before anything else, as Linux's. */
int64_t sys_mlock2(uint64_t addr, uint64_t len, uint64_t flags, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if ((unsigned)flags & ~(unsigned)MLOCK_ONFAULT)
		return -EINVAL;
	return mm_mlock(&proc_current()->mm, addr, len, (flags & MLOCK_ONFAULT) != 0);
}

/* munlock(addr, len): mm/mlock.c. */
int64_t sys_munlock(uint64_t addr, uint64_t len, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	UNUSED4;
	return mm_munlock(&proc_current()->mm, addr, len);
}

/* mlockall(flags) and munlockall(): mm/mlock.c. */
int64_t sys_mlockall(uint64_t flags, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	(void)a1, UNUSED4;
	return mm_mlockall(&proc_current()->mm, (int)flags);
}

int64_t sys_munlockall(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, UNUSED4;
	return mm_munlockall(&proc_current()->mm);
}

/*
 * mremap(old, old_len, new_len, flags, new_addr): mm/mremap.c. Returns the
 * mapping's (new) address or the -errno.
 */
int64_t sys_mremap(uint64_t addr, uint64_t old_len, uint64_t new_len, uint64_t flags,
		   uint64_t new_addr, uint64_t a5)
{
	(void)a5;
	return mm_mremap(&proc_current()->mm, addr, old_len, new_len, flags, new_addr);
}

/*
 * mincore(addr, len, vec): one byte per page of [addr, addr + len), 1 if
 * the page is resident (has a frame mapped now), 0 if not yet (demand
 * paging has not faulted it in). Linux's checks in Linux's order:
 * -EINVAL for a misaligned addr, -ENOMEM for a range outside user space
 * or with a page in no area, -EFAULT if vec cannot be written. The lazy
 * lab (docs/labs/lazy.md) proves with it that untouched pages take no
 * frame. Returns 0 or the -errno.
 */
int64_t sys_mincore(uint64_t addr, uint64_t len, uint64_t vec, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct mm *mm = &proc_current()->mm;
	if (addr & PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE || addr > TASK_SIZE - len)
		return -ENOMEM;
	uint64_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	if (!uaccess_range_ok(vec, pages))
		return -EFAULT;
	uint8_t chunk[256];
	for (uint64_t done = 0; done < pages;) {
		uint64_t n = pages - done < sizeof chunk ? pages - done : sizeof chunk;
		for (uint64_t i = 0; i < n; i++) {
			uint64_t page = addr + (done + i) * PAGE_SIZE;
			struct vma *v = vma_lookup(&mm->vmas, page);
			if (!v)
				return -ENOMEM;
			chunk[i] = vmm_translate(&mm->pt, page, NULL, NULL);
		}
		if (copy_to_user(vec + done, chunk, n) < 0)
			return -EFAULT;
		done += n;
	}
	return 0;
}
