/*
 * bits/signal_types.h - the two signal types that <signal.h> and
 * <sys/ucontext.h> both need: sigset_t (glibc's 1024 bits) and stack_t.
 * A leaf of its own, as glibc's bits/types/, so that each of the two
 * headers includes it instead of including the other (a ucontext_t holds
 * a sigset_t and a stack_t; <signal.h> gives ucontext_t).
 */
#ifndef _BITS_SIGNAL_TYPES_H
#define _BITS_SIGNAL_TYPES_H

#include <stddef.h>

/* A set of signals: glibc's 1024 bits (the kernel reads the first 64). */
typedef struct {
	unsigned long __val[1024 / (8 * sizeof(unsigned long))];
} sigset_t;

/* An alternate signal stack (sigaltstack, SA_ONSTACK). */
typedef struct {
	void *ss_sp;
	int ss_flags; /* SS_ONSTACK, SS_DISABLE, SS_AUTODISARM */
	size_t ss_size;
} stack_t;

#endif
