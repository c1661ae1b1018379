/*
 * crt0.S - a program's first instructions. The kernel enters _start with
 * rsp at the System V initial stack: argc, argv[0..argc-1], NULL,
 * envp[...], NULL, then the auxiliary vector (type, value pairs ending in
 * AT_NULL). _start marks the outermost frame (rbp = 0), aligns the stack
 * to 16 bytes as the ABI wants before a call, and hands that stack
 * pointer to __libc_start (libc/start/libc_start.c), which never returns.
 */
        .text
        .global _start
        .type _start, @function
_start:
        xorl %ebp, %ebp
        movq %rsp, %rdi
        andq $-16, %rsp
        call __libc_start
        hlt
        .size _start, . - _start

        .section .note.GNU-stack, "", @progbits
