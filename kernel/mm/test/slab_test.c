/*
 * slab_test.c - tests of kmalloc and the object caches (suite "kheap").
 *
 * The same tests run on the host, over the fake page provider of kheap.c
 * (under ASan/UBSan), and in the kernel, over the real heap on the frame
 * allocator (skipped until kheap_init has run). Each test measures a
 * baseline after kheap_shrink() and leaves the heap exactly there: live
 * objects, live bytes, pages held and the provider's own page count.
 * The error reports are tested in kheap_errors_test.c.
 */
#include "lib/kprintf.h"
#include "memerr/memerr.h"
#include "mm/kheap.h"
#include "mm/kheap_debug.h"
#include "test/ktest.h"
#include "mm/test/kheap_test.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "arch/x86_64/memlayout.h"
#include "lib/string.h"
#include "mm/pmm.h"
#endif

static uint64_t rng_state;

/* xorshift64: returns the next pseudo-random number. */
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

KTEST(kheap, alignment_of_every_size_up_to_a_page)
{
	struct baseline b = begin();
	int misaligned = 0, unnatural = 0, short_blocks = 0;
	for (size_t n = 1; n <= PAGE_SIZE; n++) {
		uint8_t *p = kmalloc(n);
		ASSERT_NOT_NULL(p);
		if ((uintptr_t)p % 16)
			misaligned++;
		if (!(n & (n - 1)) && (uintptr_t)p % n)
			unnatural++;
		if (kmalloc_usable_size(p) < n)
			short_blocks++;
		memset(p, 0xab, n); /* ASan on the host: the whole block is ours */
		kfree(p);
	}
	EXPECT_EQ(misaligned, 0);
	EXPECT_EQ(unnatural, 0);
	EXPECT_EQ(short_blocks, 0);
	expect_baseline(&b);
}

KTEST(kheap, kmalloc_zero_and_kfree_null)
{
	struct baseline b = begin();
	void *p = kmalloc(0), *q = kmalloc(0);
	EXPECT_NOT_NULL(p);
	EXPECT_NOT_NULL(q);
	EXPECT_NE(p, q);
	EXPECT_EQ(kheap_live_objects(), b.objects + 2);
	kfree(p);
	kfree(q);
	kfree(NULL);
	kmem_cache_free(NULL, NULL);
	expect_baseline(&b);
}

KTEST(kheap, array_size_overflow_returns_null)
{
	struct baseline b = begin();
	EXPECT_NULL(kmalloc_array(SIZE_MAX / 2 + 1, 2));
	EXPECT_NULL(kcalloc(SIZE_MAX, 16));
	EXPECT_NULL(kcalloc((size_t)1 << 33, (size_t)1 << 31));
	EXPECT_NULL(kmalloc(SIZE_MAX));
	EXPECT_NULL(kmalloc(KMALLOC_MAX_SIZE + 1));
	uint64_t *z = kcalloc(10, sizeof *z);
	ASSERT_NOT_NULL(z);
	for (int i = 0; i < 10; i++)
		EXPECT_EQ(z[i], 0);
	kfree(z);
	expect_baseline(&b);
}

KTEST(kheap, krealloc_keeps_content_and_stays_in_place)
{
	struct baseline b = begin();
	uint8_t *p = krealloc(NULL, 20);
	ASSERT_NOT_NULL(p);
	for (int i = 0; i < 20; i++)
		p[i] = i + 1;
	uint8_t *q = krealloc(p, 24); /* same class with or without debug */
	EXPECT_EQ(q, p);
	q = krealloc(q, 1000);
	ASSERT_NOT_NULL(q);
	EXPECT_NE(q, p);
	int bad = 0;
	for (int i = 0; i < 20; i++)
		bad += q[i] != i + 1;
	q = krealloc(q, 10);
	ASSERT_NOT_NULL(q);
	for (int i = 0; i < 10; i++)
		bad += q[i] != i + 1;
	EXPECT_EQ(bad, 0);
	EXPECT_NULL(krealloc(q, 0)); /* frees */

	uint8_t *l = kmalloc(9000); /* 3 pages: an order-2 block */
	ASSERT_NOT_NULL(l);
	memset(l, 0x3c, 9000);
	uint8_t *m = krealloc(l, 15000);
	EXPECT_EQ(m, l);
	m[14999] = 1;
	EXPECT_EQ(memerr_find_bad(m, 9000, 0x3c), -1);
	m = krealloc(m, 40000);
	ASSERT_NOT_NULL(m);
	EXPECT_EQ(memerr_find_bad(m, 9000, 0x3c), -1);
	kfree(m);
	expect_baseline(&b);
}

#ifdef HOST_TEST
KTEST(kheap, out_of_memory_returns_null)
{
	struct baseline b = begin();
	for (long n = 0; n < 6; n++) {
		kheap_fake_fail_after(n);
		static void *blocks[64];
		int count = 0;
		struct kmem_cache *c = kmem_cache_create("oom", 1000, 0);
		for (; count < 64; count++) {
			void *p = count % 2 ? kmalloc(6000) : (c ? kmem_cache_alloc(c) : NULL);
			if (!p)
				break;
			blocks[count] = p;
		}
		EXPECT_LT(count, 64);
		kheap_fake_fail_after(-1);
		while (count--)
			count % 2 ? kfree(blocks[count]) : kmem_cache_free(c, blocks[count]);
		kmem_cache_destroy(c);
		expect_baseline(&b);
	}
}
#else
KTEST(kheap, exhausting_memory_returns_null)
{
	struct baseline b = begin();
	uint64_t frames = pmm_free_frames();
	void *list = NULL;
	/* large blocks until NULL, then smaller ones; each holds the previous */
	for (size_t n = (size_t)1 << 20; n >= PAGE_SIZE; n /= 2) {
		void **p;
		while ((p = kmalloc(n))) {
			*p = list;
			list = p;
		}
	}
	EXPECT_LT(pmm_free_frames(), 16);
	while (list) {
		void *next = *(void **)list;
		kfree(list);
		list = next;
	}
	kheap_shrink();
	EXPECT_EQ(pmm_free_frames(), frames);
	expect_baseline(&b);
}
#endif

#define CHURN_SLOTS 200

KTEST(kheap, random_churn_keeps_content_and_never_overlaps)
{
	struct baseline b = begin();
	static uint8_t *ptr[CHURN_SLOTS];
	static size_t len[CHURN_SLOTS];
	int damaged = 0, overlaps = 0;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int step = 0; step < 4000; step++) {
		int i = rng() % CHURN_SLOTS;
		if (ptr[i]) {
			damaged += memerr_find_bad(ptr[i], len[i], (uint8_t)i) >= 0;
			kfree(ptr[i]);
			ptr[i] = NULL;
			continue;
		}
		uint64_t r = rng();
		size_t n = r % 8 ? r % 300 : r % 20000;
		ptr[i] = kmalloc(n);
		ASSERT_NOT_NULL(ptr[i]);
		len[i] = n;
		for (int j = 0; j < CHURN_SLOTS; j++)
			if (j != i && ptr[j] && ptr[j] < ptr[i] + (n ? n : 1) &&
			    ptr[i] < ptr[j] + (len[j] ? len[j] : 1))
				overlaps++;
		memset(ptr[i], (uint8_t)i, n);
	}
	EXPECT_TRUE(kheap_check());
	for (int i = 0; i < CHURN_SLOTS; i++) {
		if (ptr[i])
			damaged += memerr_find_bad(ptr[i], len[i], (uint8_t)i) >= 0;
		kfree(ptr[i]);
		ptr[i] = NULL;
	}
	EXPECT_EQ(damaged, 0);
	EXPECT_EQ(overlaps, 0);
	expect_baseline(&b);
}

KTEST(kheap, cache_with_custom_size_and_alignment)
{
	struct baseline b = begin();
	EXPECT_NULL(kmem_cache_create("bad", 0, 0));
	EXPECT_NULL(kmem_cache_create("bad", 40, 24));
	EXPECT_NULL(kmem_cache_create("bad", 40, 8192));
	EXPECT_NULL(kmem_cache_create("bad", KMEM_CACHE_MAX_SIZE + 1, 0));
	struct kmem_cache *c = kmem_cache_create("test-obj", 40, 64);
	ASSERT_NOT_NULL(c);
	static uint8_t *obj[100];
	int misaligned = 0;
	for (int i = 0; i < 100; i++) {
		obj[i] = kmem_cache_alloc(c);
		ASSERT_NOT_NULL(obj[i]);
		misaligned += (uintptr_t)obj[i] % 64 != 0;
		memset(obj[i], i, 40);
	}
	EXPECT_EQ(misaligned, 0);
	struct kmem_cache_stats st;
	kmem_cache_stats(c, &st);
	EXPECT_STREQ(st.name, "test-obj");
	EXPECT_EQ(st.object_size, 40);
	EXPECT_GE(st.slot_size, KHEAP_DEBUG ? 56 : 40);
	EXPECT_EQ(st.active_objs, 100);
	EXPECT_EQ(st.slabs, (100 + c->per_slab - 1) / c->per_slab);
	EXPECT_EQ(st.total_objs, st.slabs * c->per_slab);
	EXPECT_EQ(st.bytes, st.slabs * (PAGE_SIZE << c->order));
	EXPECT_EQ(kheap_live_objects(), b.objects + 100);
	EXPECT_EQ(kheap_live_bytes(), b.bytes + 100 * st.slot_size);
	int damaged = 0;
	for (int i = 0; i < 100; i++) {
		damaged += memerr_find_bad(obj[i], 40, i) >= 0;
		kmem_cache_free(c, obj[i]);
	}
	EXPECT_EQ(damaged, 0);
	kmem_cache_stats(c, &st);
	EXPECT_EQ(st.active_objs, 0);
	EXPECT_LE(st.slabs, 1); /* at most the cached empty slab */
	kmem_cache_destroy(c);
	expect_baseline(&b);
}

KTEST(kheap, destroying_a_cache_with_live_objects_is_reported)
{
	struct baseline b = begin();
	struct kmem_cache *c = kmem_cache_create("leaky", 100, 0);
	ASSERT_NOT_NULL(c);
	void *o = kmem_cache_alloc(c);
	ASSERT_NOT_NULL(o);
	EXPECT_PANIC("HEAP ERROR [leak]", kmem_cache_destroy(c));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "leaky"));
	const char *r = kheap_last_report();
	EXPECT_TRUE(ktest_contains(r, "HEAP ERROR [leak]: forgetting to free memory"));
	EXPECT_TRUE(ktest_contains(r, KHEAP_DEBUG ? ": 1 block, 100 bytes never freed"
						  : ": 1 block, at most "));
	EXPECT_TRUE(ktest_contains(r, "found by:       kmem_cache_destroy(leaky) called from"));
	kmem_cache_free(c, o); /* the cache survived the report */
	kmem_cache_destroy(c);
	expect_baseline(&b);
}

KTEST(kheap, empty_slabs_go_back_to_the_provider)
{
	struct baseline b = begin();
	static void *p[1000];
	for (int i = 0; i < 1000; i++)
		ASSERT_NOT_NULL(p[i] = kmalloc(64));
	EXPECT_GE(kheap_pages_held(), b.held + 1000 * 64 / PAGE_SIZE);
	for (int i = 0; i < 1000; i++)
		kfree(p[i]);
	/* without shrinking, only the one cached empty slab (and its tracks) stays */
	EXPECT_LE(kheap_pages_held(), b.held + 4);
	EXPECT_EQ(kheap_live_objects(), b.objects);
	expect_baseline(&b);
}

KTEST(kheap, statistics_are_exact)
{
	struct baseline b = begin();
	void *s = kmalloc(100), *l = kmalloc(5000);
	ASSERT_NOT_NULL(s);
	ASSERT_NOT_NULL(l);
	EXPECT_EQ(kmalloc_slot_size(100), KHEAP_DEBUG ? 128 : 128);
	EXPECT_EQ(kmalloc_slot_size(5000), 8192);
	EXPECT_EQ(kmalloc_slot_size(64), KHEAP_DEBUG ? 128 : 64);
	EXPECT_EQ(kheap_live_objects(), b.objects + 2);
	EXPECT_EQ(kheap_live_bytes(), b.bytes + kmalloc_slot_size(100) + 8192);
	EXPECT_EQ(kmalloc_usable_size(l), KHEAP_DEBUG ? 5000 : 8192);
	kheap_print_slabinfo();
	kfree(l);
	kfree(s);
	expect_baseline(&b);
}

/* --- errors found in both modes --------------------------------------------- */
