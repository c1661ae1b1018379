/*
 * entry32.S - from GRUB to 64-bit long mode.
 *
 * GRUB jumps to _start in 32-bit protected mode with paging off,
 * %eax = multiboot2 magic and %ebx = physical address of the multiboot2
 * information (QEMU's direct boot comes the same way through _start_pvh,
 * with the PVH magic and its start_info: boot/pvh_note.S). This code runs at its physical (load) address. It:
 *   1. checks the magic and that the CPU has CPUID, long mode and NX,
 *      printing a clear message on COM1 and halting if not;
 *   2. zeroes the kernel's .bss;
 *   3. builds the boot page tables:
 *        - identity map of the first GiB (2 MiB pages), so this code keeps
 *          running once paging is on; removed later by the kernel,
 *        - the same GiB at DIRECT_MAP_BASE (the start of the direct map),
 *        - the kernel image at KERNEL_VMA with 4 KiB pages, leaving the
 *          page below the boot stack unmapped: the stack's guard page;
 *   4. enables PAE, long mode, NX (EFER.NXE), paging and ring-0 write
 *      protection, loads a 64-bit GDT and far-jumps to 64-bit code.
 */
#include "arch/x86_64/cpu_bits.h"
#include "arch/x86_64/memlayout.h"

#define MB2_BOOT_MAGIC 0x36d76289
#define PVH_START_MAGIC 0x336ec578
#define COM1 0x3f8
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

        .section .boot.text, "ax"
        .code32
        .global _start
_start:
        cli
        cld
        movl $boot_stack32_top, %esp
        movl %eax, boot_mb_magic
        movl %ebx, boot_mb_info

        call early_serial_init

        cmpl $MB2_BOOT_MAGIC, %eax
        je .Lmagic_ok
        cmpl $PVH_START_MAGIC, %eax     /* from _start_pvh (boot/pvh_note.S) */
        jne .Lno_multiboot
.Lmagic_ok:

        /* CPUID exists if the ID flag of EFLAGS can be flipped. */
        pushfl
        popl %eax
        movl %eax, %ecx
        xorl $RFLAGS_ID, %eax
        pushl %eax
        popfl
        pushfl
        popl %eax
        pushl %ecx
        popfl
        cmpl %eax, %ecx
        je .Lno_long_mode

        movl $0x80000000, %eax
        cpuid
        cmpl $0x80000001, %eax
        jb .Lno_long_mode
        movl $0x80000001, %eax
        cpuid
        testl $(1 << 29), %edx          /* LM: long mode */
        jz .Lno_long_mode
        testl $(1 << 20), %edx          /* NX: no-execute pages */
        jz .Lno_nx

        /* Zero the kernel's .bss (physical addresses; paging is off). */
        movl $(_bss_start - KERNEL_VMA), %edi
        movl $(_bss_end - KERNEL_VMA), %ecx
        subl %edi, %ecx
        shrl $2, %ecx
        xorl %eax, %eax
        rep stosl

        call build_boot_page_tables

        movl %cr4, %eax
        orl $CR4_PAE, %eax
        movl %eax, %cr4

        movl $boot_pml4, %eax
        movl %eax, %cr3

        movl $MSR_EFER, %ecx
        rdmsr
        orl $(EFER_LME | EFER_NXE), %eax
        wrmsr

        movl %cr0, %eax
        orl $(CR0_PG | CR0_WP | CR0_PE), %eax
        movl %eax, %cr0

        lgdt boot_gdt_ptr
        ljmp $0x08, $entry64

.Lno_multiboot:
        movl $msg_no_multiboot, %esi
        jmp .Lfail
.Lno_long_mode:
        movl $msg_no_long_mode, %esi
        jmp .Lfail
.Lno_nx:
        movl $msg_no_nx, %esi
.Lfail:
        call early_puts
1:      hlt
        jmp 1b

/* build_boot_page_tables: fill the tables described at the top of the file. */
build_boot_page_tables:
        /* PML4: [0] identity, [256] direct map (same tables), [511] kernel */
        movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4
        movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4 + 256 * 8
        movl $(boot_pdpt_high + PTE_P + PTE_W), boot_pml4 + 511 * 8
        movl $(boot_pd_low + PTE_P + PTE_W), boot_pdpt_low
        movl $(boot_pd_high + PTE_P + PTE_W), boot_pdpt_high + 510 * 8

        /* First GiB with 2 MiB pages. */
        xorl %ecx, %ecx
1:      movl %ecx, %eax
        shll $21, %eax
        orl $(PTE_P + PTE_W + PTE_PS), %eax
        movl %eax, boot_pd_low(, %ecx, 8)
        incl %ecx
        cmpl $512, %ecx
        jne 1b

        /* Kernel image: 4 page tables = 8 MiB of 4 KiB pages. */
        xorl %ecx, %ecx
2:      movl %ecx, %eax
        shll $12, %eax
        addl $(boot_pt_kernel + PTE_P + PTE_W), %eax
        movl %eax, boot_pd_high(, %ecx, 8)
        incl %ecx
        cmpl $(BOOT_KERNEL_MAP_SIZE >> 21), %ecx
        jne 2b

        movl $(boot_stack_guard - KERNEL_VMA), %edx
        shrl $12, %edx
        xorl %ecx, %ecx
3:      cmpl %edx, %ecx
        je 4f                           /* the guard page stays unmapped */
        movl %ecx, %eax
        shll $12, %eax
        orl $(PTE_P + PTE_W), %eax
        movl %eax, boot_pt_kernel(, %ecx, 8)
4:      incl %ecx
        cmpl $(BOOT_KERNEL_MAP_SIZE >> 12), %ecx
        jne 3b
        ret

/* early_serial_init: COM1 at 115200 baud, 8N1, FIFO on. Keeps %eax. */
early_serial_init:
        pushl %eax
        movw $(COM1 + 1), %dx
        movb $0x00, %al                 /* no interrupts */
        outb %al, %dx
        movw $(COM1 + 3), %dx
        movb $0x80, %al                 /* DLAB on */
        outb %al, %dx
        movw $(COM1 + 0), %dx
        movb $0x01, %al                 /* divisor 1: 115200 baud */
        outb %al, %dx
        movw $(COM1 + 1), %dx
        movb $0x00, %al
        outb %al, %dx
        movw $(COM1 + 3), %dx
        movb $0x03, %al                 /* 8 bits, no parity, 1 stop */
        outb %al, %dx
        movw $(COM1 + 2), %dx
        movb $0xc7, %al                 /* FIFO on and cleared */
        outb %al, %dx
        popl %eax
        ret

/* early_puts: write the NUL-terminated string at %esi to COM1. */
early_puts:
1:      lodsb
        testb %al, %al
        jz 3f
        movb %al, %bl
        movw $(COM1 + 5), %dx
2:      inb %dx, %al
        testb $0x20, %al                /* transmitter holding register empty */
        jz 2b
        movw $COM1, %dx
        movb %bl, %al
        outb %al, %dx
        jmp 1b
3:      ret

        .code64
entry64:
        movw $0x10, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %ss
        xorw %ax, %ax
        movw %ax, %fs
        movw %ax, %gs
        movabsq $kernel_entry_high, %rax
        jmp *%rax

        .section .boot.data, "aw"
        .balign 8
        .global boot_mb_magic, boot_mb_info
boot_mb_magic:  .long 0
boot_mb_info:   .long 0

boot_gdt:
        .quad 0                         /* null */
        .quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
        .quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
        .short boot_gdt_end - boot_gdt - 1
        .long boot_gdt

msg_no_multiboot:
        .asciz "Interlude: not started by a multiboot2 loader (bad magic in %eax); halting.\r\n"
msg_no_long_mode:
        .asciz "Interlude: this CPU does not support 64-bit long mode; use qemu-system-x86_64 (e.g. -cpu max). Halting.\r\n"
msg_no_nx:
        .asciz "Interlude: this CPU lacks the NX (no-execute) page bit, which Interlude requires; use -cpu max. Halting.\r\n"

        .section .boot.bss, "aw", @nobits
        .balign 4096
        .global boot_pml4
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd_low:    .skip 4096
boot_pd_high:   .skip 4096
boot_pt_kernel: .skip 4096 * (BOOT_KERNEL_MAP_SIZE >> 21)
boot_stack32:   .skip 1024
boot_stack32_top:
