/*
 * entry64.S - first code in the higher half.
 *
 * entry32.S jumps here once long mode is on. We switch to the boot stack
 * (whose lower neighbour is an unmapped guard page), clear %rbp so that
 * backtraces stop here, and call kernel_main(magic, multiboot2 info).
 */
        .section .text
        .global kernel_entry_high
kernel_entry_high:
        movabsq $boot_stack_top, %rsp
        xorl %ebp, %ebp
        movl boot_mb_magic, %edi
        movl boot_mb_info, %esi
        call kernel_main
1:      cli
        hlt
        jmp 1b

        .section .bss
        .balign 4096
        .global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
        .skip 4096
boot_stack_bottom:
        .skip 16384
boot_stack_top:
