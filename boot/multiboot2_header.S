/*
 * multiboot2_header.S - the header GRUB looks for in the first 32 KiB.
 *
 * It asks for nothing fancy: the entry point is given explicitly (so GRUB
 * does not have to guess it from the ELF header) and GRUB hands us the
 * multiboot2 information structure in %ebx with the magic in %eax.
 * See the Multiboot2 specification, section 3.1.
 */
#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_TAG_END 0
#define MB2_TAG_ENTRY 3

        .section .multiboot2, "a"
        .balign 8
mb2_header:
        .long MB2_MAGIC
        .long MB2_ARCH_I386
        .long mb2_header_end - mb2_header
        .long 0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

        /* entry address tag: jump to _start (a physical address) */
        .balign 8
        .short MB2_TAG_ENTRY, 0
        .long 12
        .long _start

        .balign 8
        .short MB2_TAG_END, 0
        .long 8
mb2_header_end:
