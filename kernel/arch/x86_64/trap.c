/*
 * trap.c - what the kernel does when the CPU raises an exception.
 *
 * An exception in kernel mode is fatal unless a user-copy routine expects
 * it (uaccess.h) or a registered trap catcher takes it (a self-test that
 * expected it: trap.h). Otherwise the handler prints a diagnosis a student
 * can act on (which exception, what the CPU was doing, the faulting
 * address for page faults decoded into words, the registers and a
 * symbolized backtrace), then stops the kernel (panic_stop), which fails
 * the running test instead when there is one.
 */
#include "arch/x86_64/trap.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/pic.h"
#include "lib/qemu_exit.h"
#include "arch/x86_64/uaccess.h"
#include "lib/backtrace.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

#include <stdbool.h>
#include <stddef.h>

static trap_catcher_fn catcher;
static trap_interrupt_fn timer_fn;

void trap_set_timer_interrupt(trap_interrupt_fn fn)
{
	timer_fn = fn;
}

void trap_set_catcher(trap_catcher_fn c)
{
	catcher = c;
}

static const char *const names[32] = {
    "Divide Error",
    "Debug",
    "Non-Maskable Interrupt",
    "Breakpoint",
    "Overflow",
    "BOUND Range Exceeded",
    "Invalid Opcode",
    "Device Not Available",
    "Double Fault",
    "Coprocessor Segment Overrun",
    "Invalid TSS",
    "Segment Not Present",
    "Stack-Segment Fault",
    "General Protection Fault",
    "Page Fault",
    "Reserved (15)",
    "x87 Floating-Point Error",
    "Alignment Check",
    "Machine Check",
    "SIMD Floating-Point Exception",
    "Virtualization Exception",
    "Control Protection Exception",
    "Reserved (22)",
    "Reserved (23)",
    "Reserved (24)",
    "Reserved (25)",
    "Reserved (26)",
    "Reserved (27)",
    "Hypervisor Injection Exception",
    "VMM Communication Exception",
    "Security Exception",
    "Reserved (31)",
};

const char *trap_name(uint64_t vector)
{
	return vector < 32 ? names[vector] : "Interrupt";
}

void trap_describe_page_fault(uint64_t ec, char *buf, unsigned long size)
{
	const char *access = (ec & PF_INSTR)   ? "instruction fetch"
			     : (ec & PF_WRITE) ? "write"
					       : "read";
	const char *why = (ec & PF_RESERVED) ? "a page-table entry with reserved bits set"
			  : (ec & PF_PRESENT)
			      ? ((ec & PF_INSTR)   ? "a page that is not executable"
				 : (ec & PF_WRITE) ? "a read-only page"
						   : "a page the access is not allowed on")
			      : "a page that is not mapped";
	ksnprintf(buf, size, "%s of %s, in %s mode", access, why,
		  (ec & PF_USER) ? "user" : "supervisor");
}

/* Writes one line naming the likely cause, for the common kernel faults. */
static void describe_cause(const struct trap_frame *f, uint64_t cr2, char *buf, unsigned long size)
{
	const char *stack;
	buf[0] = '\0';
	if ((f->vector == TRAP_PAGE_FAULT || f->vector == TRAP_DOUBLE_FAULT) &&
	    gdt_stack_guard_hit(cr2, &stack))
		ksnprintf(buf, size, "kernel stack overflow: the %s ran into its guard page",
			  stack);
	else if (f->vector == TRAP_PAGE_FAULT && cr2 < PAGE_SIZE)
		ksnprintf(buf, size, "NULL pointer dereference");
	else if (f->vector == TRAP_PAGE_FAULT && (f->error_code & PF_INSTR) &&
		 (f->error_code & PF_PRESENT))
		ksnprintf(buf, size, "execute of non-executable memory");
	else if (f->vector == TRAP_PAGE_FAULT && (f->error_code & PF_WRITE) &&
		 (f->error_code & PF_PRESENT))
		ksnprintf(buf, size, "write to read-only memory");
	else if (f->vector == TRAP_GENERAL_PROTECTION)
		ksnprintf(buf, size,
			  "general protection fault (a non-canonical address, a "
			  "privileged instruction or a bad segment)");
}

static void print_registers(const struct trap_frame *f)
{
	kprintf("  rax %016lx rbx %016lx rcx %016lx\n", f->rax, f->rbx, f->rcx);
	kprintf("  rdx %016lx rsi %016lx rdi %016lx\n", f->rdx, f->rsi, f->rdi);
	kprintf("  rbp %016lx r8  %016lx r9  %016lx\n", f->rbp, f->r8, f->r9);
	kprintf("  r10 %016lx r11 %016lx r12 %016lx\n", f->r10, f->r11, f->r12);
	kprintf("  r13 %016lx r14 %016lx r15 %016lx\n", f->r13, f->r14, f->r15);
}

/* Prints the full diagnosis of an exception; returns its one-line summary. */
static void report(const struct trap_frame *f, uint64_t cr2, char *summary, unsigned long size)
{
	const char *mode = (f->cs & 3) ? "user" : "kernel";
	char sym[96], cause[120], pf[120];
	backtrace_symbolize(f->rip, sym, sizeof sym);
	describe_cause(f, cr2, cause, sizeof cause);

	kprintf("EXCEPTION: %s (vector %lu) in %s mode at rip 0x%016lx <%s>\n",
		trap_name(f->vector), f->vector, mode, f->rip, sym);
	if (cause[0])
		kprintf("  cause: %s\n", cause);
	if (f->vector == TRAP_PAGE_FAULT) {
		trap_describe_page_fault(f->error_code, pf, sizeof pf);
		kprintf("  page fault address (cr2) 0x%016lx: %s\n", cr2, pf);
	}
	kprintf("  error code 0x%lx  rsp 0x%016lx  rflags 0x%lx  cs 0x%lx  ss 0x%lx\n",
		f->error_code, f->rsp, f->rflags, f->cs, f->ss);
	print_registers(f);
	backtrace_print_interrupted(f->rip, f->rsp, f->rbp);

	if (f->vector == TRAP_PAGE_FAULT)
		ksnprintf(summary, size, "%s at 0x%lx in %s (%s)", trap_name(f->vector), cr2, sym,
			  cause[0] ? cause : pf);
	else
		ksnprintf(summary, size, "%s in %s%s%s", trap_name(f->vector), sym,
			  cause[0] ? ": " : "", cause);
}

/* Serves the interrupt or exception in f (see trap_dispatch). */
static void dispatch(struct trap_frame *f)
{
	/* The timer's tick: in user mode or in an idle wait (timer.c). */
	if (f->vector == LAPIC_TIMER_VECTOR) {
		if (timer_fn)
			timer_fn(f);
		else
			lapic_eoi();
		return;
	}
	/* A device interrupt: it only wakes a halted wait (serial_wait_readable),
	 * which then polls its device; acknowledge it and return. */
	if (f->vector >= PIC_VECTOR_BASE && f->vector < PIC_VECTOR_BASE + PIC_IRQS) {
		pic_end_of_interrupt((unsigned)(f->vector - PIC_VECTOR_BASE));
		return;
	}
	uint64_t cr2 =
	    (f->vector == TRAP_PAGE_FAULT || f->vector == TRAP_DOUBLE_FAULT) ? read_cr2() : 0;
	if (f->cs & 3) {
		user_trap(f); /* returns only to resume the program */
		return;
	}
	/* A user-copy routine touching a bad or not yet populated user page. */
	if (f->vector == TRAP_PAGE_FAULT && !(f->cs & 3) && uaccess_fixup(f))
		return;
	if (catcher) {
		struct trap_fault tf = {f->vector, f->error_code, cr2, f->rip};
		catcher(&tf); /* returns unless a self-test expected this exception */
	}

	/* A fault while printing a diagnosis must not loop: say so and stop. */
	static bool reporting;
	if (reporting) {
		kprintf("EXCEPTION: %s (vector %lu) at rip 0x%lx while reporting an earlier "
			"exception; stopping\n",
			trap_name(f->vector), f->vector, f->rip);
		qemu_exit(QEMU_EXIT_FAILURE);
	}
	reporting = true;
	char summary[200];
	report(f, cr2, summary, sizeof summary);
	reporting = false;
	panic_stop(summary);
}

void trap_dispatch(struct trap_frame *f)
{
	if (!(f->cs & 3)) {
		dispatch(f);
		return;
	}
	/* From user mode: the time until the return is the process's system time. */
	user_trap_enter();
	dispatch(f);
	user_trap_leave();
}
