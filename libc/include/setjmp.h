/*
 * setjmp.h - non-local jumps: setjmp() remembers where it was called
 * (the callee-saved registers, the stack pointer and the return address),
 * longjmp() goes back there, so that setjmp returns a second time, with
 * longjmp's value. The layout is glibc's (eight saved registers, a flag,
 * a 1024-bit signal mask), so a jmp_buf has the same size on both.
 *
 * As in glibc, setjmp() and _setjmp() do not save the signal mask;
 * sigsetjmp(env, 1) does, and siglongjmp()/longjmp() put it back.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <signal.h>

/* The saved registers: rbx, rbp, r12, r13, r14, r15, rsp, and rip (the return address). */
typedef long __jmp_buf[8];

struct __jmp_buf_tag {
	__jmp_buf __jmpbuf;    /* libc/setjmp/setjmp.S writes these */
	int __mask_was_saved;  /* non-zero: __saved_mask holds the mask at sigsetjmp */
	sigset_t __saved_mask; /* the blocked signals when sigsetjmp(env, 1) ran */
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((__returns_twice__));
int _setjmp(jmp_buf env) __attribute__((__returns_twice__));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((__returns_twice__));
__attribute__((__noreturn__)) void longjmp(jmp_buf env, int val);
__attribute__((__noreturn__)) void _longjmp(jmp_buf env, int val);
__attribute__((__noreturn__)) void siglongjmp(sigjmp_buf env, int val);

#endif
