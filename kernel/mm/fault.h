/*
 * fault.h - the kernel's side of struct mm: its page tables, and demand
 * paging.
 *
 * mm.h's code only keeps the books (which areas exist, with which
 * protection); this is where those books meet the page tables: creating
 * and destroying a process's address space, the callbacks that unmap,
 * reprotect or populate pages when areas change, and mm_handle_fault,
 * which a page fault (or a user copy that faulted) calls to map the page
 * it needs.
 * The decision of what to do with a fault that cannot be served (which
 * signal, kill, what to print) is the caller's: proc/fault.c.
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "lib/trace.h"
#include "mm/mm.h"

/*
 * Makes mm an empty address space sharing the kernel half, whose area
 * changes reach its page tables (and VMA structs come from kmalloc).
 * Returns 0 or -ENOMEM (nothing is left allocated).
 */
int mm_create(struct mm *mm);

/*
 * Frees everything mm holds: every area and the frames mapped there, then
 * the page tables. mm must not be the active address space.
 */
void mm_destroy(struct mm *mm);

/* Returns the VM_* flags (pagetable.h) of a user page with protection prot (PROT_*). */
unsigned mm_vm_flags(unsigned prot);

/*
 * Demand paging: makes the page holding addr present for `access`
 * (MM_ACCESS_*), growing the stack if that is what the access asks.
 * Returns MM_FAULT_OK if the access may be retried; MM_FAULT_MAPERR,
 * MM_FAULT_ACCERR or MM_FAULT_STACK_GUARD (mm_fault_check's verdicts) if
 * it is the program's mistake; MM_FAULT_OOM when no frame was left.
 */
enum mm_fault mm_handle_fault(struct mm *mm, uint64_t addr, unsigned access);

/* The user instruction whose fault is being served, which the page-fault
 * handler (proc/fault.c) sets while tracing (TRACE_ON, lib/trace.h) for
 * the trace's fault line; mm_handle_fault sets it back to 0, the value for
 * a fault taken by a kernel copy (docs/TRACE.md). */
extern uint64_t trace_fault_ip;

#endif
