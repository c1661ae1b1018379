/*
 * pagetable_test.c - tests of the page tables (suite "vmm"), kernel only.
 *
 * Every protection is checked by really touching memory and expecting the
 * CPU to fault (EXPECT_FAULT), not by reading page-table bits back.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/trap.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/pagetable.h"
#include "mm/test/hoard.h"
#include "test/ktest.h"

/* A lower-half address no test maps otherwise; far from everything. */
#define TEST_VA 0x0000004000000000ull

extern const char _text_start[], _rodata_start[], boot_stack_guard[];

static const char some_rodata[] = "read only";
static uint8_t some_data[64] __attribute__((aligned(16))) = {1};

static bool cpu_has_leaf7_ebx(unsigned bit)
{
	uint32_t a, b, c, d;
	cpuid(7, 0, &a, &b, &c, &d);
	return b & (1u << bit);
}

KTEST(vmm, kernel_text_is_read_execute)
{
	uint64_t pa;
	unsigned flags;
	ASSERT_TRUE(vmm_translate(vmm_kernel_space(), (uint64_t)_text_start, &pa, &flags));
	EXPECT_EQ(pa, (uint64_t)_text_start - KERNEL_VMA);
	EXPECT_TRUE(flags & VM_EXEC);
	EXPECT_FALSE(flags & VM_WRITE);
}

KTEST(vmm, write_to_kernel_text_faults)
{
	volatile uint8_t *code = (volatile uint8_t *)_text_start;
	EXPECT_FAULT(TRAP_PAGE_FAULT, *code = 0x90);
	EXPECT_EQ(ktest_last_fault()->address, (uint64_t)_text_start);
	EXPECT_EQ(ktest_last_fault()->error_code & (PF_PRESENT | PF_WRITE),
		  (uint64_t)(PF_PRESENT | PF_WRITE));
}

KTEST(vmm, write_to_rodata_faults)
{
	EXPECT_FAULT(TRAP_PAGE_FAULT, *(volatile char *)some_rodata = 'R');
	EXPECT_EQ(ktest_last_fault()->address, (uint64_t)some_rodata);
}

KTEST(vmm, data_is_not_executable)
{
	some_data[0] = 0xc3; /* ret */
	void (*fn)(void) = (void (*)(void))some_data;
	EXPECT_FAULT(TRAP_PAGE_FAULT, fn());
	EXPECT_EQ(ktest_last_fault()->address, (uint64_t)some_data);
	EXPECT_TRUE(ktest_last_fault()->error_code & PF_INSTR);
}

KTEST(vmm, identity_map_is_gone)
{
	EXPECT_FALSE(vmm_translate(vmm_kernel_space(), 0x100000, NULL, NULL));
	EXPECT_FAULT(TRAP_PAGE_FAULT, (void)*(volatile uint64_t *)0x100000);
}

KTEST(vmm, boot_stack_guard_page_is_unmapped)
{
	uint64_t guard = (uint64_t)boot_stack_guard;
	EXPECT_FALSE(vmm_translate(vmm_kernel_space(), guard, NULL, NULL));
	EXPECT_TRUE(vmm_translate(vmm_kernel_space(), guard + PAGE_SIZE, NULL, NULL));
	EXPECT_FAULT(TRAP_PAGE_FAULT, *(volatile char *)(guard + 100) = 1);
	EXPECT_EQ(ktest_last_fault()->address, guard + 100);
}

KTEST(vmm, direct_map_covers_all_ram)
{
	uint64_t last = pmm_ram_end() - PAGE_SIZE;
	uint64_t pa;
	unsigned flags;
	ASSERT_TRUE(vmm_translate(vmm_kernel_space(), (uint64_t)phys_to_virt(last), &pa, &flags));
	EXPECT_EQ(pa, last);
	EXPECT_TRUE(flags & VM_WRITE);
	EXPECT_FALSE(flags & VM_EXEC);
}

/* A fresh address space with one page mapped at TEST_VA, active. */
struct scratch {
	struct vmm_space space;
	uint64_t frame;
};

static void scratch_open(struct scratch *s, unsigned flags)
{
	ASSERT_EQ(vmm_space_create(&s->space), 0);
	s->frame = pmm_alloc_zeroed(0);
	ASSERT_NE(s->frame, 0u);
	ASSERT_EQ(vmm_map(&s->space, TEST_VA, s->frame, 1, flags | VM_OWNED), 0);
	vmm_activate(&s->space);
}

static void scratch_close(struct scratch *s)
{
	vmm_activate(vmm_kernel_space());
	vmm_space_destroy(&s->space);
}

KTEST(vmm, map_then_access_then_unmap)
{
	struct scratch s;
	scratch_open(&s, VM_WRITE);
	volatile uint64_t *p = (volatile uint64_t *)TEST_VA;
	*p = 0x1234;
	EXPECT_EQ(*(uint64_t *)phys_to_virt(s.frame), 0x1234u);
	uint64_t pa;
	EXPECT_TRUE(vmm_translate(&s.space, TEST_VA + 8, &pa, NULL));
	EXPECT_EQ(pa, s.frame + 8);
	EXPECT_EQ(vmm_unmap(&s.space, TEST_VA, 1), 1);
	EXPECT_FAULT(TRAP_PAGE_FAULT, (void)*p);
	EXPECT_EQ(ktest_last_fault()->address, TEST_VA);
	scratch_close(&s);
}

KTEST(vmm, protect_read_only_then_writable)
{
	struct scratch s;
	scratch_open(&s, VM_WRITE);
	volatile uint32_t *p = (volatile uint32_t *)TEST_VA;
	*p = 1;
	EXPECT_EQ(vmm_protect(&s.space, TEST_VA, 1, VM_READ), 1);
	EXPECT_FAULT(TRAP_PAGE_FAULT, *p = 2);
	EXPECT_EQ(ktest_last_fault()->error_code & (PF_PRESENT | PF_WRITE),
		  (uint64_t)(PF_PRESENT | PF_WRITE));
	EXPECT_EQ(*p, 1u);
	EXPECT_EQ(vmm_protect(&s.space, TEST_VA, 1, VM_READ | VM_WRITE), 1);
	*p = 3;
	EXPECT_EQ(*p, 3u);
	scratch_close(&s);
}

KTEST(vmm, nx_then_executable)
{
	struct scratch s;
	scratch_open(&s, VM_WRITE);
	*(volatile uint8_t *)TEST_VA = 0xc3; /* ret */
	void (*fn)(void) = (void (*)(void))TEST_VA;
	EXPECT_FAULT(TRAP_PAGE_FAULT, fn());
	EXPECT_TRUE(ktest_last_fault()->error_code & PF_INSTR);
	EXPECT_EQ(vmm_protect(&s.space, TEST_VA, 1, VM_READ | VM_EXEC), 1);
	fn(); /* returns: the page is now executable */
	scratch_close(&s);
}

KTEST(vmm, remap_is_seen_at_once)
{
	/* Without invlpg the CPU could keep using the old translation. */
	struct scratch s;
	scratch_open(&s, VM_WRITE);
	volatile uint64_t *p = (volatile uint64_t *)TEST_VA;
	*p = 111;
	uint64_t other = pmm_alloc_zeroed(0);
	ASSERT_NE(other, 0u);
	*(uint64_t *)phys_to_virt(other) = 222;
	EXPECT_EQ(vmm_unmap(&s.space, TEST_VA, 1), 1);
	EXPECT_EQ(vmm_map(&s.space, TEST_VA, other, 1, VM_WRITE | VM_OWNED), 0);
	EXPECT_EQ(*p, 222u);
	scratch_close(&s);
}

KTEST(vmm, smep_blocks_executing_user_pages)
{
	if (!cpu_has_leaf7_ebx(7))
		KTEST_SKIP("this CPU has no SMEP");
	EXPECT_TRUE(read_cr4() & CR4_SMEP);
	struct scratch s;
	scratch_open(&s, VM_WRITE | VM_USER | VM_EXEC);
	uint64_t flags = 0;
	__asm__ volatile("stac");
	*(volatile uint8_t *)TEST_VA = 0xc3;
	__asm__ volatile("clac");
	void (*fn)(void) = (void (*)(void))TEST_VA;
	EXPECT_FAULT(TRAP_PAGE_FAULT, fn());
	flags = ktest_last_fault()->error_code;
	EXPECT_EQ(flags & (PF_PRESENT | PF_INSTR), (uint64_t)(PF_PRESENT | PF_INSTR));
	scratch_close(&s);
}

KTEST(vmm, smap_blocks_touching_user_pages)
{
	if (!cpu_has_leaf7_ebx(20))
		KTEST_SKIP("this CPU has no SMAP");
	EXPECT_TRUE(read_cr4() & CR4_SMAP);
	struct scratch s;
	scratch_open(&s, VM_WRITE | VM_USER);
	volatile uint64_t *p = (volatile uint64_t *)TEST_VA;
	EXPECT_FAULT(TRAP_PAGE_FAULT, (void)*p);
	EXPECT_EQ(ktest_last_fault()->error_code & PF_PRESENT, (uint64_t)PF_PRESENT);
	/* With EFLAGS.AC set (stac), as copy_from_user will do, it works. */
	__asm__ volatile("stac");
	*p = 7;
	uint64_t v = *p;
	__asm__ volatile("clac");
	EXPECT_EQ(v, 7u);
	scratch_close(&s);
}

KTEST(vmm, empty_page_tables_are_freed)
{
	struct vmm_space space;
	ASSERT_EQ(vmm_space_create(&space), 0);
	uint64_t before = pmm_free_frames();
	uint64_t frame = pmm_alloc(0);
	ASSERT_NE(frame, 0u);
	ASSERT_EQ(vmm_map(&space, TEST_VA, frame, 1, VM_WRITE | VM_OWNED), 0);
	EXPECT_EQ(vmm_table_pages(&space), 3u); /* PDPT, PD, PT */
	EXPECT_EQ(pmm_free_frames(), before - 4);
	EXPECT_EQ(vmm_unmap(&space, TEST_VA, 1), 1);
	EXPECT_EQ(vmm_table_pages(&space), 0u);
	EXPECT_EQ(pmm_free_frames(), before); /* frame and all three tables back */
	vmm_space_destroy(&space);
}

KTEST(vmm, unmap_large_range_with_holes)
{
	/* 600 pages over two page tables, every other page mapped: the
	 * flush goes past INVLPG_MAX, so the full-flush path runs. */
	struct vmm_space space;
	ASSERT_EQ(vmm_space_create(&space), 0);
	vmm_activate(&space);
	for (uint64_t i = 0; i < 600; i += 2) {
		uint64_t f = pmm_alloc(0);
		ASSERT_NE(f, 0u);
		ASSERT_EQ(vmm_map(&space, TEST_VA + i * PAGE_SIZE, f, 1, VM_WRITE | VM_OWNED), 0);
		*(volatile uint64_t *)(TEST_VA + i * PAGE_SIZE) = i;
	}
	EXPECT_EQ(*(volatile uint64_t *)(TEST_VA + 598 * PAGE_SIZE), 598u);
	EXPECT_EQ(vmm_unmap(&space, TEST_VA, 600), 300);
	EXPECT_FAULT(TRAP_PAGE_FAULT, (void)*(volatile uint64_t *)(TEST_VA + 598 * PAGE_SIZE));
	EXPECT_EQ(vmm_table_pages(&space), 0u);
	vmm_activate(vmm_kernel_space());
	vmm_space_destroy(&space);
}

KTEST(vmm, map_errors)
{
	struct vmm_space space;
	ASSERT_EQ(vmm_space_create(&space), 0);
	uint64_t f = pmm_alloc(0);
	ASSERT_NE(f, 0u);
	EXPECT_EQ(vmm_map(&space, TEST_VA + 1, f, 1, VM_WRITE), -EINVAL);
	EXPECT_EQ(vmm_map(&space, 0x0000800000000000ull, f, 1, VM_WRITE), -EINVAL);
	EXPECT_EQ(vmm_map(&space, TEST_VA, f + 5, 1, VM_WRITE), -EINVAL);
	EXPECT_EQ(vmm_map(&space, TEST_VA, f, 0, VM_WRITE), -EINVAL);
	EXPECT_EQ(vmm_map(&space, 0x00007ffffffff000ull, f, 2, VM_WRITE), -EINVAL);
	EXPECT_EQ(vmm_map(&space, TEST_VA, f, 1, VM_WRITE | VM_OWNED), 0);
	EXPECT_EQ(vmm_map(&space, TEST_VA, f, 1, VM_WRITE), -EEXIST);
	EXPECT_EQ(vmm_unmap(&space, TEST_VA + 3, 1), -EINVAL);
	EXPECT_EQ(vmm_unmap(&space, TEST_VA + PAGE_SIZE, 1), 0); /* a hole */
	vmm_space_destroy(&space); /* frees f too: it was mapped VM_OWNED */
}

KTEST(vmm, map_out_of_memory_leaves_nothing)
{
	struct vmm_space space;
	ASSERT_EQ(vmm_space_create(&space), 0);
	uint64_t frame = pmm_alloc(0);
	ASSERT_NE(frame, 0u);
	/* Take every free frame, so the tables cannot be allocated. */
	uint64_t taken = hoard_take_all();
	EXPECT_EQ(pmm_free_frames(), 0u);
	EXPECT_EQ(vmm_map(&space, TEST_VA, frame, 1, VM_WRITE), -ENOMEM);
	EXPECT_FALSE(vmm_translate(&space, TEST_VA, NULL, NULL));
	hoard_release();
	EXPECT_GT(taken, 0u);
	pmm_free(frame, 0);
	vmm_space_destroy(&space);
}

KTEST(vmm, destroy_frees_everything)
{
	uint64_t before = pmm_free_frames();
	struct vmm_space space;
	ASSERT_EQ(vmm_space_create(&space), 0);
	for (uint64_t i = 0; i < 8; i++) {
		uint64_t f = pmm_alloc(0);
		ASSERT_NE(f, 0u);
		/* spread over several PDPT entries: one table chain each */
		ASSERT_EQ(vmm_map(&space, TEST_VA + i * (1ull << 30), f, 1, VM_WRITE | VM_OWNED),
			  0);
	}
	EXPECT_LT(pmm_free_frames(), before);
	vmm_space_destroy(&space);
	EXPECT_EQ(pmm_free_frames(), before);
}

KTEST(vmm, new_space_shares_the_kernel_half)
{
	struct vmm_space space;
	ASSERT_EQ(vmm_space_create(&space), 0);
	uint64_t pa1, pa2;
	ASSERT_TRUE(vmm_translate(&space, (uint64_t)_text_start, &pa1, NULL));
	ASSERT_TRUE(vmm_translate(vmm_kernel_space(), (uint64_t)_text_start, &pa2, NULL));
	EXPECT_EQ(pa1, pa2);
	EXPECT_FALSE(vmm_translate(&space, TEST_VA, NULL, NULL));
	vmm_space_destroy(&space);
}

/* Recurses until the stack runs out (the limit is never reached). */
static __attribute__((noinline)) int recurse_deep(int depth, int limit)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	if (depth == limit)
		return frame[0];
	return recurse_deep(depth + 1, limit) + frame[0];
}

KTEST(vmm, boot_stack_overflow_hits_the_guard_page)
{
	/* The overflow faults on the guard page; the CPU cannot push the page
	 * fault's frame on the exhausted stack either, so it raises a double
	 * fault, which runs on its own stack (IST 1) and can be reported. */
	EXPECT_FAULT(TRAP_DOUBLE_FAULT, recurse_deep(0, 1 << 30));
	const char *stack = NULL;
	EXPECT_TRUE(gdt_stack_guard_hit(ktest_last_fault()->address, &stack));
	EXPECT_STREQ(stack, "boot stack");
}

KTEST(vmm, process_kernel_stack_has_a_guard_page)
{
	EXPECT_FALSE(vmm_translate(vmm_kernel_space(), KSTACK_GUARD, NULL, NULL));
	const char *stack = NULL;
	EXPECT_TRUE(gdt_stack_guard_hit(KSTACK_GUARD + 8, &stack));
	EXPECT_STREQ(stack, "process kernel stack");
}
