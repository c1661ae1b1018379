/*
 * uaccess_copy.S - the user-copy instruction and its fixup.
 *
 * size_t uaccess_copy(void *dst, const void *src, size_t n)
 * copies with "rep movsb" and returns the number of bytes NOT copied: 0
 * normally, or what was left in %rcx when a fault stopped it. The pair
 * (faulting instruction, fixup) is recorded in the ex_table section, which
 * uaccess_fixup() searches.
 */
        .text
        .global uaccess_copy
uaccess_copy:
        movq %rdx, %rcx
        stac                            /* allow user pages (SMAP) */
1:      rep movsb
2:      clac
        movq %rcx, %rax
        ret

        .section ex_table, "a"
        .balign 8
        .quad 1b, 2b
