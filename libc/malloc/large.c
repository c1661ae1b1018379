/*
 * large.c - blocks in their own mmap (n >= the mmap threshold): the hash
 * table of their descriptors, by address; allocation (aligned if asked);
 * free by munmap, raising the threshold as glibc does; realloc in place
 * (munmap the tail, or map right after the block) or by moving (mremap,
 * where the kernel has it; else a new mapping and a copy).
 */
#include "malloc/heap.h"
#include "malloc/large.h"
#include "malloc/pagemap.h"

/* ------------------------------------------------------------------ */
/* mmapped blocks */

static bool hash_insert(struct span *d)
{
	if (heap.hcount + 1 > heap.hsize) {
		size_t ns = heap.hsize ? heap.hsize * 4 : 512;
		struct span **nt = im_os_mmap(NULL, ns * sizeof(*nt), 0);
		if (!nt)
			return false;
		struct span **ot = heap.htab;
		size_t os = heap.hsize;
		heap.htab = nt;
		heap.hsize = ns;
		for (size_t i = 0; i < os; i++) {
			for (struct span *e = ot[i], *n; e; e = n) {
				n = e->next;
				size_t h = hash_ptr(e->start);
				e->next = nt[h];
				nt[h] = e;
			}
		}
		if (ot)
			im_os_munmap(ot, os * sizeof(*ot));
	}
	size_t h = hash_ptr(d->start);
	d->next = heap.htab[h];
	heap.htab[h] = d;
	heap.hcount++;
	return true;
}

struct span *hash_find(uintptr_t a, bool unlink)
{
	if (!heap.hsize)
		return NULL;
	struct span **pp = &heap.htab[hash_ptr(a)];
	for (struct span *e = *pp; e; pp = &e->next, e = e->next) {
		if (e->start == a) {
			check_tag(e, TAG_LARGE, "free", (void *)a);
			if (unlink) {
				*pp = e->next;
				heap.hcount--;
			}
			return e;
		}
	}
	return NULL;
}

void *large_alloc(size_t n, size_t align)
{
	size_t len = (n + PAGE - 1) & ~(PAGE - 1);
	size_t extra = align > PAGE ? align : 0;
	if (unlikely(!heap.inited) && !heap_init())
		return NULL;
	struct span *d = desc_alloc();
	if (!d)
		return NULL;
	char *m = im_os_mmap(NULL, len + extra, 0);
	if (!m) {
		desc_free(d);
		return NULL;
	}
	if (extra) {
		uintptr_t a = ((uintptr_t)m + align - 1) & ~(align - 1);
		if (a > (uintptr_t)m)
			im_os_munmap(m, a - (uintptr_t)m);
		uintptr_t end = (uintptr_t)m + len + extra;
		if (end > a + len)
			im_os_munmap((void *)(a + len), end - (a + len));
		m = (char *)a;
	}
	d->tag = TAG_LARGE;
	d->start = (uintptr_t)m;
	d->npages = len / PAGE;
	d->req = n;
	d->fresh = 1;
	if (!hash_insert(d)) {
		im_os_munmap(m, len);
		desc_free(d);
		return NULL;
	}
	heap.large_bytes += len;
	return m;
}

void large_free(struct span *d)
{
	size_t len = d->npages * PAGE;
	hash_find(d->start, true);
	heap.large_bytes -= len;
	heap.recent_large[heap.recent_i++ & 15] = d->start;
	im_os_munmap((void *)d->start, len);
	/* glibc's dynamic threshold, raised faster: blocks this big, and all
	 * up to twice the old threshold, now come from the heap */
	if (!heap.mmap_threshold_fixed && len >= heap.mmap_threshold && len <= MMAP_THRESHOLD_MAX) {
		size_t t = 2 * heap.mmap_threshold;
		heap.mmap_threshold = t > len + 1 && t <= MMAP_THRESHOLD_MAX ? t : len + 1;
		if (heap.trim_threshold < 2 * len)
			heap.trim_threshold = 2 * len;
	}
	desc_free(d);
}

void *realloc_large(struct span *d, void *p, size_t n)
{
	size_t len = d->npages * PAGE, need = (n + PAGE - 1) & ~(PAGE - 1);
	if (need <= len) {
		/* shrink in place: unmap whole pages beyond need (keep a little slack) */
		if (len - need >= 16 * PAGE && need > 0) {
			im_os_munmap((char *)p + need, len - need);
			heap.large_bytes -= len - need;
			d->npages = need / PAGE;
		}
		d->req = n;
		return p;
	}
	/* grow in place if the address range after the mapping is free */
	if (im_os_mmap((char *)p + len, need - len, 1)) {
		heap.large_bytes += need - len;
		d->npages = need / PAGE;
		d->req = n;
		return p;
	}
	/* move, with 50% headroom: reserved address space, not memory */
	size_t cap = need + (need / 2 & ~(PAGE - 1));
	/* the kernel moves the pages themselves (mremap): no copy, and the
	 * new mapping's pages are the old ones, not fresh ones to fault in */
	void *m = im_os_remap(p, len, cap);
	if (m) {
		hash_find(d->start, true); /* unlinked first, so the insert cannot grow the table */
		d->start = (uintptr_t)m;
		d->npages = cap / PAGE;
		d->req = n;
		hash_insert(d);
		heap.large_bytes += cap - len;
		return m;
	}
	void *q = large_alloc(cap, 0);
	if (!q) {
		q = large_alloc(n, 0);
		if (!q)
			return NULL;
	}
	__builtin_memcpy(q, p, len < n ? len : n);
	struct span *nd = hash_find((uintptr_t)q, false);
	nd->req = n;
	hash_find(d->start, true);
	heap.large_bytes -= len;
	im_os_munmap(p, len);
	desc_free(d);
	return q;
}
