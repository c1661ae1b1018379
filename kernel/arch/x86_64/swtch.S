/*
 * swtch.S - the context switch: from one kernel stack to another.
 *
 * swtch(&old_rsp, new_rsp) is called by a kernel thread of control (a
 * process in the kernel, or the scheduler loop) that wants to stop
 * running and let another one continue. Everything the C calling
 * convention lets a callee clobber the caller has already saved itself,
 * so only the callee-saved registers (rbx, rbp, r12-r15) need saving:
 * they are pushed on the current stack, the stack pointer is stored in
 * *old_rsp, the stack pointer becomes new_rsp, and the registers the
 * other side pushed when it called swtch are popped. The final ret
 * returns into the other side's call of swtch: from its point of view,
 * swtch just returned. (xv6's swtch, in x86-64 form.)
 *
 * A stack that never called swtch (a new process) is made to look as if
 * it had: six register slots and a return address (sched.c, proc_context).
 * The user registers, CR3, the FPU and the rest are the scheduler's
 * business (sched.c), not this file's.
 */
        .text
        .global swtch
swtch:
        pushq %rbp
        pushq %rbx
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
        movq %rsp, (%rdi)
        movq %rsi, %rsp
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %rbx
        popq %rbp
        ret
