/*
 * kheap_test.h - the fixture of the kernel-heap suite ("kheap"), shared by
 * slab_test.c (allocating, caches, statistics) and kheap_errors_test.c
 * (the error reports): a baseline of the heap's counters taken at the
 * start of a test, and the check that the test left the heap exactly
 * there.
 */
#ifndef MM_TEST_KHEAP_TEST_H
#define MM_TEST_KHEAP_TEST_H

#include "mm/kheap.h"
#include "test/ktest.h"

#ifndef HOST_TEST
#include "mm/pmm.h"
#endif

struct baseline {
	unsigned long objects, bytes, held, provider;
};

/* Returns pages the provider has handed out (kernel: minus free frames). */
static inline unsigned long provider_used(void)
{
#ifdef HOST_TEST
	return kheap_fake_pages_used();
#else
	return -(unsigned long)pmm_free_frames();
#endif
}

/* Starts the heap (host) or skips (kernel, before kheap_init); returns a baseline. */
static inline struct baseline begin(void)
{
#ifdef HOST_TEST
	if (!kheap_ready())
		kheap_init();
#else
	if (!kheap_ready())
		KTEST_SKIP("kheap_init has not run");
#endif
	kheap_shrink();
	return (struct baseline){kheap_live_objects(), kheap_live_bytes(), kheap_pages_held(),
				 provider_used()};
}

/* Checks the heap is consistent and back at b. */
static inline void expect_baseline(const struct baseline *b)
{
	EXPECT_TRUE(kheap_check());
	kheap_shrink();
	EXPECT_EQ(kheap_live_objects(), b->objects);
	EXPECT_EQ(kheap_live_bytes(), b->bytes);
	EXPECT_EQ(kheap_pages_held(), b->held);
	EXPECT_EQ(provider_used(), b->provider);
}

#endif
