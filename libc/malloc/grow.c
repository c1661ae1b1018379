/*
 * grow.c - where the page heap's pages come from, and where they go back.
 *
 * Theory of operation. The heap is one range of pages [base, top) under
 * one page map (pagemap.h), and it grows and shrinks at the top. Its
 * pages come from the break (sbrk), the C library heap of the OSTEP
 * chapter, whose program break moves as malloc asks for memory. Two
 * things can stop the break from giving the heap the pages just above
 * its top, and neither should stop malloc:
 *
 *   - The program moved the break itself: its own sbrk, which the chapter
 *     invites it to try (tests/libc/ostep_sbrk.c). The next sbrk of the
 *     heap then returns memory above the program's. The program's pages
 *     stay the program's, a gap in the heap, and the heap goes on above.
 *   - The break cannot move: a mapping just above it, or a limit
 *     (Valgrind's break stops at 8 MiB). The heap goes on in anonymous
 *     mappings: just above its top if that address space is free
 *     (MAP_FIXED_NOREPLACE, which never replaces anyone's mapping), else
 *     further up, leaving a gap.
 *
 *     base                  brk_end        (old top)                 top
 *     | the break's pages    | mapped pages | gap: not the heap's | mapped |
 *
 * A gap has a descriptor (TAG_GAP) at its first and last page, as a free
 * run has, so that no free run merges across it and the heap walk steps
 * over it, and a place in heap_gaps, so that a pointer into it (the
 * program's own memory, or an mmapped block placed there) is never taken
 * for the heap's. The page map covers the gaps as it covers the rest (its
 * window is MAX_HEAP_PAGES from base; the pages of the map under a gap
 * are never touched), and everything else works as before.
 *
 * Giving back (heap_cut_top) goes down from the top the same way: mapped
 * pages are unmapped; the break's pages go with a negative sbrk if the
 * break is still where the heap left it (the program may have moved it
 * since); a gap whose pages above are all gone is dropped, and the heap
 * below it is the top again. glibc's main arena does the same (a
 * "foreign sbrk"; mmap when the break fails).
 */
#include "malloc/grow.h"
#include "malloc/os.h"

struct heap_gap heap_gaps[MAX_GAPS];

/* True if [a, a + pages) lies in the page map's window. */
static bool in_window(uintptr_t a, size_t pages)
{
	return a >= pagemap.base && pages <= MAX_HEAP_PAGES &&
	       page_index(a) <= MAX_HEAP_PAGES - pages;
}

/* Makes [top, end) a gap, with descriptor d, below pages that begin at
 * end; brk: the break the program left there, if the gap is its memory. */
static void gap_add(struct span *d, uintptr_t end, uintptr_t brk)
{
	uintptr_t start = heap_top();
	d->tag = TAG_GAP;
	d->start = start;
	d->npages = (end - start) >> PAGE_SHIFT;
	heap_gaps[pagemap.ngaps++] = (struct heap_gap){start, end, pagemap.brk_end, brk};
	pagemap.owner[page_index(start)] = d;
	pagemap.owner[page_index(end) - 1] = d;
	pagemap.gap_pages += d->npages;
	pagemap.npages = page_index(end);
}

/* A descriptor for a gap, if the heap may have one more; NULL if not. */
static struct span *gap_desc(void)
{
	return pagemap.ngaps < MAX_GAPS ? desc_alloc() : NULL;
}

/*
 * The program's break was at old, above the heap's top, when the heap
 * asked for pages: its own memory is below old. Takes len pages from the
 * first page at or above old, the program's pages becoming a gap; returns
 * len, or 0 if there is no memory (or no room for a gap).
 */
static size_t after_program_break(uintptr_t old, size_t len, uintptr_t *at)
{
	uintptr_t start = (old + PAGE - 1) & ~(PAGE - 1);
	if (!in_window(start, len))
		return 0;
	struct span *d = gap_desc();
	if (!d)
		return 0;
	size_t bytes = start - old + len * PAGE;
	void *got = im_os_sbrk((intptr_t)bytes);
	if ((uintptr_t)got != old) {
		if (got)
			im_os_sbrk(-(intptr_t)bytes);
		desc_free(d);
		return 0;
	}
	gap_add(d, start, old);
	pagemap.brk_end = start + len * PAGE;
	pagemap.npages += len;
	*at = start;
	return len;
}

/* step, else need, pages from the break just above the top; or, if the
 * program moved the break, at least n above its memory. 0 if none. */
static size_t from_break(size_t step, size_t need, size_t n, uintptr_t *at)
{
	uintptr_t top = heap_top();
	for (size_t len = step;; len = need) {
		void *old = in_window(top, len) ? im_os_sbrk((intptr_t)(len * PAGE)) : NULL;
		if (old == (void *)top) {
			pagemap.brk_end = top + len * PAGE;
			pagemap.npages += len;
			*at = top;
			return len;
		}
		if (old) { /* not where the heap left it */
			im_os_sbrk(-(intptr_t)(len * PAGE));
			if ((uintptr_t)old < top)
				return 0; /* below the heap: the program cut it */
			return after_program_break((uintptr_t)old, len > n ? len : n, at);
		}
		if (len == need)
			return 0;
	}
}

/* step, else need, pages mapped just above the top; else at least n mapped
 * further up, above a gap. 0 if none. */
static size_t from_mappings(size_t step, size_t need, size_t n, uintptr_t *at)
{
	uintptr_t top = heap_top();
	for (size_t len = step;; len = need) {
		if (in_window(top, len) && im_os_mmap((void *)top, len * PAGE, 1)) {
			pagemap.mapped_pages += len;
			pagemap.npages += len;
			*at = top;
			return len;
		}
		if (len == need)
			break;
	}
	/* something is mapped at the top: go past it, 64 KiB up, then 4x
	 * as far each time, as far as the page map reaches */
	size_t len = step > n ? step : n;
	for (size_t skip = 16; in_window(top + skip * PAGE, len); skip *= 4) {
		struct span *d = gap_desc();
		if (!d)
			return 0;
		uintptr_t start = top + skip * PAGE;
		if (im_os_mmap((void *)start, len * PAGE, 1)) {
			gap_add(d, start, 0);
			pagemap.brk_end = start; /* none of the top's pages are the break's */
			pagemap.mapped_pages += len;
			pagemap.npages += len;
			*at = start;
			return len;
		}
		desc_free(d);
	}
	return 0;
}

void heap_break_at_base(void)
{
	uintptr_t b = (uintptr_t)im_os_brk_now(), a = pagemap.base;
	if (b == a || (b < a && im_os_sbrk((intptr_t)(a - b))))
		pagemap.brk_end = a;
}

size_t heap_extend(size_t step, size_t need, size_t n, uintptr_t *at)
{
	if (!pagemap.npages && pagemap.brk_end != pagemap.base)
		heap_break_at_base(); /* it could not at start-up: again */
	if (pagemap.brk_end == heap_top()) {
		size_t got = from_break(step, need, n, at);
		if (got)
			return got;
	}
	return from_mappings(step, need, n, at);
}

size_t heap_cut_top(size_t cut)
{
	uintptr_t top = heap_top(), end = top - cut * PAGE;
	if (pagemap.brk_end < top) { /* mapped pages, down to the break's */
		uintptr_t lo = end > pagemap.brk_end ? end : pagemap.brk_end;
		if (im_os_munmap((void *)lo, top - lo))
			return 0;
		pagemap.mapped_pages -= (top - lo) >> PAGE_SHIFT;
		top = lo;
	}
	/* the break's pages, if the break is where the heap left it */
	if (end < top && (uintptr_t)im_os_brk_now() == top && im_os_sbrk(-(intptr_t)(top - end)))
		top = end;
	if (pagemap.brk_end > top)
		pagemap.brk_end = top;
	size_t given = pagemap.npages - page_index(top);
	pagemap.npages = page_index(top);
	return given;
}

bool heap_drop_top_gap(void)
{
	if (!pagemap.ngaps)
		return false;
	struct heap_gap *g = &heap_gaps[pagemap.ngaps - 1]; /* the highest */
	if (g->end != heap_top())
		return false;
	/* the program's memory, the heap's pages above it all given back:
	 * its break goes back to exactly where it left it */
	if (g->brk && (uintptr_t)im_os_brk_now() == g->end)
		im_os_sbrk(-(intptr_t)(g->end - g->brk));
	struct span *d = pagemap.owner[page_index(g->start)];
	pagemap.owner[page_index(g->start)] = NULL;
	pagemap.owner[page_index(g->end) - 1] = NULL;
	pagemap.gap_pages -= d->npages;
	pagemap.npages = page_index(g->start);
	pagemap.brk_end = g->brk_end;
	pagemap.ngaps--;
	desc_free(d);
	return true;
}
