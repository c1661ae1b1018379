/*
 * kheap.c - the heap's page providers; see kheap.h.
 *
 * Theory of operation. The slab code never asks where pages come from: it
 * calls the three functions of a struct kheap_pages. In the kernel they
 * are the frame allocator seen through the direct map: pmm_alloc gives a
 * physical block, the heap uses it at phys_to_virt(phys), and the pmm's
 * per-frame owner slot records the slab descriptor. An address outside the
 * direct map (the kernel image, a stack, user space) or in a frame the pmm
 * does not manage has no slot, which is how kfree recognizes a pointer
 * that is not from the heap.
 *
 * On the host (HOST_TEST) the same three functions run over a static
 * arena, so the host tests and the fuzzer exercise exactly the kernel's
 * heap code under AddressSanitizer. The fake is strict where a real
 * allocator would be: freeing pages it did not hand out, with the wrong
 * order, or with an owner slot the heap forgot to clear panics; freed
 * pages are filled with 0xdd and poisoned for ASan, so the heap touching a
 * page it gave back is caught at once.
 */
#include "mm/kheap.h"

#ifdef HOST_TEST
#include "lib/panic.h"

#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#endif
#endif
#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#endif

static uint8_t arena[KHEAP_FAKE_PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static void *owners[KHEAP_FAKE_PAGES];
static uint8_t block_order[KHEAP_FAKE_PAGES]; /* order + 1 at a block's first page */
static uint8_t used[KHEAP_FAKE_PAGES];
static unsigned long pages_used;
static long fail_after = -1;

/* First fit, aligned to the block size like a buddy allocator. */
static void *fake_alloc(unsigned order)
{
	unsigned long n = 1UL << order;
	if (fail_after == 0 || n > KHEAP_FAKE_PAGES)
		return NULL;
	for (unsigned long i = 0; i + n <= KHEAP_FAKE_PAGES; i += n) {
		unsigned long j = 0;
		while (j < n && !used[i + j])
			j++;
		if (j < n)
			continue;
		for (j = 0; j < n; j++) {
			used[i + j] = 1;
			owners[i + j] = NULL; /* as the pmm promises */
		}
		block_order[i] = order + 1;
		pages_used += n;
		if (fail_after > 0)
			fail_after--;
		ASAN_UNPOISON_MEMORY_REGION(arena + i * PAGE_SIZE, n * PAGE_SIZE);
		return arena + i * PAGE_SIZE;
	}
	return NULL;
}

/* Takes back a block, insisting it is exactly one fake_alloc gave out. */
static void fake_free(void *va, unsigned order)
{
	uintptr_t off = (uint8_t *)va - arena;
	unsigned long i = off / PAGE_SIZE, n = 1UL << order;
	if ((uint8_t *)va < arena || off % PAGE_SIZE || i >= KHEAP_FAKE_PAGES ||
	    block_order[i] != order + 1)
		panic("kheap fake pages: bad free of %p, order %u", va, order);
	for (unsigned long j = 0; j < n; j++) {
		if (owners[i + j])
			panic("kheap fake pages: page %p freed with its owner slot set",
			      arena + (i + j) * PAGE_SIZE);
		used[i + j] = 0;
	}
	block_order[i] = 0;
	pages_used -= n;
	memset(va, 0xdd, n * PAGE_SIZE);
	ASAN_POISON_MEMORY_REGION(va, n * PAGE_SIZE);
}

/* Returns the owner slot of va's page, or NULL outside the arena. */
static void **fake_owner(const void *va)
{
	const uint8_t *p = va;
	if (p < arena || p >= arena + sizeof arena)
		return NULL;
	return &owners[(p - arena) / PAGE_SIZE];
}

static const struct kheap_pages fake_pages = {fake_alloc, fake_free, fake_owner};

const struct kheap_pages *kheap_fake_provider(void)
{
	return &fake_pages;
}

void kheap_fake_fail_after(long n)
{
	fail_after = n;
}

unsigned long kheap_fake_pages_used(void)
{
	return pages_used;
}

bool kheap_init(void)
{
	return kheap_init_with(&fake_pages);
}

#else /* the kernel */

#include "arch/x86_64/memlayout.h"
#include "mm/pmm.h"

/* Returns 2^order frames through the direct map, or NULL. */
static void *pmm_pages_alloc(unsigned order)
{
	uint64_t phys = pmm_alloc_owned(order, FRAME_OWNER_KHEAP);
	if (!phys)
		return NULL;
	if (!pmm_direct_mapped(phys, (uint64_t)PAGE_SIZE << order)) {
		pmm_free(phys, order); /* unreachable until the direct map grows */
		return NULL;
	}
	return phys_to_virt(phys);
}

/* Gives 2^order frames back to the pmm. */
static void pmm_pages_free(void *va, unsigned order)
{
	pmm_free(virt_to_phys(va), order);
}

/*
 * Only direct-map addresses of managed frames can be heap pages. The same
 * inline lookup the kernel's kfree uses directly (slab_owner_slot in
 * slab.h): the provider and the fast path cannot disagree.
 */
static void **pmm_pages_owner(const void *va)
{
	return kheap_pmm_owner(va);
}

static const struct kheap_pages pmm_pages = {pmm_pages_alloc, pmm_pages_free, pmm_pages_owner};

bool kheap_init(void)
{
	return kheap_init_with(&pmm_pages);
}

uint64_t kheap_settled_free_frames(void)
{
	kheap_shrink();
	return pmm_free_frames();
}
#endif
