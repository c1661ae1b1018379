/*
 * kernel_map.c - the kernel's own page tables, built once at boot.
 *
 * Theory of operation. The boot code (boot/entry32.S) left rough tables:
 * an identity map, the first GiB of the direct map and the kernel image
 * all writable and executable. vmm_init replaces them with tables that
 * give every region only the rights it needs:
 *
 *   PML4[256]  direct map: all RAM at DIRECT_MAP_BASE, read/write, NX,
 *              with 1 GiB pages (2 MiB if the CPU lacks them)
 *   PML4[510]  an empty PDPT reserved for later kernel mappings
 *   PML4[511]  the kernel image, 4 KiB pages, per section:
 *              .text R X, .rodata R, .data RW, .ksyms R, .bss RW;
 *              the boot stack's guard page is left unmapped
 *
 * and nothing in the lower half. The kernel-half PDPTs are created here
 * once and never change, so copying PML4 entries 256..511 gives every
 * address space the same kernel (vmm_space_create).
 *
 * These tables cannot come from the frame allocator alone: until they are
 * active only the first GiB of RAM is reachable, and the frame allocator
 * may hand out frames above it. So they come from a small pool inside the
 * kernel image (bss), which is always reachable.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pagewalk.h"
#include "arch/x86_64/pte.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/pagetable.h"

#define POOL_PAGES 40
#define GIB (1ull << 30)

static uint8_t pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned pool_used;
static struct vmm_space kernel_space;

extern const char _kernel_start[], _rodata_start[], _data_start[], _ksyms_start[];
extern const char _bss_start[], _kernel_end[], boot_stack_guard[];

struct vmm_space *vmm_kernel_space(void)
{
	return &kernel_space;
}

/* Returns the physical address of a zeroed table page from the pool. */
static uint64_t pool_table(void)
{
	if (pool_used == POOL_PAGES)
		panic("vmm: the boot page-table pool (%d pages) is too small for this much RAM",
		      POOL_PAGES);
	return virt_to_phys(pool[pool_used++]);
}

/* Maps [0, end) of physical memory at DIRECT_MAP_BASE with big pages. */
static void map_direct(uint64_t pml4, uint64_t end, bool gib_pages)
{
	if (end > 512 * GIB)
		panic("vmm: %lu GiB of RAM is more than the 512 GiB direct map",
		      (unsigned long)(end / GIB));
	/* A 1 GiB page is an entry of a PDPT (level 2), a 2 MiB one of a PD. */
	int level = gib_pages ? 2 : 1;
	uint64_t step = pte_span(level);
	uint64_t leaf = PTE_P | PTE_W | PTE_NX | PTE_PS;
	for (uint64_t pa = 0; pa < end; pa += step)
		*pagewalk_entry(pml4, DIRECT_MAP_BASE + pa, level, pool_table, NULL) = pa | leaf;
}

/* Returns the leaf bits for the kernel-image page at va. */
static uint64_t image_bits(uint64_t va)
{
	if (va < (uint64_t)_rodata_start)
		return PTE_P; /* text: read + execute */
	if (va < (uint64_t)_data_start)
		return PTE_P | PTE_NX; /* rodata */
	if (va < (uint64_t)_ksyms_start)
		return PTE_P | PTE_W | PTE_NX; /* data */
	if (va < (uint64_t)_bss_start)
		return PTE_P | PTE_NX; /* symbol table */
	return PTE_P | PTE_W | PTE_NX; /* bss */
}

/* Maps the kernel image page by page, each with its section's rights. */
static void map_image(uint64_t pml4)
{
	for (uint64_t va = (uint64_t)_kernel_start; va < (uint64_t)_kernel_end; va += PAGE_SIZE) {
		if (va == (uint64_t)boot_stack_guard)
			continue;
		*pagewalk_entry(pml4, va, 0, pool_table, NULL) = (va - KERNEL_VMA) | image_bits(va);
	}
}

/* Turns on the CPU's protections of kernel against user memory. */
static void enable_protections(void)
{
	uint32_t a, b, c, d;
	cpuid(7, 0, &a, &b, &c, &d);
	uint64_t cr4 = read_cr4();
	if (b & (1u << 7))
		cr4 |= CR4_SMEP; /* no executing user pages in ring 0 */
	if (b & (1u << 20))
		cr4 |= CR4_SMAP; /* no touching user pages in ring 0 without stac */
	write_cr4(cr4);
}

void vmm_init(void)
{
	uint32_t a, b, c, d;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	bool gib_pages = d & (1u << 26);

	uint64_t pml4_phys = pool_table();
	map_direct(pml4_phys, pmm_ram_end(), gib_pages);
	/* PML4[510], with the tables of the process kernel stack made now so
	 * that mapping it later allocates nothing (and never leaks). */
	pagewalk_entry(pml4_phys, KSTACK_GUARD, 0, pool_table, NULL);
	map_image(pml4_phys);

	kernel_space.pml4_phys = pml4_phys;
	write_cr3(pml4_phys);
	pmm_set_direct_map_end(pmm_ram_end()); /* phys_to_virt now reaches all RAM */
	enable_protections();
	kprintf("vmm: direct map of %lu MiB with %s pages; kernel image W^X; %u page-table "
		"pages\n",
		pmm_ram_end() >> 20, gib_pages ? "1 GiB" : "2 MiB", pool_used);
}
