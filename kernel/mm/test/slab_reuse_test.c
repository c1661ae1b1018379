/*
 * slab_reuse_test.c - the slab cache's policy of reuse (suite "kheap",
 * kernel and host): a cache fills the holes of its partial slabs before it
 * takes a new slab, so a program that frees and allocates as many objects
 * as it holds does not make the heap grow.
 */
#include "mm/kheap.h"
#include "mm/test/kheap_test.h"
#include "test/ktest.h"

#define REUSE_OBJECTS 256

KTEST(kheap, partial_slabs_are_filled_before_a_new_slab_is_taken)
{
	struct baseline b = begin();
	struct kmem_cache *c = kmem_cache_create("test-reuse", 200, 16);
	ASSERT_NOT_NULL(c);
	static void *obj[REUSE_OBJECTS];
	for (int i = 0; i < REUSE_OBJECTS; i++)
		ASSERT_NOT_NULL(obj[i] = kmem_cache_alloc(c));
	struct kmem_cache_stats full, after;
	kmem_cache_stats(c, &full);
	/* Every other object freed: each slab keeps objects, so none is released. */
	for (int i = 1; i < REUSE_OBJECTS; i += 2)
		kmem_cache_free(c, obj[i]);
	for (int i = 1; i < REUSE_OBJECTS; i += 2)
		ASSERT_NOT_NULL(obj[i] = kmem_cache_alloc(c));
	kmem_cache_stats(c, &after);
	EXPECT_EQ(after.active_objs, REUSE_OBJECTS);
	EXPECT_EQ(after.slabs, full.slabs); /* the holes were filled: no new slab */
	EXPECT_EQ(after.bytes, full.bytes);
	for (int i = 0; i < REUSE_OBJECTS; i++)
		kmem_cache_free(c, obj[i]);
	kmem_cache_destroy(c);
	expect_baseline(&b);
}
