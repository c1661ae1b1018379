/*
 * trap.h - CPU exceptions: the saved state and the dispatcher.
 */
#ifndef ARCH_X86_64_TRAP_H
#define ARCH_X86_64_TRAP_H

#include <stdint.h>

/* The stack as isr.S leaves it: registers, vector, error code, CPU frame. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

enum {
	TRAP_DIVIDE = 0,
	TRAP_DEBUG = 1,
	TRAP_NMI = 2,
	TRAP_BREAKPOINT = 3,
	TRAP_INVALID_OPCODE = 6,
	TRAP_DOUBLE_FAULT = 8,
	TRAP_GENERAL_PROTECTION = 13,
	TRAP_PAGE_FAULT = 14,
	TRAP_X87_FPU = 16,
	TRAP_ALIGNMENT_CHECK = 17,
	TRAP_SIMD_FPU = 19,
};

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT (1u << 0) /* 0: page not present; 1: protection violation */
#define PF_WRITE (1u << 1)
#define PF_USER (1u << 2)
#define PF_RESERVED (1u << 3)
#define PF_INSTR (1u << 4)
#define PF_PKEY (1u << 5)
#define PF_SGX (1u << 15)

void idt_init(void);

/* Handles an exception raised in user mode (proc/fault.c). */
void user_trap(struct trap_frame *frame);

/* A trap from user mode begins and ends (proc/usage.c: the CPU-time
 * accounting's boundaries; trap_dispatch calls them around its work). */
void user_trap_enter(void);
void user_trap_leave(void);

/* Called from isr.S for every exception. */
void trap_dispatch(struct trap_frame *frame);

/* Returns the exception's name, e.g. "Page Fault", for a vector 0..31. */
const char *trap_name(uint64_t vector);

/* Writes a plain-words account of a page-fault error code into buf. */
void trap_describe_page_fault(uint64_t error_code, char *buf, unsigned long size);

/* What the CPU reported about an exception, as a trap catcher sees it. */
struct trap_fault {
	uint64_t vector;
	uint64_t error_code;
	uint64_t address; /* CR2 for page faults, else 0 */
	uint64_t rip;
};

/*
 * A trap catcher lets a test expect a CPU exception in the kernel without
 * the dispatcher knowing about tests: the self-test framework registers
 * one while it runs (EXPECT_FAULT). trap_dispatch calls it for every
 * exception in kernel mode that nothing else handles, before reporting
 * it; it jumps back into the test that expected the exception, or returns
 * and the exception is reported and fatal (panic_stop). NULL: none.
 */
typedef void (*trap_catcher_fn)(const struct trap_fault *fault);
void trap_set_catcher(trap_catcher_fn catcher);

/* The local APIC timer's interrupt (LAPIC_TIMER_VECTOR) goes to fn, which
 * must acknowledge it (lapic_eoi): time/timer.c, above this layer. */
typedef void (*trap_interrupt_fn)(struct trap_frame *frame);
void trap_set_timer_interrupt(trap_interrupt_fn fn);

#endif
