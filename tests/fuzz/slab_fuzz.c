/*
 * slab_fuzz.c - libFuzzer target for the kernel heap (kmalloc and caches).
 *
 * The input is a program: each step takes an opcode byte and a few
 * argument bytes and does kmalloc, kzalloc, kcalloc, krealloc, kfree,
 * kmem_cache_alloc or kmem_cache_free on one of 64 slots, or changes how
 * many page allocations the fake provider lets succeed. A model remembers
 * each live block (pointer, length, fill byte, where it came from), and
 * after every step the fuzzer checks, against the heap's own claims:
 *   - alignment: 16 bytes, a power-of-two size's own size, a cache's align;
 *   - contents: each block still holds its fill byte (both ends after every
 *     step, every byte before it is freed or reallocated);
 *   - no two live blocks overlap;
 *   - accounting: kheap_live_objects/bytes equal the model's, exactly;
 *   - kheap_check() finds every internal invariant intact.
 * At the end everything is freed and the provider must be back at the page
 * count it had before the input (after kheap_shrink).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DHOST_TEST -DKHEAP_DEBUG=0 \
 *     -Ikernel -Icommon kernel/lib/kprintf.c common/format/format.c kernel/mm/slab.c \
 *     kernel/mm/kmalloc.c kernel/mm/kheap_debug.c kernel/mm/kheap.c tests/fuzz/slab_fuzz.c \
 *     -o slab_fuzz
 */
#include "lib/console.h"
#include "lib/kprintf.h"
#include "mm/kheap.h"
#include "mm/kheap_debug.h"
#include "test/ktest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 64
#define EDGE 64 /* bytes checked at each end of every block after each step */

/* Stops the fuzzer with a message: the heap broke a promise. */
__attribute__((noreturn, format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "slab_fuzz: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

enum origin { FROM_KMALLOC, FROM_CACHE0, FROM_CACHE1 };

static struct block {
	uint8_t *p;
	size_t len;
	enum origin from;
} blocks[SLOTS];

static struct kmem_cache *caches[2];
static unsigned long model_objects, model_bytes;

/* Returns the bytes a live block occupies, as the heap should count it. */
static size_t footprint(const struct block *b)
{
	return b->from == FROM_KMALLOC ? kmalloc_slot_size(b->len) : caches[b->from - 1]->size;
}

/* Fills block i with its own byte. */
static void fill(int i)
{
	memset(blocks[i].p, 0x11 * (i % 15 + 1) ^ i, blocks[i].len);
}

/* Checks [from, to) of block i still holds its byte. */
static void check_range(int i, size_t from, size_t to)
{
	uint8_t want = 0x11 * (i % 15 + 1) ^ i;
	if (to > blocks[i].len)
		to = blocks[i].len;
	if (from < to && memerr_find_bad(blocks[i].p + from, to - from, want) >= 0)
		fail("block %d (%p, %zu bytes) lost its contents", i, blocks[i].p, blocks[i].len);
}

static void check_all_of(int i)
{
	check_range(i, 0, blocks[i].len);
}

/* Records a new block in slot i and checks its alignment. */
static void add(int i, void *p, size_t len, enum origin from)
{
	blocks[i] = (struct block){p, len, from};
	uintptr_t a = (uintptr_t)p;
	size_t align = from == FROM_KMALLOC ? 16 : caches[from - 1]->align;
	if (a % align)
		fail("%p is not %zu-byte aligned", p, align);
	if (from == FROM_KMALLOC && len && !(len & (len - 1)) && len <= 4096 && a % len)
		fail("%p of %zu bytes is not naturally aligned", p, len);
	if (from == FROM_KMALLOC && kmalloc_usable_size(p) < len)
		fail("%p: usable size %zu < %zu", p, kmalloc_usable_size(p), len);
	fill(i);
	model_objects++;
	model_bytes += footprint(&blocks[i]);
}

/* Frees the block in slot i (after checking all of it). */
static void drop(int i)
{
	struct block *b = &blocks[i];
	check_all_of(i);
	model_objects--;
	model_bytes -= footprint(b);
	if (b->from == FROM_KMALLOC)
		kfree(b->p);
	else
		kmem_cache_free(caches[b->from - 1], b->p);
	b->p = NULL;
}

static void check_state(void)
{
	for (int i = 0; i < SLOTS; i++) {
		if (!blocks[i].p)
			continue;
		check_range(i, 0, EDGE);
		if (blocks[i].len > EDGE)
			check_range(i, blocks[i].len - EDGE, blocks[i].len);
		uint8_t *lo = blocks[i].p, *hi = lo + (blocks[i].len ? blocks[i].len : 1);
		for (int j = i + 1; j < SLOTS; j++) {
			uint8_t *p = blocks[j].p;
			if (p && p < hi && lo < p + (blocks[j].len ? blocks[j].len : 1))
				fail("blocks %d and %d overlap", i, j);
		}
	}
	if (kheap_live_objects() != model_objects || kheap_live_bytes() != model_bytes)
		fail("accounting: heap says %lu objects / %lu bytes, model %lu / %lu",
		     kheap_live_objects(), kheap_live_bytes(), model_objects, model_bytes);
	kheap_check();
}

/* Reads a size: mostly small, sometimes up to a few pages, rarely huge. */
static size_t read_size(const uint8_t **in, const uint8_t *end)
{
	size_t v = 0;
	for (int k = 0; k < 2 && *in < end; k++)
		v = v << 8 | *(*in)++;
	switch (v >> 14) {
	case 0:
	case 1: return v % 300;
	case 2: return v % 4200;
	default: return v % 3 == 0 ? (v << 8) : v % 40000;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!kheap_ready()) {
		kheap_init();
		caches[0] = kmem_cache_create("fuzz-24", 24, 8);
		caches[1] = kmem_cache_create("fuzz-200", 200, 64);
	}
	kheap_shrink();
	unsigned long base_pages = kheap_fake_pages_used(), base_held = kheap_pages_held();
	model_objects = kheap_live_objects();
	model_bytes = kheap_live_bytes();

	const uint8_t *in = data, *end = data + size;
	while (in + 2 <= end) {
		uint8_t op = *in++;
		int i = *in++ % SLOTS;
		struct block *b = &blocks[i];
		switch (op % 8) {
		case 0: /* kmalloc, kzalloc or kcalloc into an empty slot */
		case 1: {
			if (b->p)
				drop(i);
			size_t n = read_size(&in, end);
			uint8_t *p = op & 8 ? kzalloc(n) : op & 16 ? kcalloc(n, 1) : kmalloc(n);
			if (p && (op & 24) && memerr_find_bad(p, n, 0) >= 0)
				fail("kzalloc/kcalloc(%zu) not zeroed", n);
			if (p)
				add(i, p, n, FROM_KMALLOC);
			break;
		}
		case 2:
			if (b->p)
				drop(i);
			break;
		case 3: { /* krealloc */
			if (b->p && b->from != FROM_KMALLOC)
				break;
			size_t n = read_size(&in, end);
			uint8_t *old = b->p;
			size_t keep = !old ? 0 : b->len < n ? b->len : n;
			if (old) {
				check_all_of(i);
				model_objects--;
				model_bytes -= footprint(b);
			}
			uint8_t *p = krealloc(old, n);
			if (!p && old && n) { /* failed: the old block is untouched */
				model_objects++;
				model_bytes += footprint(b);
				break;
			}
			b->p = NULL;
			if (!p)
				break;
			blocks[i] = (struct block){p, keep, FROM_KMALLOC};
			check_all_of(i); /* the kept prefix survived the move */
			add(i, p, n, FROM_KMALLOC);
			break;
		}
		case 4: /* a cache object */
		case 5: {
			if (b->p)
				drop(i);
			void *p = kmem_cache_alloc(caches[op & 1]);
			if (p)
				add(i, p, caches[op & 1]->object_size, FROM_CACHE0 + (op & 1));
			break;
		}
		case 6: /* the provider lets the next few allocations succeed, or all */
			kheap_fake_fail_after(i < 48 ? i % 8 : -1);
			break;
		case 7: kheap_shrink(); break;
		}
		check_state();
	}

	kheap_fake_fail_after(-1);
	for (int i = 0; i < SLOTS; i++)
		if (blocks[i].p)
			drop(i);
	check_state();
	kheap_shrink();
	if (kheap_fake_pages_used() != base_pages || kheap_pages_held() != base_held)
		fail("pages: provider %lu (was %lu), heap holds %lu (was %lu)",
		     kheap_fake_pages_used(), base_pages, kheap_pages_held(), base_held);
	return 0;
}
