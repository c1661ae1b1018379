/*
 * pvh_note.S - the note that lets QEMU start the kernel without GRUB.
 *
 * QEMU's -kernel option boots an ELF file directly when it carries a
 * "PVH" note (the x86/HVM direct boot ABI, from Xen): the note holds the
 * physical address of a 32-bit entry point. QEMU loads the segments at
 * their physical addresses and jumps there in 32-bit protected mode with
 * paging off, %ebx pointing at an hvm_start_info structure (kernel/boot/
 * pvh.h) that holds the memory map. That is the state GRUB leaves, so
 * _start_pvh only says which structure %ebx points at and goes on as
 * _start does. make test boots this way (no BIOS disk, no GRUB: most of a
 * second less per boot); make run and the ISOs boot through GRUB.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define PVH_START_MAGIC 0x336ec578

        .section .note.pvh, "a", @note
        .balign 4
        .long 4                         /* name size: "Xen\0" */
        .long 4                         /* descriptor size */
        .long XEN_ELFNOTE_PHYS32_ENTRY
        .asciz "Xen"
        .long _start_pvh                /* a physical address */

        .section .boot.text, "ax"
        .code32
        .global _start_pvh
_start_pvh:
        movl $PVH_START_MAGIC, %eax
        jmp _start
