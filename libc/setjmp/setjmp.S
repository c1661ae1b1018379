/*
 * setjmp.S - sigsetjmp, setjmp, _setjmp and __longjmp.
 *
 * A function's caller expects, after the call, only the callee-saved
 * registers (rbx, rbp, r12-r15) and rsp to be as they were (the System V
 * x86-64 ABI). So to make setjmp "return again" it is enough to keep
 * those six, the stack pointer as it will be after setjmp returns, and
 * the return address; __longjmp writes them back and jumps to that
 * address with the value in rax. The offsets are those of __jmp_buf in
 * <setjmp.h>. This only works while setjmp's caller has not returned:
 * its frame is what the saved rsp points at.
 */
#define JB_RBX 0
#define JB_RBP 8
#define JB_R12 16
#define JB_R13 24
#define JB_R14 32
#define JB_R15 40
#define JB_RSP 48
#define JB_RIP 56

        .text

/* int setjmp(jmp_buf env), int _setjmp(jmp_buf env): sigsetjmp(env, 0), as glibc. */
        .global setjmp
        .type setjmp, @function
        .global _setjmp
        .type _setjmp, @function
setjmp:
_setjmp:
        xorl %esi, %esi
        /* fall through to sigsetjmp */

/*
 * int sigsetjmp(sigjmp_buf env, int savemask): saves the registers, then
 * tail-calls __sigjmp_save (libc/setjmp/longjmp.c), which saves the
 * signal mask if savemask is non-zero and returns 0: the first return.
 * The jump leaves the stack as the caller made it, so __sigjmp_save
 * returns straight to sigsetjmp's caller.
 */
        .global sigsetjmp
        .type sigsetjmp, @function
sigsetjmp:
        movq %rbx, JB_RBX(%rdi)
        movq %rbp, JB_RBP(%rdi)
        movq %r12, JB_R12(%rdi)
        movq %r13, JB_R13(%rdi)
        movq %r14, JB_R14(%rdi)
        movq %r15, JB_R15(%rdi)
        leaq 8(%rsp), %rdx              /* rsp once the return address is popped */
        movq %rdx, JB_RSP(%rdi)
        movq (%rsp), %rdx               /* where setjmp returns to */
        movq %rdx, JB_RIP(%rdi)
        jmp __sigjmp_save
        .size sigsetjmp, . - sigsetjmp
        .size setjmp, . - setjmp
        .size _setjmp, . - _setjmp

/*
 * void __longjmp(const __jmp_buf regs, int val): the second return of the
 * setjmp that filled regs, with val (1 if val is 0: setjmp's 0 means
 * "first time", so C says longjmp(env, 0) returns 1).
 */
        .global __longjmp
        .hidden __longjmp
        .type __longjmp, @function
__longjmp:
        movl %esi, %eax
        testl %eax, %eax
        jnz 1f
        incl %eax
1:      movq JB_RBX(%rdi), %rbx
        movq JB_RBP(%rdi), %rbp
        movq JB_R12(%rdi), %r12
        movq JB_R13(%rdi), %r13
        movq JB_R14(%rdi), %r14
        movq JB_R15(%rdi), %r15
        movq JB_RSP(%rdi), %rsp
        jmpq *JB_RIP(%rdi)
        .size __longjmp, . - __longjmp

        .section .note.GNU-stack, "", @progbits
