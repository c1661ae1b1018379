/*
 * syscall.c - from the syscall instruction to the function that serves it.
 *
 * syscall_entry.S saved the user registers in a trap_frame; here the
 * number in rax picks a function from the table and its result goes back
 * in rax. An unknown number returns -ENOSYS, as Linux does, and is logged
 * once so that a student porting a program sees what is missing.
 */
#include "sys/syscall.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "proc/proc.h"

static const syscall_fn table[SYS_MAX] = {
	[SYS_READ] = sys_read,
	[SYS_WRITE] = sys_write,
	[SYS_MMAP] = sys_mmap,
	[SYS_MPROTECT] = sys_mprotect,
	[SYS_MUNMAP] = sys_munmap,
	[SYS_BRK] = sys_brk,
	[SYS_IOCTL] = sys_ioctl,
	[SYS_WRITEV] = sys_writev,
	[SYS_MREMAP] = sys_mremap,
	[SYS_MADVISE] = sys_madvise,
	[SYS_GETPID] = sys_getpid,
	[SYS_EXIT] = sys_exit,
	[SYS_UNAME] = sys_uname,
	[SYS_ARCH_PRCTL] = sys_arch_prctl,
	[SYS_SET_TID_ADDRESS] = sys_set_tid_address,
	[SYS_EXIT_GROUP] = sys_exit,
	[SYS_SBRK] = sys_sbrk,
};

static uint8_t logged[SYS_MAX / 8 + 1];

/* An unknown number: -ENOSYS, logged the first time (kept off the fast path). */
__attribute__((noinline, cold)) static void unknown(struct trap_frame *f)
{
	uint64_t nr = f->rax;
	if (nr >= SYS_MAX || !(logged[nr / 8] & (1u << (nr % 8)))) {
		kprintf("syscall: %s[%d] called unimplemented system call %lu: -ENOSYS\n",
			proc_current()->name, proc_current()->pid, nr);
		if (nr < SYS_MAX)
			logged[nr / 8] |= (uint8_t)(1u << (nr % 8));
	}
	f->rax = (uint64_t)-ENOSYS;
}

void syscall_dispatch(struct trap_frame *f)
{
	uint64_t nr = f->rax;
	syscall_fn fn = nr < SYS_MAX ? table[nr] : NULL;
	if (__builtin_expect(!fn, 0)) {
		unknown(f);
		return;
	}
	f->rax = (uint64_t)fn(f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9);
}
