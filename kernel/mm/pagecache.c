/*
 * pagecache.c - the page cache (pagecache.h).
 *
 * Theory of operation. mmap of a file must give every process that maps
 * page i of the file the same bytes, and should not copy them once per
 * process: the cache keeps one frame per (file, page index), filled from
 * the file's bytes on the first fault that needs it (the tail of the last
 * page past the end of the file is zeroes, as Linux's), and every mapping
 * of that page maps that one frame. The frame's reference count (pmm.h)
 * counts both kinds of holder: the cache keeps one reference for as long
 * as the page is cached, and each page-table entry naming the frame adds
 * one. A private mapping that writes gets a copy (cow.c's break: the count
 * is never 1 while the cache holds the frame, so the break always copies),
 * and the cached frame itself is never written.
 *
 * When pages go. A frame whose only reference is the cache's is a page
 * nobody maps. The cache forgets such pages (pagecache_trim) whenever an
 * address space is torn down (exit, execve: mm_destroy) and when a fill
 * runs out of memory (the memory pressure of a kernel with no swap). So a
 * page stays cached while some process maps it, and for a process's
 * lifetime after it unmapped it (a second mmap of it is then a cache hit);
 * once every program has exited the cache is empty again, which keeps the
 * rule that the free frames return to their baseline after each program.
 *
 * The pages are kept in a small hash table of lists keyed by the struct
 * mm_file's address and the index; the entries come from the kernel heap.
 * The cache registers itself with the invariant checker (mm_check.h) as a
 * holder of one reference per cached frame.
 */
#include "mm/pagecache.h"
#include "arch/x86_64/memlayout.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"

#include <stdbool.h>

#define BUCKETS 64

struct cached_page {
	const struct mm_file *file;
	uint64_t index;
	uint64_t frame; /* physical address; the cache holds one reference */
	struct cached_page *next;
};

static struct cached_page *buckets[BUCKETS];
static size_t npages;

/* Returns the bucket of (f, index): the address and the index mixed. */
static struct cached_page **bucket(const struct mm_file *f, uint64_t index)
{
	uint64_t h = ((uint64_t)(uintptr_t)f >> 4) * 0x9e3779b97f4a7c15ull + index;
	return &buckets[(h ^ (h >> 29)) % BUCKETS];
}

/* Calls fn on every cached frame once: the checker counts the cache's references. */
static void each_frame(void (*fn)(uint64_t frame, void *arg), void *arg)
{
	for (unsigned b = 0; b < BUCKETS; b++)
		for (struct cached_page *p = buckets[b]; p; p = p->next)
			fn(p->frame, arg);
}

static struct mm_check_holder holder = {.name = "page cache", .each = each_frame};

uint64_t pagecache_lookup(const struct mm_file *f, uint64_t index)
{
	for (struct cached_page *p = *bucket(f, index); p; p = p->next)
		if (p->file == f && p->index == index)
			return p->frame;
	return 0;
}

/* Copies page index of f into the frame, zeroing what lies past the end. */
static void fill(uint64_t frame, const struct mm_file *f, uint64_t index)
{
	uint8_t *dst = phys_to_virt(frame);
	uint64_t off = index * PAGE_SIZE, n = 0;
	if (off < f->size)
		n = f->size - off < PAGE_SIZE ? f->size - off : PAGE_SIZE;
	memcpy(dst, f->data + off, n);
	memset(dst + n, 0, PAGE_SIZE - n);
}

/* Makes a new cached page: its entry and filled frame, or NULL (nothing kept). */
static struct cached_page *make_page(const struct mm_file *f, uint64_t index)
{
	struct cached_page *p = kmalloc(sizeof *p);
	if (!p)
		return NULL;
	p->frame = pmm_alloc_owned(0, FRAME_OWNER_PAGE_CACHE);
	if (!p->frame) {
		kfree(p);
		return NULL;
	}
	fill(p->frame, f, index);
	p->file = f;
	p->index = index;
	return p;
}

uint64_t pagecache_get(const struct mm_file *f, uint64_t index, bool *full)
{
	*full = false;
	if (f->page) /* a file of /tmp: its own pages, not copies */
		return f->page(f, index, full);
	uint64_t frame = pagecache_lookup(f, index);
	if (frame) {
		pmm_ref(frame); /* the caller's reference */
		return frame;
	}
	struct cached_page *p = make_page(f, index);
	if (!p && pagecache_trim() > 0) /* memory pressure: forget unmapped pages */
		p = make_page(f, index);
	if (!p)
		return 0;
	static bool registered;
	if (!registered) {
		mm_check_add_holder(&holder);
		registered = true;
	}
	struct cached_page **b = bucket(f, index);
	p->next = *b;
	*b = p;
	npages++;
	pmm_ref(p->frame); /* 1 was the cache's; this one is the caller's */
	return p->frame;
}

size_t pagecache_trim(void)
{
	size_t freed = 0;
	if (npages == 0) /* the common exit: a program that mapped no file */
		return 0;
	for (unsigned b = 0; b < BUCKETS; b++) {
		struct cached_page **pp = &buckets[b];
		while (*pp) {
			struct cached_page *p = *pp;
			if (pmm_refcount(p->frame) != 1) {
				pp = &p->next;
				continue;
			}
			*pp = p->next;
			pmm_unref(p->frame); /* the last reference: the frame is free */
			kfree(p);
			npages--;
			freed++;
		}
	}
	return freed;
}

size_t pagecache_pages(void)
{
	return npages;
}
