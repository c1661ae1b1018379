/*
 * ptperm_test.c - the rights the page tables give (suite "ptperm"),
 * kernel only; graded by the pagetables lab (docs/labs/pagetables.md).
 *
 * The CPU ANDs the rights of the four levels: a page is reachable from
 * user mode only if U is set at every level, writable only if W is set at
 * every level, executable only if no level sets NX. These tests read the
 * entries back through the same four levels and judge the page as the
 * CPU would: a user page is never writable and executable, read-only data
 * is not executable, and nothing in the kernel half carries U.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "mm/pagetable.h"
#include "mm/pmm.h"
#include "test/ktest.h"

#define PERM_VA 0x0000005000000000ull /* lower half, used by no other test */
/* The kernel half: the last page of the page table made at boot for the
 * kernel stacks (memlayout.h), past the last stack, so that mapping it
 * makes no table. */
#define KPERM_VA (KSTACK_GUARD + (2ull << 20) - PAGE_SIZE)

_Static_assert(KSTACK_AREA_END <= KPERM_VA, "KPERM_VA must lie past the kernel stacks");

/* What the four levels give one page, as the CPU sees them. */
struct rights {
	bool mapped, user, write, exec;
	int user_levels; /* how many of the four levels set U */
};

/* Returns the rights the tables at pml4 give the page va. */
static struct rights rights_of(uint64_t pml4, uint64_t va)
{
	struct rights r = {false, true, true, true, 0};
	const uint64_t *t = phys_to_virt(pml4);
	for (int level = 3; level >= 0; level--) {
		uint64_t e = t[pte_index(va, level)];
		if (!(e & PTE_P))
			return r;
		r.user_levels += (e & PTE_U) != 0;
		r.user &= (e & PTE_U) != 0;
		r.write &= (e & PTE_W) != 0;
		r.exec &= !(e & PTE_NX);
		t = phys_to_virt(e & PTE_ADDR);
	}
	r.mapped = true;
	return r;
}

/* A fresh space with one page at PERM_VA + i pages for each flags[i]. */
struct perm_space {
	struct vmm_space space;
	uint64_t frame;
};

static bool perm_open(struct perm_space *p, const unsigned *flags, size_t n)
{
	if (vmm_space_create(&p->space) != 0)
		return false;
	p->frame = pmm_alloc_zeroed(0);
	if (!p->frame)
		return false;
	for (size_t i = 0; i < n; i++)
		if (vmm_map(&p->space, PERM_VA + i * PAGE_SIZE, p->frame, 1, flags[i]) != 0)
			return false;
	return true;
}

static void perm_close(struct perm_space *p)
{
	vmm_space_destroy(&p->space);
	pmm_free(p->frame, 0);
}

KTEST(ptperm, user_page_has_u_at_all_four_levels)
{
	unsigned flags[] = {VM_USER | VM_WRITE};
	struct perm_space p;
	ASSERT_TRUE(perm_open(&p, flags, 1));
	struct rights r = rights_of(p.space.pml4_phys, PERM_VA);
	EXPECT_TRUE(r.mapped);
	EXPECT_EQ(r.user_levels, 4); /* one missing U and ring 3 faults on the page */
	EXPECT_TRUE(r.user);
	perm_close(&p);
}

KTEST(ptperm, prot_read_data_is_nx_and_read_only)
{
	unsigned flags[] = {VM_USER | VM_READ};
	struct perm_space p;
	ASSERT_TRUE(perm_open(&p, flags, 1));
	struct rights r = rights_of(p.space.pml4_phys, PERM_VA);
	EXPECT_TRUE(r.mapped && r.user);
	EXPECT_FALSE(r.write);
	EXPECT_FALSE(r.exec);
	perm_close(&p);
}

KTEST(ptperm, writable_data_is_nx)
{
	unsigned flags[] = {VM_USER | VM_READ | VM_WRITE};
	struct perm_space p;
	ASSERT_TRUE(perm_open(&p, flags, 1));
	struct rights r = rights_of(p.space.pml4_phys, PERM_VA);
	EXPECT_TRUE(r.mapped && r.user && r.write);
	EXPECT_FALSE(r.exec);
	perm_close(&p);
}

KTEST(ptperm, code_is_executable_and_read_only)
{
	unsigned flags[] = {VM_USER | VM_READ | VM_EXEC};
	struct perm_space p;
	ASSERT_TRUE(perm_open(&p, flags, 1));
	struct rights r = rights_of(p.space.pml4_phys, PERM_VA);
	EXPECT_TRUE(r.mapped && r.user && r.exec);
	EXPECT_FALSE(r.write);
	perm_close(&p);
}

/* Code, data, read-only data, then each turned into another by
 * vmm_protect (as mprotect does, page by page): never writable and
 * executable at once, and every page keeps U. */
KTEST(ptperm, no_user_page_is_writable_and_executable)
{
	unsigned flags[] = {VM_USER | VM_EXEC, VM_USER | VM_WRITE, VM_USER | VM_READ,
			    VM_USER | VM_WRITE};
	struct perm_space p;
	ASSERT_TRUE(perm_open(&p, flags, 4));
	EXPECT_EQ(vmm_protect(&p.space, PERM_VA, 2, VM_USER | VM_WRITE), 2);
	EXPECT_EQ(vmm_protect(&p.space, PERM_VA + 2 * PAGE_SIZE, 2, VM_USER | VM_EXEC), 2);
	for (int i = 0; i < 4; i++) {
		struct rights r = rights_of(p.space.pml4_phys, PERM_VA + i * PAGE_SIZE);
		EXPECT_TRUE(r.mapped && r.user);
		EXPECT_FALSE(r.write && r.exec);
		EXPECT_EQ(r.write, i < 2); /* pages 0, 1: data now; 2, 3: code */
		EXPECT_EQ(r.exec, i >= 2);
	}
	perm_close(&p);
}

/* Returns how many present entries below the table at phys (at `level`,
 * entries [from, to)) carry U. */
static uint64_t count_user(uint64_t phys, int level, unsigned from, unsigned to)
{
	const uint64_t *t = phys_to_virt(phys);
	uint64_t n = 0;
	for (unsigned i = from; i < to; i++) {
		if (!(t[i] & PTE_P))
			continue;
		n += (t[i] & PTE_U) != 0;
		if (level > 0 && !(t[i] & PTE_PS))
			n += count_user(t[i] & PTE_ADDR, level - 1, 0, PT_ENTRIES);
	}
	return n;
}

/* A page the kernel maps for itself (as for a kernel stack) has no U at
 * any level, and no entry anywhere in the kernel half has it. */
KTEST(ptperm, kernel_pages_never_have_u)
{
	uint64_t frame = pmm_alloc_zeroed(0);
	ASSERT_NE(frame, 0u);
	struct vmm_space *k = vmm_kernel_space();
	ASSERT_EQ(vmm_map(k, KPERM_VA, frame, 1, VM_WRITE), 0);
	struct rights r = rights_of(k->pml4_phys, KPERM_VA);
	EXPECT_TRUE(r.mapped && r.write);
	EXPECT_FALSE(r.exec);
	EXPECT_EQ(r.user_levels, 0);
	EXPECT_EQ(count_user(read_cr3() & PTE_ADDR, 3, PT_ENTRIES / 2, PT_ENTRIES), 0u);
	EXPECT_EQ(vmm_unmap(k, KPERM_VA, 1), 1);
	EXPECT_FALSE(vmm_translate(k, KPERM_VA, NULL, NULL));
	pmm_free(frame, 0);
}
