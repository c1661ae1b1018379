/*
 * kheap_errors_test.c - the kernel heap's error reports (suite "kheap",
 * with slab_test.c): each test makes one mistake on purpose (a double or
 * invalid free, an overflow, a write after free, a leak) and checks the
 * report, in the same catalogue and layout as the user malloc's
 * (common/memerr). The heap stays consistent after a caught report, so
 * every test leaves it at its baseline.
 */
#include "lib/kprintf.h"
#include "memerr/memerr.h"
#include "mm/kheap.h"
#include "mm/kheap_debug.h"
#include "mm/test/kheap_test.h"
#include "test/ktest.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "arch/x86_64/memlayout.h"
#include "lib/string.h"
#include "mm/pmm.h"
#endif

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
		t->len +=
		    (size_t)n < sizeof t->buf - t->len ? (size_t)n : sizeof t->buf - t->len - 1;
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

	struct memerr_line found = {.len = 0};
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
