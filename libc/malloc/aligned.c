/*
 * aligned.c - aligned_alloc, memalign and posix_memalign. An alignment up
 * to 16 is malloc's; up to a page, for a small size, a size class that is
 * a multiple of it; else an aligned mmap (n >= the mmap threshold) or a
 * page run cut at an aligned page, its head given back to the page heap.
 */
#include "malloc/core.h"
#include "malloc/debug.h"
#include "malloc/heap.h"
#include "malloc/large.h"
#include "malloc/malloc_api.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/small.h"
#include "malloc/trace.h"

#define CALLER ((uintptr_t)__builtin_return_address(0))

/* The checked path, or the allocator's; while traced, its malloc line (trace.h). */
static void *alloc_aligned(size_t align, size_t n, uintptr_t site)
{
	void *p =
	    dbg_on() ? dbg_malloc(n, align < 16 ? 16 : align, 0, site) : core_aligned(align, n);
	if (unlikely(im_traced))
		im_trace_aligned(align, n, p, site);
	return p;
}

void *core_aligned(size_t align, size_t n)
{
	if (align <= 16)
		return core_malloc(n);
	if (n <= SMALL_MAX && align <= PAGE) {
		unsigned c = size_class(n > align ? n : align);
		if (unlikely(!heap.inited))
			classes_init();
		while (heap.cls[c].size % align)
			c++;
		/* a class without a span would take a sparse span's granules,
		 * aligned to 32 bytes only */
		return heap.cur[c] || align <= (1u << SPARSE_GRAN_SHIFT) ? small_alloc(c)
									 : small_alloc_span(c);
	}
	if (n > MAX_ALLOC || align > MAX_ALLOC / 2) {
		enomem();
		return NULL;
	}
	if (unlikely(!heap.inited) && !heap_init()) {
		enomem();
		return NULL;
	}
	void *p;
	if (n >= heap.mmap_threshold) {
		p = large_alloc(n, align);
	} else {
		size_t pages = n ? (n + PAGE - 1) >> PAGE_SHIFT : 1;
		size_t ap = align > PAGE ? align >> PAGE_SHIFT : 1;
		struct span *d = small_take_pages(pages + ap - 1, TAG_RUN);
		p = NULL;
		if (d) {
			uintptr_t a = (d->start + align - 1) & ~(align - 1);
			size_t head = (a - d->start) >> PAGE_SHIFT;
			if (head) {
				/* the head goes back; the block becomes a run of its own */
				struct span *h = desc_alloc();
				if (!h) {
					run_free(d);
					enomem();
					return NULL;
				}
				*h = *d;
				h->npages = head;
				d->start = a;
				d->npages -= head;
				for (size_t i = 0; i < d->npages; i++)
					pagemap.owner[page_index(a) + i] = d;
				for (size_t i = 0; i < head; i++)
					pagemap.owner[page_index(h->start) + i] = h;
				run_free(h);
			}
			run_shrink(d, pages);
			d->req = n;
			p = (void *)d->start;
		}
	}
	if (!p)
		enomem();
	return p;
}

static bool pow2(size_t a)
{
	return a && !(a & (a - 1));
}

void *IM_NAME(aligned_alloc)(size_t align, size_t n)
{
	if (!pow2(align)) {
		im_os_set_einval();
		return NULL;
	}
	return alloc_aligned(align, n, CALLER);
}

void *IM_NAME(memalign)(size_t align, size_t n)
{
	if (!pow2(align)) {
		im_os_set_einval();
		return NULL;
	}
	return alloc_aligned(align, n, CALLER);
}

int IM_NAME(posix_memalign)(void **out, size_t align, size_t n)
{
	if (!pow2(align) || align % sizeof(void *))
		return 22; /* EINVAL */
	void *p = alloc_aligned(align, n, CALLER);
	if (!p)
		return 12; /* ENOMEM */
	*out = p;
	return 0;
}
