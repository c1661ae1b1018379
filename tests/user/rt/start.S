/*
 * start.S - the smallest C runtime for Interlude's freestanding test
 * programs (the real libc will replace it): _start passes the initial
 * stack pointer (argc, argv, envp, auxv per the System V ABI) to
 * start_c(), which calls main and exits with its value.
 */
        .text
        .global _start
_start:
        xorl %ebp, %ebp
        movq %rsp, %rdi
        andq $-16, %rsp
        call start_c
        hlt

        .section .note.GNU-stack, "", @progbits
