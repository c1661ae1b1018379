/*
 * interlude/memlayout.h - the numbers of a user address space that user
 * programs may rely on, with Linux's x86-64 values (4-level paging).
 *
 * The kernel gives them its own names in kernel/arch/x86_64/memlayout.h
 * (PAGE_SIZE, TASK_SIZE, MMAP_MIN_ADDR, STACK_TOP); the C library and the
 * freestanding test runtime (tests/user/rt) read them from here. Only
 * #defines, without type suffixes, so the assembler can read them too.
 */
#ifndef INTERLUDE_MEMLAYOUT_H
#define INTERLUDE_MEMLAYOUT_H

/* A page: the unit of mapping and protection (AT_PAGESZ, sysconf). */
#define INTERLUDE_PAGE_SHIFT 12
#define INTERLUDE_PAGE_SIZE 4096

/*
 * The first address user space cannot have: Linux's TASK_SIZE, the lower
 * half (2^47) minus its last page, which is never mapped so that no user
 * access can run over into the non-canonical hole.
 */
#define INTERLUDE_TASK_SIZE 0x7ffffffff000

/* Nothing is ever mapped below 64 KiB (Linux's vm.mmap_min_addr is 4096 or 65536). */
#define INTERLUDE_MMAP_MIN_ADDR 0x10000

/* The stack's highest byte is just below this (no randomisation). */
#define INTERLUDE_STACK_TOP INTERLUDE_TASK_SIZE

#endif
