/*
 * usermode.h - crossing between ring 0 and ring 3.
 */
#ifndef ARCH_X86_64_USERMODE_H
#define ARCH_X86_64_USERMODE_H

#include <stdint.h>

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

/* Handles system call frame->rax (implemented in sys/syscall.c). */
void syscall_dispatch(struct trap_frame *frame);

#endif
