/*
 * pages.c - the page heap, [base, top) of the sbrk heap, cut into spans,
 * page runs and free runs. Free runs sit in bins (best fit) and, while
 * they have dirty pages, on the idle list; a freed run merges with its
 * free neighbours (the page map's boundary tags); the heap grows at its
 * top (grow.c: the break, or mappings where the break cannot go), and a
 * big free run at its top is trimmed; idle pages are released with
 * madvise. Page runs are taken, freed, shrunk and grown here.
 */
#include "malloc/grow.h"
#include "malloc/heap.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"

/* ------------------------------------------------------------------ */
/* the page heap: free runs */

static void idle_unlink(struct span *f)
{
	if (f->lprev)
		f->lprev->lnext = f->lnext;
	else
		heap.idle_head = f->lnext;
	if (f->lnext)
		f->lnext->lprev = f->lprev;
	else
		heap.idle_tail = f->lprev;
	f->lnext = f->lprev = NULL;
}

/* Inserts f by age (oldest first), looking back at most 8 runs from the
 * young end; if it belongs further back it is made that young instead. */
static void idle_append(struct span *f)
{
	struct span *after = heap.idle_tail;
	for (int k = 0; k < 8 && after && after->freed_at > f->freed_at; k++)
		after = after->lprev;
	if (after && after->freed_at > f->freed_at)
		f->freed_at = after->freed_at;
	f->lprev = after;
	f->lnext = after ? after->lnext : heap.idle_head;
	if (after)
		after->lnext = f;
	else
		heap.idle_head = f;
	if (f->lnext)
		f->lnext->lprev = f;
	else
		heap.idle_tail = f;
}

/* Puts a free run into its bin (dirty runs first: reused before clean ones)
 * and, if dirty, at the young end of the idle list. */
static void bin_insert(struct span *f)
{
	unsigned b = run_bin(f->npages);
	if (f->dirty || !heap.bins[b]) {
		f->prev = NULL;
		f->next = heap.bins[b];
		if (f->next)
			f->next->prev = f;
		heap.bins[b] = f;
	} else {
		struct span *t = heap.bins[b];
		while (t->next)
			t = t->next;
		t->next = f;
		f->prev = t;
		f->next = NULL;
	}
	heap.binmap[b >> 6] |= 1ull << (b & 63);
	f->listed = 1;
	heap.free_pages += f->npages;
	heap.dirty_pages += f->dirty;
	if (f->dirty)
		idle_append(f);
}

static void bin_remove(struct span *f)
{
	unsigned b = run_bin(f->npages);
	if (f->prev)
		f->prev->next = f->next;
	else
		heap.bins[b] = f->next;
	if (f->next)
		f->next->prev = f->prev;
	if (!heap.bins[b])
		heap.binmap[b >> 6] &= ~(1ull << (b & 63));
	f->listed = 0;
	heap.free_pages -= f->npages;
	heap.dirty_pages -= f->dirty;
	if (f->dirty)
		idle_unlink(f);
}

/* Releases the pages of free run f to the kernel (they stay in the heap). */
void run_release(struct span *f)
{
	heap.dirty_pages -= f->dirty;
	idle_unlink(f);
	f->dirty = 0;
	im_os_madvise_dontneed((void *)f->start, f->npages * PAGE);
	/* clean runs go behind dirty ones in their bin */
	unsigned b = run_bin(f->npages);
	if (f->next) {
		if (f->prev)
			f->prev->next = f->next;
		else
			heap.bins[b] = f->next;
		f->next->prev = f->prev;
		struct span *t = f->next;
		while (t->next)
			t = t->next;
		t->next = f;
		f->prev = t;
		f->next = NULL;
	}
}

/*
 * Touching a page never resident is the one way a heap's resident memory
 * grows; if free pages that are resident sit idle meanwhile, the program
 * holds memory it does not use. So before a span uses a page it never
 * used (small.c: from_spans; mid.c: carve, mid_resize), the oldest idle
 * dirty runs give back as many pages, from their top down, in batches of
 * TOUCH_BATCH_PAGES (one madvise for many touches). "Idle" is in
 * heap.clock, the allocator's slow-path events (a small span's word
 * change, a mid block, a page-heap operation), since a program may make
 * thousands of those between two page-heap operations. A run given back
 * and then taken again soon after (run_take) was not idle: the age
 * doubles, so a program whose free pages swing does not fault them in
 * again and again (without the doubling, lifo's stack of blocks, whose
 * spans move over the heap round by round, ran 29x slower).
 */
void pages_touching(size_t used, size_t now)
{
	size_t n = (now + PAGE - 1) / PAGE - (used + PAGE - 1) / PAGE, given = 0;
	struct span *next;
	for (struct span *f = heap.idle_head; f && given < n; f = next) {
		next = f->lnext;
		if (heap.clock - f->quiet_at < heap.touch_age)
			break;
		if (f->dirty < TOUCH_MIN_RUN_PAGES)
			continue; /* a hole of a few pages: soon used again */
		size_t want = n - given < TOUCH_BATCH_PAGES ? TOUCH_BATCH_PAGES : n - given;
		f->released_at = heap.clock; /* never 0: it starts at 1 */
		if (want >= f->dirty || want >= f->npages) {
			given += f->dirty;
			run_release(f);
			continue;
		}
		/* its top `want` pages; the rest may all still be dirty */
		size_t keep = f->npages - want, was = f->dirty;
		if (im_os_madvise_dontneed((void *)(f->start + keep * PAGE), want * PAGE) != 0)
			break; /* still resident: its count stays as it was */
		if (f->dirty > keep)
			f->dirty = keep;
		heap.dirty_pages -= was - f->dirty;
		given += want;
	}
}

/* Idle-page policy (see the theory of operation). */
static void decay(bool force)
{
	size_t in_use = heap_pages() - heap.free_pages;
	size_t hard = in_use > DIRTY_HARD_PAGES ? in_use : DIRTY_HARD_PAGES;
	bool over = force || heap.dirty_pages > hard;
	while (heap.idle_head && heap.dirty_pages > DIRTY_FLOOR_PAGES) {
		struct span *f = heap.idle_head;
		if (over && heap.dirty_pages <= hard / 2)
			over = false;
		if (!over && heap.epoch - f->freed_at < IDLE_AGE)
			break;
		run_release(f);
	}
}

static inline void tick(void)
{
	heap.clock++;
	if (unlikely((++heap.epoch & 255) == 0))
		decay(false);
}

/*
 * The slack added to a growth of the heap: a sixty-fourth of the heap (at
 * least 32 KiB, at most 64 MiB). The break then stays within about 1.5 %
 * of what the heap needs (a program's footprint is what it asked for, not
 * a doubling), while the number of sbrk calls still grows only with the
 * logarithm of the heap's size (each is one cheap system call: pages are
 * faulted in when touched, whatever the step).
 */
static size_t grow_step(void)
{
	size_t step = heap_pages() / 64;
	if (step < GROW_MIN_PAGES)
		step = GROW_MIN_PAGES;
	if (step > GROW_MAX_PAGES)
		step = GROW_MAX_PAGES;
	return step;
}

/*
 * Returns true if a free run of `pages` at the top of the heap is worth
 * giving back: beyond the trim threshold and beyond a sixteenth of the
 * heap (at least 128 KiB, at most 128 MiB: twice the growth step as it
 * was before the step became a 64th), so that growing and trimming never
 * ping-pong: a growth immediately followed by a free cannot trim it.
 */
bool trim_worthwhile(size_t pages)
{
	size_t hyst = heap_pages() / 16;
	if (hyst < 2 * 16)
		hyst = 2 * 16;
	if (hyst > 2 * GROW_MAX_PAGES)
		hyst = 2 * GROW_MAX_PAGES;
	return pages * PAGE > heap.trim_threshold && pages > hyst;
}

/* True if free run f starts where a gap ends: it is all the heap has of
 * the pages above that gap (grow.c). */
static bool just_above_gap(const struct span *f)
{
	size_t first = page_index(f->start);
	return first && pagemap.owner[first - 1]->tag == TAG_GAP;
}

/* Gives back a free run at the top of the heap beyond the pad (grow.c:
 * heap_cut_top). A run that is all the heap has above a gap goes whole,
 * pad and all, and the gap with it (the heap below keeps the pad): the
 * free run below the gap is then trimmed the same way. */
void maybe_trim(struct span *f, size_t keep_pages)
{
	if (f->start + f->npages * PAGE != heap_top())
		return;
	if (keep_pages == TOP_PAD_PAGES && !trim_worthwhile(f->npages))
		return;
	size_t keep = keep_pages == TOP_PAD_PAGES && just_above_gap(f) ? 0 : keep_pages;
	if (f->npages <= keep)
		return;
	bin_remove(f);
	size_t first = page_index(f->start), last = first + f->npages - 1;
	size_t cut = heap_cut_top(f->npages - keep);
	if (!cut) {
		bin_insert(f);
		return;
	}
	if (keep_pages == TOP_PAD_PAGES) {
		heap.trimmed_at = heap.epoch | 1; /* never 0 */
		heap.trimmed_bytes += cut * PAGE; /* since the last growth */
	}
	pagemap.owner[last] = NULL;
	f->npages -= cut;
	if (f->dirty > f->npages)
		f->dirty = f->npages;
	if (f->npages == 0) {
		/* no entry above the top may name a descriptor: a gap made
		 * there later would hold it, and a block mmapped in the gap
		 * would be taken for the descriptor's */
		pagemap.owner[first] = NULL;
		desc_free(f);
		if (heap_drop_top_gap() && pagemap.npages) {
			struct span *t = pagemap.owner[pagemap.npages - 1];
			if (t->tag == TAG_FREE)
				maybe_trim(t, keep_pages);
		}
		return;
	}
	pagemap.owner[page_index(f->start)] = f;
	pagemap.owner[page_index(f->start + (f->npages - 1) * PAGE)] = f;
	bin_insert(f);
}

/* Makes [start, start + n pages) a free run with `dirty` possibly-resident
 * pages, merging with free neighbours. d is a descriptor to use (or NULL). */
static void run_insert_free(struct span *d, uintptr_t start, size_t n, size_t dirty, bool trim)
{
	/* the merged run's age is that of its part with the most dirty pages,
	 * so a little churn beside an old run neither keeps it young forever
	 * nor gets itself released at once */
	uint64_t age = heap.epoch, quiet = heap.clock, released = 0;
	size_t agew = dirty;
	size_t first = page_index(start), last = first + n - 1;
	__builtin_memset(&pagemap.owner[first], 0, n * sizeof(pagemap.owner[0]));
	if (first > 0) {
		struct span *l = pagemap.owner[first - 1];
		if (l->tag == TAG_FREE) {
			bin_remove(l);
			if (l->npages > 1)
				pagemap.owner[first - 1] = NULL;
			start = l->start;
			n += l->npages;
			if (l->dirty > agew)
				age = l->freed_at, quiet = l->quiet_at, agew = l->dirty;
			if (l->released_at > released)
				released = l->released_at;
			dirty += l->dirty;
			if (d)
				desc_free(d);
			d = l;
		}
	}
	if (last + 1 < pagemap.npages) {
		struct span *r = pagemap.owner[last + 1];
		if (r->tag == TAG_FREE) {
			bin_remove(r);
			pagemap.owner[last + 1] = NULL;
			n += r->npages;
			if (r->dirty > agew)
				age = r->freed_at, quiet = r->quiet_at, agew = r->dirty;
			if (r->released_at > released)
				released = r->released_at;
			dirty += r->dirty;
			if (d)
				desc_free(r);
			else
				d = r;
		}
	}
	if (!d) {
		d = desc_alloc();
		if (!d)
			heap_error(E_CORRUPT, "free", (void *)start,
				   "out of memory for heap metadata");
	}
	d->tag = TAG_FREE;
	d->start = start;
	d->npages = n;
	d->dirty = dirty > n ? n : dirty;
	d->freed_at = age;
	d->quiet_at = quiet;
	d->released_at = released;
	pagemap.owner[page_index(start)] = d;
	pagemap.owner[page_index(start) + n - 1] = d;
	bin_insert(d);
	if (trim)
		maybe_trim(d, TOP_PAD_PAGES);
}

/*
 * Called before the heap grows: a trim on free that the heap now grows
 * back over, within the idle age, gave back pages still in use, and each
 * such round trip faults every page in again. Unless mallopt fixed the
 * thresholds, the trim threshold rises to twice itself, at least four
 * times what the trims since the last growth cut (the program's live
 * memory swings by that much) and at least the heap's peak extent (it
 * has been that big and is growing again), up to 64 MiB, glibc's
 * ceiling: a program that churns big blocks stops trimming and
 * refaulting after a swing or two. The free pages it then keeps at the
 * top are released by the idle policy like any others (madvise once
 * idle, or at once beyond the dirty limit), so they do not stay resident
 * for ever.
 */
static void premature_trim_check(void)
{
	if (!heap.trimmed_at)
		return;
	if (!heap.mmap_threshold_fixed && heap.epoch - heap.trimmed_at < IDLE_AGE) {
		size_t t = heap.trim_threshold * 2;
		if (t < 4 * heap.trimmed_bytes)
			t = 4 * heap.trimmed_bytes;
		if (t < pagemap.max_npages * PAGE)
			t = pagemap.max_npages * PAGE;
		heap.trim_threshold = t < TRIM_THRESHOLD_MAX ? t : TRIM_THRESHOLD_MAX;
	}
	heap.trimmed_at = 0;
	heap.trimmed_bytes = 0;
}

/* Grows the heap so that a free run of at least n pages sits at its top
 * (grow.c: heap_extend, which says where the pages come from). */
static bool heap_grow(size_t n)
{
	premature_trim_check();
	size_t have = 0;
	if (pagemap.npages) {
		struct span *t = pagemap.owner[pagemap.npages - 1];
		if (t->tag == TAG_FREE)
			have = t->npages;
	}
	size_t need = n - have;
	size_t step = grow_step();
	if (step < need)
		step = need;
	struct span *d = desc_alloc();
	if (!d)
		return false;
	uintptr_t at;
	size_t got = heap_extend(step, need, n, &at);
	if (!got) {
		desc_free(d);
		return false;
	}
	if (heap_pages() > pagemap.max_npages)
		pagemap.max_npages = heap_pages();
	run_insert_free(d, at, got, 0, false);
	return true;
}

/* Finds the best-fitting free run of >= n pages other than skip (NULL:
 * any run). */
static struct span *run_find(size_t n, const struct span *skip)
{
	unsigned b = run_bin(n);
	if (b > 256 && heap.bins[b]) {
		struct span *best = NULL;
		for (struct span *f = heap.bins[b]; f; f = f->next)
			if (f != skip && f->npages >= n && (!best || f->npages < best->npages))
				best = f;
		if (best)
			return best;
		b++;
	}
	for (unsigned w = b >> 6; w < (NBINS + 63) / 64; w++) {
		uint64_t m = heap.binmap[w];
		if (w == b >> 6)
			m &= ~0ull << (b & 63);
		for (; m; m &= m - 1) { /* the bins that hold a run, in size order */
			struct span *f = heap.bins[(w << 6) + (unsigned)__builtin_ctzll(m)];
			if (f == skip)
				f = f->next; /* every run of these bins fits */
			if (f)
				return f;
		}
	}
	return NULL;
}

/* Cuts n pages off the low end of free run f as a span of the given tag
 * (the rest of f stays free, re-binned); NULL if no descriptor. */
static struct span *run_take(struct span *f, size_t n, uint32_t tag)
{
	check_tag(f, TAG_FREE, "malloc", (void *)f->start);
	tick();
	struct span *d;
	bool fresh = f->dirty == 0;
	/* pages pages_touching gave back, wanted again within four idle ages:
	 * they were not idle (the theory above pages_touching) */
	if (f->released_at && heap.clock - f->released_at < 4 * heap.touch_age &&
	    heap.touch_age < TOUCH_AGE_MAX)
		heap.touch_age *= 2;
	f->released_at = 0;
	bin_remove(f);
	if (f->npages == n) {
		d = f;
	} else {
		d = desc_alloc();
		if (!d) {
			bin_insert(f);
			return NULL;
		}
		d->start = f->start;
		f->start += n * PAGE;
		f->npages -= n;
		if (f->dirty > f->npages)
			f->dirty = f->npages;
		pagemap.owner[page_index(f->start)] = f;
		bin_insert(f);
	}
	uintptr_t start = d->start;
	__builtin_memset(d, 0, sizeof(*d));
	d->start = start;
	d->npages = n;
	d->tag = tag;
	d->fresh = fresh;
	struct span **pm = &pagemap.owner[page_index(start)];
	for (size_t i = 0; i < n; i++)
		pm[i] = d;
	return d;
}

/* Takes n pages from a free run that fits, without growing the heap. */
struct span *run_alloc_fit(size_t n, uint32_t tag)
{
	struct span *f = run_find(n, NULL);
	return f ? run_take(f, n, tag) : NULL;
}

/*
 * Takes n pages from a free run between spans, never from the one at the
 * top of the heap: that run can grow, so a caller settling for fewer
 * pages than it wanted should grow it instead of cutting it short. NULL
 * if no such run fits.
 */
struct span *run_alloc_hole(size_t n, uint32_t tag)
{
	struct span *top = pagemap.npages ? pagemap.owner[pagemap.npages - 1] : NULL;
	struct span *f = run_find(n, top && top->tag == TAG_FREE ? top : NULL);
	return f ? run_take(f, n, tag) : NULL;
}

/* Takes n pages from the page heap as a span of the given tag, growing the heap if no free run
 * fits. */
struct span *run_alloc(size_t n, uint32_t tag)
{
	struct span *f = run_find(n, NULL);
	if (!f) {
		if (!heap_grow(n))
			return NULL;
		f = run_find(n, NULL);
		if (!f)
			return NULL;
	}
	return run_take(f, n, tag);
}

void run_free(struct span *d)
{
	tick();
	run_insert_free(d, d->start, d->npages, d->npages, true);
}

/* Cuts the pages of run d from page `keep` on back to the page heap. */
void run_shrink(struct span *d, size_t keep)
{
	if (keep >= d->npages)
		return;
	uintptr_t cut = d->start + keep * PAGE;
	size_t n = d->npages - keep;
	d->npages = keep;
	tick();
	run_insert_free(NULL, cut, n, n, true);
}

/* Grows run d in place to n pages, from a free run right after it
 * (growing the heap if d is at its top). */
bool run_grow(struct span *d, size_t n)
{
	size_t endp = page_index(d->start) + d->npages, more = n - d->npages;
	if (endp == pagemap.npages) {
		if (!heap_grow(more))
			return false;
	}
	struct span *r = pagemap.owner[endp];
	if (!r || r->tag != TAG_FREE || r->npages < more)
		return false;
	tick();
	bin_remove(r);
	if (r->npages == more) {
		desc_free(r);
	} else {
		r->start += more * PAGE;
		r->npages -= more;
		if (r->dirty > r->npages)
			r->dirty = r->npages;
		pagemap.owner[page_index(r->start)] = r;
		bin_insert(r);
	}
	for (size_t i = 0; i < more; i++)
		pagemap.owner[endp + i] = d;
	d->npages = n;
	return true;
}
