/*
 * sys/ucontext.h - what a SA_SIGINFO handler's third argument points at:
 * glibc's x86-64 ucontext_t, laid over the frame the kernel writes
 * (Linux's struct ucontext, the same on Interlude). uc_mcontext.gregs is
 * indexed by REG_R8 ... REG_CR2 (<interlude/ucontext.h>, shared with the
 * kernel): a handler reads the faulting rip, the page-fault error code
 * (REG_ERR), the vector (REG_TRAPNO) and every register there, and may
 * change them; the changes take effect when it returns. fpregs points at
 * the saved x87/SSE registers, restored likewise.
 *
 * Only the first 64 bits of uc_sigmask are in the kernel's frame, and
 * nothing beyond it (__fpregs_mem, __ssp) is: do not write there.
 */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <bits/signal_types.h> /* sigset_t, stack_t */
#include <stdint.h>

#include <interlude/ucontext.h> /* REG_*, __NGREG, UC_* */

#define NGREG __NGREG

__extension__ typedef long long int greg_t;
typedef greg_t gregset_t[__NGREG];

/* The FXSAVE area (Intel SDM vol. 1, 10.5.1). */
struct _libc_fpxreg {
	unsigned short int significand[4];
	unsigned short int exponent;
	unsigned short int __glibc_reserved1[3];
};

struct _libc_xmmreg {
	uint32_t element[4];
};

struct _libc_fpstate {
	uint16_t cwd; /* x87 control word */
	uint16_t swd; /* x87 status word */
	uint16_t ftw;
	uint16_t fop;
	uint64_t rip;
	uint64_t rdp;
	uint32_t mxcsr;
	uint32_t mxcr_mask;
	struct _libc_fpxreg _st[8];
	struct _libc_xmmreg _xmm[16];
	uint32_t __glibc_reserved1[24];
};

typedef struct _libc_fpstate *fpregset_t;

typedef struct {
	gregset_t gregs;
	fpregset_t fpregs; /* the FPU area in the signal frame (NULL: none) */
	__extension__ unsigned long long int __reserved1[8];
} mcontext_t;

typedef struct ucontext_t {
	unsigned long int uc_flags; /* UC_* */
	struct ucontext_t *uc_link;
	stack_t uc_stack;	/* the alternate stack when the signal came */
	mcontext_t uc_mcontext; /* the registers of the interrupted code */
	sigset_t uc_sigmask;	/* the mask restored when the handler returns */
	struct _libc_fpstate __fpregs_mem;
	__extension__ unsigned long long int __ssp[4];
} ucontext_t;

#endif
