/*
 * usermode.h - crossing between ring 0 and ring 3.
 */
#ifndef ARCH_X86_64_USERMODE_H
#define ARCH_X86_64_USERMODE_H

#include <stdint.h>

#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/trap.h"

/* Enables the syscall instruction (EFER.SCE) and points it at the kernel. */
void syscall_init(void);

/* Sets the kernel stack used on syscalls and on traps from user mode. */
void usermode_set_kernel_stack(uint64_t top);

/* Starts user mode at rip with stack pointer rsp; never returns. */
__attribute__((noreturn)) void user_enter(uint64_t rip, uint64_t rsp);

/* Sets the FS segment base (thread pointer) the user program sees. */
void usermode_set_fs_base(uint64_t base);
uint64_t usermode_fs_base(void);

/* The top of the running process's kernel stack (usermode_set_kernel_stack). */
extern uint64_t syscall_kernel_rsp;

/*
 * Returns the user registers of the running process, as saved on entry
 * by a system call or an exception: both arrive on an empty kernel stack
 * (syscall_entry.S switches to syscall_kernel_rsp, the CPU takes
 * TSS.rsp0, the same address) and lay out a trap_frame just below its top.
 */
static inline struct trap_frame *usermode_frame(void)
{
	return (struct trap_frame *)(syscall_kernel_rsp - sizeof(struct trap_frame));
}

/*
 * Returns to user mode with every register of *f (which must be
 * usermode_frame()), through iretq: unlike sysret, which the system-call
 * path uses, it restores rcx, r11 and rflags exactly. Never returns.
 */
__attribute__((noreturn)) void usermode_return(struct trap_frame *f);

/* Handles system call frame->rax (implemented in sys/syscall.c). */
void syscall_dispatch(struct trap_frame *frame);

#endif
