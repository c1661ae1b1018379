/*
 * syscall_entry.S - the way into the kernel from a user program's
 * "syscall" instruction, and the first way out to user mode.
 *
 * syscall (Intel SDM vol. 2, SYSCALL) loads rip from MSR_LSTAR and CS/SS
 * from MSR_STAR, saves the user rip in %rcx and rflags in %r11, clears the
 * rflags bits in MSR_SFMASK (interrupts, direction, AC so SMAP holds) and
 * does NOT switch stacks. So the first instructions move to the current
 * process's kernel stack. With one CPU and interrupts off, two globals are
 * enough (a multi-CPU kernel keeps them per CPU, reached with swapgs).
 *
 * The entry lays the user registers out as a struct trap_frame (trap.h),
 * the same layout an exception from user mode leaves, calls
 * syscall_dispatch(frame), restores the registers (rax now holding the
 * result) and returns with sysret, or iretq if the return address is not
 * a canonical user address (sysret to a non-canonical rip would fault in
 * ring 0 on Intel CPUs). A system call that must set every register
 * (rt_sigreturn) leaves through usermode_return instead.
 */
#include "arch/x86_64/cpu_bits.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap_frame_asm.h"

        .text
        .global syscall_entry
syscall_entry:
        movq %rsp, syscall_user_rsp(%rip)
        movq syscall_kernel_rsp(%rip), %rsp
        pushq $(GDT_USER_DATA | 3)      /* ss */
        pushq syscall_user_rsp(%rip)    /* rsp */
        pushq %r11                      /* rflags */
        pushq $(GDT_USER_CODE | 3)      /* cs */
        pushq %rcx                      /* rip */
        /*
         * The general registers, in trap_frame order. All of them are
         * written (only the slots of the error code and vector,
         * meaningless here, are not): fork copies this frame to the
         * child, and a signal handler's frame saves it, so rbx and
         * r12-r15 must be there too, although the C code keeps them
         * intact by the calling convention and the way out does not
         * restore them. rbp is also cleared below.
         */
        subq $16, %rsp                  /* error code, vector */
        pushq %rax
        pushq %rbx
        pushq %rcx
        pushq %rdx
        pushq %rsi
        pushq %rdi
        pushq %rbp
        pushq %r8
        pushq %r9
        pushq %r10
        pushq %r11
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
        xorl %ebp, %ebp                 /* backtraces stop at the user boundary */
        movq %rsp, %rdi
        call syscall_dispatch
        addq $40, %rsp                  /* r15..r12 kept; r11 gets rflags below */
        popq %r10
        popq %r9
        popq %r8
        popq %rbp
        popq %rdi
        popq %rsi
        popq %rdx
        addq $16, %rsp                  /* rcx gets the rip below; rbx kept */
        popq %rax                       /* the result */
        addq $16, %rsp                  /* vector and error code */
        movq (%rsp), %rcx               /* user rip */
        movq %rcx, %r11
        sarq $47, %r11                  /* 0 for a canonical user address */
        jnz 1f
        movq 16(%rsp), %r11             /* user rflags */
        movq 24(%rsp), %rsp             /* user rsp */
        sysretq
1:      iretq

/*
 * usermode_return(frame): the way out for a system call that rewrote the
 * whole trap_frame (rt_sigreturn). The frame sits at the top of the
 * kernel stack, so moving rsp there drops the C calls below it; every
 * register comes from the frame and iretq restores rip, rflags, rsp and
 * the segments, where sysretq would put rip in rcx and rflags in r11.
 */
        .global usermode_return
usermode_return:
        movq %rdi, %rsp
        POP_GPRS
        addq $16, %rsp                  /* vector and error code */
        iretq

/*
 * user_enter(rip, rsp): starts user mode at rip with stack rsp and every
 * other register zero, by building the frame iretq expects.
 */
        .global user_enter
user_enter:
        pushq $(GDT_USER_DATA | 3)      /* ss */
        pushq %rsi                      /* rsp */
        pushq $(RFLAGS_FIXED | RFLAGS_IF) /* rflags: interrupts on (timer ticks) */
        pushq $(GDT_USER_CODE | 3)      /* cs */
        pushq %rdi                      /* rip */
        /* A clean FPU and SSE state: nothing of the previous program. */
        fninit
        pushq $0x1f80                   /* MXCSR's reset value */
        ldmxcsr (%rsp)
        addq $8, %rsp
        .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        pxor %xmm\r, %xmm\r
        .endr
        xorl %eax, %eax
        xorl %ebx, %ebx
        xorl %ecx, %ecx
        xorl %edx, %edx
        xorl %esi, %esi
        xorl %edi, %edi
        xorl %ebp, %ebp
        xorl %r8d, %r8d
        xorl %r9d, %r9d
        xorl %r10d, %r10d
        xorl %r11d, %r11d
        xorl %r12d, %r12d
        xorl %r13d, %r13d
        xorl %r14d, %r14d
        xorl %r15d, %r15d
        iretq
