/*
 * swtch.h - the context switch (swtch.S).
 */
#ifndef ARCH_X86_64_SWTCH_H
#define ARCH_X86_64_SWTCH_H

#include <stdint.h>

/* Saves the callee-saved registers on the current stack and its stack
 * pointer in *old_rsp, then continues on the stack new_rsp (saved the
 * same way, or built by swtch_initial_stack); returns when something
 * switches back to *old_rsp. */
void swtch(uint64_t *old_rsp, uint64_t new_rsp);

/* The words swtch pops: r15, r14, r13, r12, rbx, rbp, then the return address. */
#define SWTCH_FRAME_WORDS 7

/*
 * Lays a first context just below `below` (16-byte aligned) so that a
 * swtch to the returned stack pointer "returns" into entry, with the
 * stack aligned as right after a call. entry must never return.
 */
static inline uint64_t swtch_initial_stack(uint64_t below, void (*entry)(void))
{
	uint64_t *sp = (uint64_t *)(below - 8 * (SWTCH_FRAME_WORDS + 1));
	for (int i = 0; i < SWTCH_FRAME_WORDS - 1; i++)
		sp[i] = 0; /* callee-saved registers: rbp 0 ends backtraces */
	sp[SWTCH_FRAME_WORDS - 1] = (uint64_t)entry;
	sp[SWTCH_FRAME_WORDS] = 0; /* a fake return address for entry, for alignment */
	return (uint64_t)sp;
}

#endif
