/*
 * sys_threadlib.c - what a C library registers with the kernel at start:
 * set_robust_list and rseq (glibc calls both before main; set_tid_address
 * is sys_proc.c's).
 *
 * set_robust_list(head, len) names the list of robust mutexes a thread
 * holds, which Linux walks when the thread dies, marking each one's owner
 * dead so that its waiters wake. Interlude keeps the pointer (a fork child
 * starts with none, execve forgets it, as on Linux) but never walks the
 * list: there are no threads, and so no futex waiter (sys_futex.c) to wake.
 *
 * rseq(area, len, flags, sig) registers a restartable-sequences area: the
 * kernel keeps cpu_id_start, cpu_id, node_id and mm_cid in it up to date,
 * and aborts a critical section (rseq_cs) that a preemption or a signal
 * interrupted. glibc registers one per thread and reads cpu_id for
 * sched_getcpu (so a failed registration would send it to getcpu, which
 * Interlude does not have). On one CPU the numbers never change: they are
 * all 0, written once at registration, and a critical section is never
 * aborted. That is safe while nothing else can run on "this CPU's" data
 * between two of its instructions, which holds without threads except for
 * the program's own signal handlers (docs/SYSCALLS.md says so). The
 * checks are Linux's, in its order (register twice: -EBUSY; another area
 * or length: -EINVAL; another signature: -EPERM).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/syscall.h"

#define ROBUST_LIST_HEAD_SIZE 24 /* struct robust_list_head on x86-64 */
#define RSEQ_FLAG_UNREGISTER 1
#define ORIG_RSEQ_SIZE 32  /* struct rseq before its extensions */
#define RSEQ_ALIGN 32	   /* __alignof__(struct rseq) */
#define RSEQ_END_OFFSET 28 /* offsetof(struct rseq, end): the fields known */
#define RSEQ_CPU_ID_UNINITIALIZED 0xffffffffu

/* set_robust_list(head, len): 0, or -EINVAL for a length not the struct's. */
int64_t sys_set_robust_list(uint64_t head, uint64_t len, uint64_t a2, uint64_t a3, uint64_t a4,
			    uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	proc_current()->robust_list = head;
	return 0;
}

/* Writes the four numbers of an rseq area: cpu_id_start, cpu_id, node_id,
 * mm_cid (cpu_id is given: 0 registered, RSEQ_CPU_ID_UNINITIALIZED not). */
static int rseq_write_ids(uint64_t area, uint32_t cpu_id)
{
	uint32_t start = 0, zero = 0;
	if (copy_to_user(area + 0, &start, 4) || copy_to_user(area + 4, &cpu_id, 4) ||
	    copy_to_user(area + 20, &zero, 4) || copy_to_user(area + 24, &zero, 4))
		return -EFAULT;
	return 0;
}

/* rseq(area, len, flags, sig): 0, or -EINVAL, -EPERM, -EBUSY, -EFAULT. */
int64_t sys_rseq(uint64_t area, uint64_t len, uint64_t flags, uint64_t sig, uint64_t a4,
		 uint64_t a5)
{
	(void)a4, (void)a5;
	struct proc *p = proc_current();
	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~(uint64_t)RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		if (!p->rseq || p->rseq != area || (uint32_t)len != p->rseq_len)
			return -EINVAL;
		if ((uint32_t)sig != p->rseq_sig)
			return -EPERM;
		int r = rseq_write_ids(area, RSEQ_CPU_ID_UNINITIALIZED);
		if (r)
			return r;
		p->rseq = 0;
		return 0;
	}
	if ((uint32_t)flags)
		return -EINVAL;
	if (p->rseq) {
		if (p->rseq != area || (uint32_t)len != p->rseq_len)
			return -EINVAL;
		return (uint32_t)sig != p->rseq_sig ? -EPERM : -EBUSY;
	}
	uint32_t n = (uint32_t)len;
	if (n < ORIG_RSEQ_SIZE || area % RSEQ_ALIGN || n < RSEQ_END_OFFSET)
		return -EINVAL;
	if (!uaccess_range_ok(area, n))
		return -EFAULT;
	int r = rseq_write_ids(area, 0);
	if (r)
		return r;
	p->rseq = area;
	p->rseq_len = n;
	p->rseq_sig = (uint32_t)sig;
	return 0;
}
