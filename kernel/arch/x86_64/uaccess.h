/*
 * uaccess.h - the only way the kernel touches user memory.
 *
 * A user pointer passed to a system call may point anywhere: at nothing,
 * at the kernel, at a read-only page, at memory not yet paged in. These
 * routines check the range lies in user space, [0, TASK_SIZE) (the lower
 * half's last page is not user space: a buffer running into it is refused
 * whole, as Linux's access_ok does), then copy with the CPU
 * allowed to touch user pages (SMAP's stac/clac) and with recovery: if the
 * copy faults, the page-fault handler first tries demand paging (the page
 * may just not be populated yet) and otherwise resumes the copy routine at
 * its fixup code, which reports how much was not copied. So a bad pointer
 * gives -EFAULT, never a kernel crash.
 */
#ifndef ARCH_X86_64_UACCESS_H
#define ARCH_X86_64_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/trap.h"

/*
 * Returns true if [uaddr, uaddr + n) lies wholly in user space: it ends at
 * TASK_SIZE at the latest (so an empty range at TASK_SIZE passes, one at
 * 2^47 does not), as Linux's access_ok (uaccess.range-checked-first).
 */
static inline bool uaccess_range_ok(uint64_t uaddr, size_t n)
{
	return uaddr <= TASK_SIZE && n <= TASK_SIZE - uaddr;
}

/* Copies n bytes from user memory; returns 0, or -EFAULT. */
long copy_from_user(void *dst, uint64_t usrc, size_t n);

/* Copies n bytes to user memory; returns 0, or -EFAULT. */
long copy_to_user(uint64_t udst, const void *src, size_t n);

/*
 * Copies as much of n bytes from user memory as is readable, in order;
 * returns the number of bytes copied (short at the first bad byte).
 */
size_t copy_from_user_partial(void *dst, uint64_t usrc, size_t n);

/* Same, to user memory. */
size_t copy_to_user_partial(uint64_t udst, const void *src, size_t n);

/*
 * Writes n bytes made by fill (a chunk at a time; NULL: zeroes) to user
 * memory at udst, as a read(2) of /dev/zero or getrandom(2) does: the
 * count (short where the buffer stops being writable), or -EFAULT if not
 * even the first byte was.
 */
int64_t copy_generated_to_user(uint64_t udst, size_t n, void (*fill)(void *buf, size_t n));

/*
 * Called by the page-fault handler for a fault in kernel mode: if the
 * faulting instruction is one of the user-copy instructions, sends it to
 * its fixup code and returns true.
 */
bool uaccess_fixup(struct trap_frame *frame);

/*
 * Set by the process layer: tries to make addr accessible (demand paging,
 * stack growth) for a kernel access on behalf of the current process;
 * returns true if the copy may retry. NULL while no process runs.
 */
extern bool (*uaccess_fault_hook)(uint64_t addr, bool write);

#endif
