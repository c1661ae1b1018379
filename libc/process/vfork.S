/*
 * vfork.S - vfork(2). With Linux's vfork the child runs on the parent's
 * own memory, stack included, until it calls execve or _exit: if vfork
 * were a C function, the child's return from it and its next calls would
 * overwrite the frame the parent is to return through. So the return
 * address is taken off the stack into a register before the system call
 * and put back after it, on both sides, as glibc and musl do. (Interlude
 * gives the child a copy of the memory, where this is not needed, but
 * the same binary runs on Linux.)
 */
        .text
        .global vfork
        .type vfork, @function
vfork:
        popq %rdx                       /* the return address */
        movl $58, %eax                  /* SYS_vfork */
        syscall
        pushq %rdx
        cmpq $-4095, %rax
        jae 1f
        ret
1:      movq %rax, %rdi                 /* -errno: -1 with errno set */
        jmp __syscall_ret
        .size vfork, . - vfork
        .section .note.GNU-stack, "", @progbits
