/*
 * restore_rt.S - __restore_rt, where every signal handler returns.
 *
 * sigaction() stores its address as the action's sa_restorer (with
 * SA_RESTORER, which x86-64 Linux requires); the kernel writes it as the
 * return address at the bottom of the signal frame. When the handler
 * returns, its ret pops it, so rsp points at the frame's ucontext, and
 * rt_sigreturn reads the registers, mask and FPU state back from there:
 * the interrupted code resumes (or, if the handler edited the ucontext,
 * whatever it asked for). rt_sigreturn does not return here.
 */
#include <interlude/syscall.h>

        .text
        .global __restore_rt
        .type __restore_rt, @function
__restore_rt:
        movl $SYS_rt_sigreturn, %eax
        syscall
        ud2                             /* not reached: rt_sigreturn never returns */
        .size __restore_rt, . - __restore_rt

        .section .note.GNU-stack, "", @progbits
