/*
 * user_images.S - user test programs built into the kernel image, so that
 * self-tests can run them as processes (kernel/proc/test/proc_test.c).
 * The Makefile builds them from tests/user/ and adds their directory to
 * the assembler's include path, where .incbin looks for them.
 */
#define IMAGE(name)                             \
        .global user_##name##_start;            \
        .global user_##name##_end;              \
        .balign 16;                             \
user_##name##_start:                            \
        .incbin #name;                          \
user_##name##_end:

        .section .rodata
IMAGE(hello)
IMAGE(fault_null)
IMAGE(fault_write_text)
IMAGE(abi_check)
IMAGE(oom_touch)
IMAGE(mm_brk)
IMAGE(mm_mmap)
IMAGE(mm_munmap)
IMAGE(mm_mprotect)
IMAGE(mm_uaccess)
IMAGE(mm_dirty)
IMAGE(mm_fresh)
IMAGE(fault_exec_data)
IMAGE(fault_write_rdonly)
IMAGE(fault_read_none)
IMAGE(fault_read_unmapped)
IMAGE(fault_noncanonical)
IMAGE(fault_poison)
IMAGE(fault_freed_pointer)
IMAGE(fault_kernel_read)
IMAGE(fault_stack_overflow)
IMAGE(fault_div_zero)
IMAGE(fault_ud2)
IMAGE(fault_int3)
