/*
 * backtrace.h - printing the chain of callers from saved frame pointers.
 *
 * The kernel library (panic) and the layers above ask for backtraces
 * here; walking a stack is the machine's business, so the functions are
 * implemented by the architecture (arch/x86_64/backtrace.c) and, for the
 * host builds, by tests/host/kernel_stubs.c. kernel/lib never includes
 * arch/: it declares what it needs, and arch/ provides it.
 */
#ifndef LIB_BACKTRACE_H
#define LIB_BACKTRACE_H

#include <stdint.h>

/*
 * Prints "#n 0x... function+0xoff" for rip and then for each return
 * address found by following the frame-pointer chain from rbp.
 */
void backtrace_print(uint64_t rip, uint64_t rbp);

/*
 * Same, for an interrupted context: also uses rsp to find the caller of a
 * function that was interrupted before it had set up its own frame (at its
 * first instruction, or just after "push %rbp").
 */
void backtrace_print_interrupted(uint64_t rip, uint64_t rsp, uint64_t rbp);

/* Prints the backtrace of the caller. */
void backtrace_here(void);

/* Formats "function+0xoff" (or the bare address) for addr into buf. */
void backtrace_symbolize(uint64_t addr, char *buf, unsigned long size);

#endif
