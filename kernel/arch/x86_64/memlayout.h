/*
 * memlayout.h - where things live in the virtual address space: the one
 * header for the page size and the layout's boundaries.
 *
 *   0x0000000000000000 .. 0x00007fffffffefff   user space (below TASK_SIZE)
 *   0x00007ffffffff000 .. 0x00007fffffffffff   the lower half's last page: never mapped
 *   0xffff800000000000 .. (+ RAM size)         direct map of all RAM
 *   0xffffff0000000000 .. (+ 64 x 20 KiB)      process kernel stacks (each + guard)
 *   0xffffff7ffffff000 .. 0xffffff7fffffffff   the local APIC's registers
 *   0xffffffff80000000 .. (+ 8 MiB)            the kernel image
 *
 * The direct map lets the kernel reach any physical address p at
 * p + DIRECT_MAP_BASE; the kernel image is linked at KERNEL_VMA + its
 * physical load address (see linker.ld). This header is shared with the
 * assembly boot code, so it holds #defines only.
 */
#ifndef ARCH_X86_64_MEMLAYOUT_H
#define ARCH_X86_64_MEMLAYOUT_H

#include <interlude/memlayout.h>

/* The user-visible numbers come from abi/ (the libc and tests read them too). */
#define PAGE_SHIFT INTERLUDE_PAGE_SHIFT
#ifdef __ASSEMBLER__
#define PAGE_SIZE INTERLUDE_PAGE_SIZE
#else
#define PAGE_SIZE                                                                                  \
	((unsigned long)INTERLUDE_PAGE_SIZE) /* unsigned: no int overflow in n * PAGE_SIZE */
#endif
#define PAGE_MASK (PAGE_SIZE - 1)

/*
 * User space is [0, TASK_SIZE): mmap, brk, the stack and every user copy
 * stop there (layout.address-space-limits, mmap.top-of-user-space).
 */
#define TASK_SIZE INTERLUDE_TASK_SIZE
/* The lower half, 2^47: what the page tables can hold below the hole. */
#define LOWER_HALF_END 0x0000800000000000
#define MMAP_MIN_ADDR INTERLUDE_MMAP_MIN_ADDR
#define STACK_TOP INTERLUDE_STACK_TOP

#define KERNEL_VMA 0xffffffff80000000
#define DIRECT_MAP_BASE 0xffff800000000000

/* PML4[510]: kernel mappings made after boot. Each process-table slot has
 * its kernel stack here, KSTACK_PAGES above an unmapped guard page of its
 * own, so that an overflow faults instead of corrupting the stack below.
 * The KSTACK_SLOTS slots fit in one page table (2 MiB), made at boot. */
#define KSTACK_GUARD 0xffffff0000000000 /* slot 0's guard page */
#define KSTACK_PAGES 4
#define KSTACK_SLOTS 64
#define KSTACK_SLOT_SIZE ((KSTACK_PAGES + 1) * PAGE_SIZE)
#define KSTACK_SLOT_BASE(i) (KSTACK_GUARD + (i)*KSTACK_SLOT_SIZE + PAGE_SIZE)
#define KSTACK_SLOT_TOP(i) (KSTACK_SLOT_BASE(i) + KSTACK_PAGES * PAGE_SIZE)
#define KSTACK_AREA_END (KSTACK_GUARD + KSTACK_SLOTS * KSTACK_SLOT_SIZE)

/* The local APIC's registers (one page of device memory, lapic.c): the
 * last page of PML4[510], far from the kernel stacks at its start. */
#define LAPIC_MMIO_VA 0xffffff7ffffff000

/* How much physical memory the boot page tables cover. */
#define BOOT_KERNEL_MAP_SIZE 0x800000	/* kernel image, 4 KiB pages */
#define BOOT_DIRECT_MAP_SIZE 0x40000000 /* first GiB, 2 MiB pages */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Returns the kernel virtual address of physical address p (direct map). */
static inline void *phys_to_virt(uint64_t p)
{
	return (void *)(p + DIRECT_MAP_BASE);
}

/* Returns the physical address behind a direct-map or kernel-image address. */
static inline uint64_t virt_to_phys(const void *v)
{
	uint64_t a = (uint64_t)v;
	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - DIRECT_MAP_BASE;
}
#endif

#endif
