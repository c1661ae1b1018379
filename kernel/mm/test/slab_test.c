/*
 * slab_test.c - tests of kmalloc and the object caches (suite "kheap").
 *
 * The same tests run on the host, over the fake page provider of kheap.c
 * (under ASan/UBSan), and in the kernel, over the real heap on the frame
 * allocator (skipped until kheap_init has run). Each test measures a
 * baseline after kheap_shrink() and leaves the heap exactly there: live
 * objects, live bytes, pages held and the provider's own page count.
 * Debug-mode tests trigger each error on purpose and check the report;
 * the heap stays consistent after a caught report, so they clean up.
 */
#include "lib/kprintf.h"
#include "memerr/memerr.h"
#include "mm/kheap.h"
#include "mm/kheap_debug.h"
#include "test/ktest.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "arch/x86_64/memlayout.h"
#include "lib/string.h"
#include "mm/pmm.h"
#endif

struct baseline {
	unsigned long objects, bytes, held, provider;
};

/* Returns pages the provider has handed out (kernel: minus free frames). */
static unsigned long provider_used(void)
{
#ifdef HOST_TEST
	return kheap_fake_pages_used();
#else
	return -(unsigned long)pmm_free_frames();
#endif
}

/* Starts the heap (host) or skips (kernel, before kheap_init); returns a baseline. */
static struct baseline begin(void)
{
#ifdef HOST_TEST
	if (!kheap_ready())
		kheap_init();
#else
	if (!kheap_ready())
		KTEST_SKIP("kheap_init has not run");
#endif
	kheap_shrink();
	return (struct baseline){ kheap_live_objects(), kheap_live_bytes(), kheap_pages_held(),
				  provider_used() };
}

/* Checks the heap is consistent and back at b. */
static void expect_baseline(const struct baseline *b)
{
	EXPECT_TRUE(kheap_check());
	kheap_shrink();
	EXPECT_EQ(kheap_live_objects(), b->objects);
	EXPECT_EQ(kheap_live_bytes(), b->bytes);
	EXPECT_EQ(kheap_pages_held(), b->held);
	EXPECT_EQ(provider_used(), b->provider);
}

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
	for (size_t n = 1; n <= 4096; n++) {
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
	for (size_t n = (size_t)1 << 20; n >= 4096; n /= 2) {
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
	EXPECT_EQ(st.bytes, st.slabs * (KHEAP_PAGE_SIZE << c->order));
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
	EXPECT_GE(kheap_pages_held(), b.held + 1000 * 64 / KHEAP_PAGE_SIZE);
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

KTEST(kheap, double_free_is_reported)
{
	struct baseline b = begin();
	void *p = kmalloc(40);
	ASSERT_NOT_NULL(p);
	kfree(p);
	EXPECT_PANIC("double-free", kfree(p));
	EXPECT_TRUE(ktest_contains(kheap_last_report(),
				   "HEAP ERROR [double-free]: freeing memory repeatedly"));
#if KHEAP_DEBUG
	EXPECT_TRUE(ktest_contains(kheap_last_report(), "freed by"));
	void *l = kmalloc(20000);
	ASSERT_NOT_NULL(l);
	kfree(l);
	EXPECT_PANIC("double-free", kfree(l));
#endif
	expect_baseline(&b);
}

KTEST(kheap, interior_pointer_free_is_reported_with_its_offset)
{
	struct baseline b = begin();
	uint8_t *p = kmalloc(100), *l = kmalloc(10000);
	ASSERT_NOT_NULL(p);
	ASSERT_NOT_NULL(l);
	EXPECT_PANIC("invalid-free", kfree(p + 5));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "5 bytes inside"));
	EXPECT_TRUE(ktest_contains(kheap_last_report(),
				   "HEAP ERROR [invalid-free]: calling free() incorrectly"));
	EXPECT_TRUE(ktest_contains(kheap_last_report(), "found by:       kfree(0x"));
	EXPECT_PANIC("invalid-free", kfree(l + 4104));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "4104 bytes inside"));
	kfree(p);
	kfree(l);
	expect_baseline(&b);
}

static int static_object;

#ifndef HOST_TEST
/* A frame of RAM that is not the heap's and was not one of its large blocks
 * lately (a kfree there is named a double free, rightly); 0 if none. */
static uint64_t foreign_frame(void)
{
	uint64_t skipped[32], f;
	unsigned n = 0;
	while ((f = pmm_alloc(0)) && kheapdbg_recently_freed(phys_to_virt(f)) && n < 32)
		skipped[n++] = f;
	while (n)
		pmm_free(skipped[--n], 0);
	return f;
}
#endif

KTEST(kheap, freeing_a_non_heap_pointer_is_reported)
{
	struct baseline b = begin();
	int local = 0;
	EXPECT_PANIC("invalid-free", kfree(&local));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "never returned by the heap"));
	EXPECT_PANIC("invalid-free", kfree(&static_object));
	EXPECT_PANIC("invalid-free", krealloc(&static_object, 8));
	EXPECT_PANIC("invalid-free", kfree((void *)kheap_check)); /* code */
#ifndef HOST_TEST
	uint64_t frame = foreign_frame(); /* RAM, but not the heap's */
	ASSERT_NE(frame, 0);
	EXPECT_PANIC("invalid-free", kfree(phys_to_virt(frame)));
	pmm_free(frame, 0);
#endif
	expect_baseline(&b);
}

KTEST(kheap, freeing_into_the_wrong_cache_is_reported)
{
	struct baseline b = begin();
	struct kmem_cache *c1 = kmem_cache_create("one", 48, 0);
	struct kmem_cache *c2 = kmem_cache_create("two", 48, 0);
	ASSERT_NOT_NULL(c1);
	ASSERT_NOT_NULL(c2);
	void *o = kmem_cache_alloc(c1), *k = kmalloc(48);
	EXPECT_PANIC("invalid-free", kmem_cache_free(c2, o));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "belongs to cache one"));
	EXPECT_PANIC("invalid-free", kfree(o));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "kmem_cache_free"));
	EXPECT_PANIC("invalid-free", kmem_cache_free(c1, k));
	kmem_cache_free(c1, o);
	kfree(k);
	kmem_cache_destroy(c1);
	kmem_cache_destroy(c2);
	expect_baseline(&b);
}

/* --- debug mode -------------------------------------------------------------- */
#if KHEAP_DEBUG

KTEST(kheap, one_byte_overflow_of_kmalloc_13_is_reported)
{
	struct baseline b = begin();
	char *p = kmalloc(13);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(memerr_find_bad(p, 13, KHEAP_POISON_NEW), -1); /* uninitialized pattern */
	p[13] = 'x';
	EXPECT_PANIC("heap-overflow", kfree(p));
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "+13 = 0x78 (expected 0xcc)"));
	const char *r = kheap_last_report();
	EXPECT_TRUE(ktest_contains(r, "HEAP ERROR [heap-overflow]: not allocating enough memory"));
	EXPECT_TRUE(ktest_contains(r, "13 bytes from the block's start, 0 past its end"));
	EXPECT_TRUE(ktest_contains(r, "13 bytes requested, cache kmalloc-32, slot 32 bytes"));
	EXPECT_TRUE(ktest_contains(r, "first bad byte: block+13 = 0x78, expected 0xcc"));
	EXPECT_TRUE(ktest_contains(r, "allocated by:"));
#ifndef HOST_TEST
	EXPECT_TRUE(ktest_contains(r, "ktest_fn_kheap_one_byte_overflow"));
#endif
	kfree(p); /* the red zone was restored: the block is still live */

	uint8_t *l = kmalloc(5000), *k = kmalloc(24);
	ASSERT_NOT_NULL(l);
	ASSERT_NOT_NULL(k);
	l[5003] = 0;
	EXPECT_PANIC("heap-overflow", kfree(l));
	k[30] = 0;
	EXPECT_PANIC("heap-overflow", krealloc(k, 2000));
	p = kmalloc(1);
	ASSERT_NOT_NULL(p);
	p[1] = 0;
	EXPECT_PANIC("heap-overflow", kheap_check()); /* found without a kfree */
	kfree(p);
	kfree(k);
	kfree(l);
	expect_baseline(&b);
}

/* Collects memerr_format's lines as kheap_last_report() keeps them. */
struct report_text {
	char buf[1024];
	size_t len;
};

static void collect_line(void *ctx, const char *line)
{
	struct report_text *t = ctx;
	int n = ksnprintf(t->buf + t->len, sizeof t->buf - t->len, "%s\n", line);
	if (n > 0)
		t->len += (size_t)n < sizeof t->buf - t->len ? (size_t)n
							     : sizeof t->buf - t->len - 1;
}

static int line_len(const char *s)
{
	int n = 0;
	while (s[n] && s[n] != '\n')
		n++;
	return n;
}

/* Both heaps print one layout: the kernel's report of an overflow begins
 * with exactly the lines memerr_format gives for the same facts. */
KTEST(kheap, reports_have_the_user_mallocs_layout)
{
	struct baseline b = begin();
	uint8_t *p = kmalloc(13);
	ASSERT_NOT_NULL(p);
	p[15] = 'y';
	EXPECT_PANIC("heap-overflow", kfree(p));
	const char *r = kheap_last_report();
	const char *first = "HEAP ERROR [heap-overflow]: not allocating enough memory";
	EXPECT_EQ(strncmp(r, first, strlen(first)), 0);

	/* The facts the test knows; the sites that follow it cannot know. */
	struct memerr_report m = {
		.id = MEMERR_HEAP_OVERFLOW,
		.detail = "a write past the end of the block (into its red zone)",
		.addr = (uintptr_t)(p + 15),
		.block = (uintptr_t)p,
		.size = 13,
		.size_known = 1,
		.where = "cache kmalloc-32, slot 32 bytes",
		.bad_known = 1,
		.bad_off = 15,
		.bad_val = 'y',
		.expected = MEMERR_REDZONE,
	};
	static struct report_text t;
	t.len = 0;
	memerr_format(&m, collect_line, &t, NULL);
	size_t i = 0, line = 0;
	while (i < t.len && r[i] == t.buf[i])
		if (r[i++] == '\n')
			line = i;
	if (i < t.len)
		KTEST_FAIL("kheap's line \"%.*s\" is not memerr's \"%.*s\"", line_len(r + line),
			   r + line, line_len(t.buf + line), t.buf + line);

	struct memerr_line found = { .len = 0 };
	memerr_put(&found, "  found by:       kfree(");
	memerr_put_hex(&found, (uintptr_t)p);
	memerr_put(&found, ") called from ");
	EXPECT_TRUE(ktest_contains(r, found.text));
	EXPECT_TRUE(ktest_contains(r, "  action:         panic (red zone restored; the block is "
				      "still allocated)"));
	kfree(p);
	expect_baseline(&b);
}

KTEST(kheap, write_after_free_is_reported_when_the_slot_is_reused)
{
	struct baseline b = begin();
	uint8_t *p = kmalloc(13);
	ASSERT_NOT_NULL(p);
	kfree(p);
	EXPECT_EQ(memerr_find_bad(p, 32, KHEAP_POISON_FREE), -1);
	p[3] = 0x41;
	EXPECT_PANIC("use-after-free", kheap_check());
	EXPECT_TRUE(ktest_contains(kheap_last_report(), "HEAP ERROR [use-after-free]: freeing "
							"memory before you are done with it"));
	EXPECT_TRUE(ktest_contains(kheap_last_report(), "freed by:"));
	EXPECT_TRUE(ktest_contains(kheap_last_report(), "found by:       kheap_check()"));

	p[7] = 0x42;
	static void *got[1024];
	static volatile int n;
	n = 0;
	EXPECT_PANIC("use-after-free", while (n < 1024 && (got[n] = kmalloc(13)) != p) n++);
	EXPECT_TRUE(ktest_contains(ktest_last_panic(), "+7 = 0x42 (expected 0x6b)"));
	for (int i = 0; i < n; i++)
		kfree(got[i]);
	expect_baseline(&b);
}

KTEST(kheap, cache_objects_have_red_zones_too)
{
	struct baseline b = begin();
	struct kmem_cache *c = kmem_cache_create("rz", 24, 8);
	ASSERT_NOT_NULL(c);
	uint8_t *o = kmem_cache_alloc(c);
	ASSERT_NOT_NULL(o);
	o[24] = 1;
	EXPECT_PANIC("heap-overflow", kmem_cache_free(c, o));
	kmem_cache_free(c, o);
	EXPECT_PANIC("double-free", kmem_cache_free(c, o));
	kmem_cache_destroy(c);
	expect_baseline(&b);
}

KTEST(kheap, leak_report_lists_live_objects_since_a_mark)
{
	struct baseline b = begin();
	unsigned long mark = kheap_mark();
	void *p = kmalloc(77);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(kheap_report_leaks(mark), 1);
	const char *r = kheap_last_report();
	EXPECT_TRUE(ktest_contains(r, "HEAP ERROR [leak]: forgetting to free memory"));
	EXPECT_TRUE(ktest_contains(r, "forgetting to free memory (blocks still allocated at exit): "
				      "1 block, 77 bytes never freed"));
	EXPECT_TRUE(ktest_contains(r, "77 bytes requested, cache kmalloc-128"));
#ifndef HOST_TEST
	EXPECT_TRUE(ktest_contains(r, "ktest_fn_kheap_leak_report"));
#endif
	kfree(p);
	EXPECT_EQ(kheap_report_leaks(mark), 0);
	expect_baseline(&b);
}
#endif
