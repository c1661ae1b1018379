/*
 * gdt.h - segments and the task state segment.
 *
 * In 64-bit mode segmentation is mostly off, but the CPU still needs code
 * and data descriptors for ring 0 and ring 3, and a TSS that says which
 * stack to use on entry to the kernel (rsp0) and for the exceptions that
 * must not trust the current stack (the IST; the double fault uses IST 1).
 */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#endif

/* Selectors. The order of the user ones is what syscall/sysret expect. */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE32 0x18 /* unused, keeps the sysret layout */
#define GDT_USER_DATA 0x20
#define GDT_USER_CODE 0x28
#define GDT_TSS 0x30

#define IST_DOUBLE_FAULT 1

#ifndef __ASSEMBLER__
void gdt_init(void);

/* Sets the stack the CPU switches to on a trap from user mode. */
void gdt_set_kernel_stack(uint64_t rsp0);

/* Names the running process's kernel stack (e.g. "kernel stack of sh[3]")
 * for the overflow diagnosis; the string must stay valid; NULL: generic. */
void gdt_set_kernel_stack_owner(const char *owner);

/* Returns true if addr lies in the guard page of a stack the kernel knows. */
bool gdt_stack_guard_hit(uint64_t addr, const char **stack_name);
#endif

#endif
