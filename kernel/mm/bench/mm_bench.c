/*
 * mm_bench.c - what the memory managers cost, in guest instructions.
 *
 * Each measurement is an allocation and its free (or a map and its
 * unmap) back to back, so the allocator's state is the same before every
 * iteration: this is the fast path a busy kernel hits most.
 */
#include "bench/bench.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/pagetable.h"

#define ITER 2000

KBENCH(pmm)
{
	BENCH_OPS("pmm_alloc(0) + pmm_free", ITER, {
		uint64_t f = pmm_alloc(0);
		pmm_free(f, 0);
	});
	BENCH_OPS("pmm_alloc(9) + pmm_free (2 MiB)", ITER, {
		uint64_t f = pmm_alloc(9);
		pmm_free(f, 9);
	});
}

KBENCH(vmm)
{
	struct vmm_space space;
	if (vmm_space_create(&space) != 0)
		return;
	uint64_t frame = pmm_alloc(0);
	const uint64_t va = 0x0000004000000000ull;
	/* Keep one page mapped nearby so the page tables stay: measure the
	 * mapping itself, not table allocation. */
	vmm_map(&space, va + 0x10000, frame, 1, VM_WRITE);
	vmm_activate(&space);
	BENCH_OPS("vmm_map + vmm_unmap of one page", ITER, {
		vmm_map(&space, va, frame, 1, VM_WRITE);
		vmm_unmap(&space, va, 1);
	});
	vmm_activate(vmm_kernel_space());
	vmm_space_destroy(&space);
	pmm_free(frame, 0);
}

KBENCH(kmalloc)
{
	static const struct {
		const char *label;
		size_t size;
	} sizes[] = {
	    {"kmalloc(16) + kfree", 16},	  {"kmalloc(64) + kfree", 64},
	    {"kmalloc(256) + kfree", 256},	  {"kmalloc(1024) + kfree", 1024},
	    {"kmalloc(4096) + kfree", PAGE_SIZE},
	};
	for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i].size;
		BENCH_OPS(sizes[i].label, ITER, {
			void *p = kmalloc(n);
			__asm__ volatile("" : : "r"(p) : "memory");
			kfree(p);
		});
	}
}
