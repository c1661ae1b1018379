/*
 * kheap.h - starting the kernel heap on its page provider.
 *
 * In the kernel, kheap_init() starts kmalloc and the object caches on the
 * frame allocator (call it after pmm_init). In host tests and the fuzzer it
 * starts them on a fake provider: a static, page-aligned 4 MiB arena with
 * its own owner slots and a first-fit page map, which can be told to fail
 * so that running out of memory can be tested.
 */
#ifndef MM_KHEAP_H
#define MM_KHEAP_H

#include "mm/kmalloc.h"

/* Starts the heap; returns false if it was already started. */
bool kheap_init(void);

#ifndef HOST_TEST
/*
 * Returns pmm_free_frames() after kheap_shrink(): each cache may keep one
 * empty slab (so kmalloc+kfree loops do not take and return pages each
 * time); releasing them first makes the count depend only on what is live,
 * which is what the self-tests' per-test leak counter (test/selftest.c) needs.
 */
uint64_t kheap_settled_free_frames(void);
#endif

#ifdef HOST_TEST
#define KHEAP_FAKE_PAGES 1024 /* 4 MiB */

/* The fake provider (kheap_init uses it on the host). */
const struct kheap_pages *kheap_fake_provider(void);

/* Lets the next n page allocations succeed and fails the ones after;
 * n < 0 never fails (the default). */
void kheap_fake_fail_after(long n);

/* Returns the pages of the arena allocated now. */
unsigned long kheap_fake_pages_used(void);
#endif

#endif
