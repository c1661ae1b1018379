/*
 * interlude/ucontext.h - what a signal handler finds in its ucontext on
 * x86-64 Linux: the index of each register in uc_mcontext.gregs (the
 * order of Linux's struct sigcontext, which glibc's gregset_t mirrors)
 * and the bits of uc_flags. Shared by the kernel, which writes the signal
 * frame (kernel/proc/signal.c), and the C library (<sys/ucontext.h>).
 */
#ifndef INTERLUDE_UCONTEXT_H
#define INTERLUDE_UCONTEXT_H

#define REG_R8 0
#define REG_R9 1
#define REG_R10 2
#define REG_R11 3
#define REG_R12 4
#define REG_R13 5
#define REG_R14 6
#define REG_R15 7
#define REG_RDI 8
#define REG_RSI 9
#define REG_RBP 10
#define REG_RBX 11
#define REG_RDX 12
#define REG_RAX 13
#define REG_RCX 14
#define REG_RSP 15
#define REG_RIP 16
#define REG_EFL 17
#define REG_CSGSFS 18  /* cs, gs, fs and ss, 16 bits each from the low end */
#define REG_ERR 19     /* the exception's error code (page faults: PF_* bits) */
#define REG_TRAPNO 20  /* the exception's vector */
#define REG_OLDMASK 21 /* the blocked signals before the handler ran */
#define REG_CR2 22     /* the last faulting address */
#define __NGREG 23

/* uc_flags. */
#define UC_FP_XSTATE 0x1     /* the FPU area is XSAVE's (Interlude: never, FXSAVE's only) */
#define UC_SIGCONTEXT_SS 0x2 /* the ss slot of REG_CSGSFS is meaningful */
#define UC_STRICT_RESTORE_SS 0x4

#endif
