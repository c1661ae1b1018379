/*
 * pte.h - the bits of an x86-64 page-table entry (Intel SDM vol. 3, 4.5).
 *
 * Every level (PML4, PDPT, PD, PT) holds 512 such 64-bit entries. A
 * virtual address is split into four 9-bit indexes, one per level, and a
 * 12-bit offset in the page:
 *
 *   63     48 47   39 38   30 29   21 20   12 11        0
 *   [ sign  ][ PML4 ][ PDPT ][  PD  ][  PT  ][  offset  ]
 */
#ifndef ARCH_X86_64_PTE_H
#define ARCH_X86_64_PTE_H

#include <stdint.h>

#define PTE_P (1ull << 0)     /* present */
#define PTE_W (1ull << 1)     /* writable */
#define PTE_U (1ull << 2)     /* user-accessible */
#define PTE_PWT (1ull << 3)   /* write-through */
#define PTE_PCD (1ull << 4)   /* cache disabled (device registers) */
#define PTE_A (1ull << 5)     /* accessed (set by the CPU) */
#define PTE_D (1ull << 6)     /* dirty (set by the CPU) */
#define PTE_PS (1ull << 7)    /* in a PDPT or PD: a 1 GiB or 2 MiB page */
#define PTE_OWNED (1ull << 9) /* software bit: vmm frees the frame on unmap */
/*
 * Software bit: copy-on-write. The frame may be shared with other address
 * spaces (after fork), so the entry is kept read-only even where its area
 * is writable; a write faults, and the fault handler copies the frame (or,
 * when no one else has it any more, just makes the entry writable). Bits
 * 9-11 of a present entry are ignored by the CPU, free for the OS.
 */
#define PTE_COW (1ull << 10)
#define PTE_NX (1ull << 63) /* no execute (needs EFER.NXE) */
#define PTE_ADDR 0x000ffffffffff000ull

#define PT_ENTRIES 512

/* Returns the index of va in the table at `level` (3 = PML4 ... 0 = PT). */
static inline unsigned pte_index(uint64_t va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

/* Returns how many bytes one entry at `level` maps (4K, 2M, 1G, 512G). */
static inline uint64_t pte_span(int level)
{
	return 1ull << (12 + 9 * level);
}

#endif
