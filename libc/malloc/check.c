/*
 * check.c - the allocator's diagnostics: the statistics (mallinfo2, malloc_stats),
 * malloc_debug_span_of, and malloc_check_heap, the heap walk that checks
 * every invariant (docs/MALLOC.md, "Invariants").
 */
#include "malloc/debug.h"
#include "malloc/heap.h"
#include "malloc/large.h"
#include "malloc/malloc_api.h"
#include "malloc/mid.h"
#include "malloc/pagemap.h"
#include "malloc/pages.h"
#include "malloc/report.h"

/* ------------------------------------------------------------------ */
/* statistics and the heap walk */

struct IM_NAME(mallinfo2) IM_NAME(mallinfo2)(void)
{
	struct IM_NAME(mallinfo2) mi;
	__builtin_memset(&mi, 0, sizeof(mi));
	/* the heap's pages where the break could not go are mapped, so they
	 * count with the mmapped blocks (grow.c) */
	mi.arena = (heap_pages() - pagemap.mapped_pages) * PAGE;
	mi.usmblks = pagemap.max_npages * PAGE;
	mi.hblkhd = heap.large_bytes + pagemap.mapped_pages * PAGE;
	mi.hblks = heap.hcount;
	mi.uordblks = heap.large_bytes;
	for (size_t i = 0; heap.inited && i < pagemap.npages;) {
		struct span *s = pagemap.owner[i];
		if (s->tag == TAG_SMALL) {
			mi.smblks++;
			mi.uordblks += (size_t)(s->nslots - s->nfree) * s->size;
			mi.fsmblks += (size_t)s->nfree * s->size;
		} else if (s->tag == TAG_MID) {
			mi.smblks++;
			mi.uordblks += (size_t)(s->nslots - s->nfree) << s->gshift;
			mi.fsmblks += (size_t)s->nfree << s->gshift;
		} else if (s->tag == TAG_RUN) {
			mi.uordblks += s->npages * PAGE;
		} else if (s->tag == TAG_FREE) {
			mi.ordblks++;
			mi.fordblks += s->npages * PAGE;
			if (i + s->npages == pagemap.npages)
				mi.keepcost = s->npages * PAGE;
		}
		i += s->npages;
	}
	/* MALLOC_CHECK=1: the blocks the program freed and the quarantine
	 * still holds are not in use (the program has none of them), so
	 * that in use is back where it was once the program has freed all
	 * it took, in every mode */
	if (dbg_mode == 1)
		mi.uordblks -= rz_quarantined();
	return mi;
}

static void line(const char *label, size_t v, const char *unit)
{
	struct memerr_line l = {.len = 0};
	memerr_put(&l, label);
	memerr_put_dec(&l, v);
	memerr_put(&l, unit);
	memerr_put(&l, "\n");
	im_os_write_err(l.text, l.len);
}

void IM_NAME(malloc_stats)(void)
{
	struct IM_NAME(mallinfo2) mi = IM_NAME(mallinfo2)();
	line("heap (sbrk) bytes:      ", mi.arena, "");
	line("heap peak bytes:        ", mi.usmblks, "");
	line("in use bytes:           ", mi.uordblks, "");
	line("small spans:            ", mi.smblks, "");
	line("free in small spans:    ", mi.fsmblks, " bytes");
	line("free page runs:         ", mi.ordblks, "");
	line("free run bytes:         ", mi.fordblks, "");
	line("  of which dirty:       ", heap.dirty_pages * PAGE, " bytes");
	line("trimmable at top:       ", mi.keepcost, " bytes");
	line("mmapped blocks:         ", mi.hblks, "");
	line("mmapped bytes:          ", mi.hblkhd, "");
	if (pagemap.mapped_pages || pagemap.ngaps) { /* the break stopped (grow.c) */
		line("  of which heap pages:  ", pagemap.mapped_pages * PAGE, "");
		line("gaps in the heap:       ", pagemap.ngaps, "");
		line("  their bytes:          ", pagemap.gap_pages * PAGE, "");
	}
	line("mmap threshold:         ", heap.mmap_threshold, " bytes");
	line("sbrk calls:             ", im_os_counters.sbrk_calls, "");
	line("mmap/munmap/madvise:    ", im_os_counters.mmap_calls, "");
	line("                        ", im_os_counters.munmap_calls, "");
	line("                        ", im_os_counters.madvise_calls, "");
	if (heap.unfreed_blocks) { /* only after mmap failed (mid.c: free_granules) */
		line("blocks left unfreed:    ", heap.unfreed_blocks,
		     " (no memory for their records)");
		line("  their bytes:          ", heap.unfreed_bytes, "");
	}
}

void *malloc_debug_span_of(const void *p)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = (a - pagemap.base) >> PAGE_SHIFT;
	if (heap.inited && heap_holds(a))
		return pagemap.owner[i];
	return hash_find(a, false);
}

static int fail(int ln, const char *what)
{
	struct memerr_line l = {.len = 0};
	memerr_put(&l, "malloc_check_heap: ");
	memerr_put(&l, what);
	memerr_put(&l, " (check.c:");
	memerr_put_dec(&l, (size_t)ln);
	memerr_put(&l, ")\n");
	im_os_write_err(l.text, l.len);
	return ln;
}

#define CHECK(c, what)                                                                             \
	do {                                                                                       \
		if (!(c))                                                                          \
			return fail(__LINE__, what);                                               \
	} while (0)

/* Checks mid span s at page i: its pages, geometry and bitmaps (no head
 * on a free granule, nothing beyond the last granule, the free count),
 * its free-run index, its list; 0 if all hold, else the
 * failing line. */
static uint32_t sparse_seen[SPARSE_MAX_BLOCK_GRANULES + 1]; /* check_mid's count */

static int check_mid(const struct span *s, size_t i)
{
	CHECK(s->mx, "mid span without its index");
	for (size_t j = 0; j < s->npages; j++)
		CHECK(pagemap.owner[i + j] == s, "span page not owned by its descriptor");
	bool sparse = s->gshift == SPARSE_GRAN_SHIFT;
	CHECK(sparse ? s->npages == 1 && s->nslots == SPARSE_GRANULES
		     : s->gshift == MID_GRAN_SHIFT && s->npages >= MID_HOLE_PAGES &&
			   s->npages <= MID_MAX_PAGES &&
			   s->nslots == s->npages * PAGE >> MID_GRAN_SHIFT,
	      "mid span geometry wrong");
	uint32_t cnt = 0;
	for (uint32_t w = 0; w < BITWORDS; w++) {
		uint64_t valid = w * 64 >= s->nslots	    ? 0
				 : s->nslots - w * 64 >= 64 ? ~0ull
							    : (1ull << (s->nslots - w * 64)) - 1;
		CHECK(!(s->bits[w] & ~valid) && !(s->mx->heads[w] & ~valid),
		      "mid bitmap bit set beyond the last granule");
		CHECK(!(s->bits[w] & s->mx->heads[w]), "mid block head on a free granule");
		cnt += (uint32_t)__builtin_popcountll(s->bits[w]);
		/* past its touched granules, every granule is free */
		uint64_t fresh = w * 64 + 64 <= s->touched ? 0
				 : w * 64 >= s->touched	   ? ~0ull
							   : ~0ull << (s->touched - w * 64);
		CHECK(!(~s->bits[w] & valid & fresh), "mid block past the span's touched granules");
	}
	CHECK(s->touched <= s->nslots, "mid span touched past its end");
	CHECK(cnt == s->nfree, "free-granule count disagrees with the bitmap");
	CHECK((s->bits[0] & 1) || (s->mx->heads[0] & 1), "mid span starts inside a block");
	for (uint32_t g = 1; g < s->nslots; g++)
		CHECK(!(!(s->bits[g >> 6] >> (g & 63) & 1) &&
			(s->bits[(g - 1) >> 6] >> ((g - 1) & 63) & 1) &&
			!(s->mx->heads[g >> 6] >> (g & 63) & 1)),
		      "mid block without a head after a free granule");
	CHECK(mid_index_matches(s), "mid free-run index disagrees with the bitmap");
	CHECK(mid_lengths_match(s), "mid block length disagrees with the bitmaps");
	CHECK(s->listed == (sparse ? 2 : 1), "mid span not on its list");
	if (sparse) {
		/* its blocks, by length, for the sparse accounting */
		for (uint32_t g = 0; g < s->nslots; g++) {
			if (!(s->mx->heads[g >> 6] >> (g & 63) & 1))
				continue;
			size_t len =
			    mid_usable(s, s->start + ((uintptr_t)g << s->gshift)) >> s->gshift;
			CHECK(len <= SPARSE_MAX_BLOCK_GRANULES, "sparse block too long");
			sparse_seen[len] += (uint32_t)len;
		}
	}
	return 0;
}

int malloc_check_heap(void)
{
	if (!heap.inited)
		return 0;
	size_t free_pages = 0, dirty = 0, nfreeruns = 0;
	size_t spans_per_class[NCLASS] = {0}, mid_spans = 0, sparse_spans = 0;
	uint32_t nruns = 0; /* the mid and sparse spans' recorded free runs */
	__builtin_memset(sparse_seen, 0, sizeof sparse_seen);
	struct span *prev = NULL;
	CHECK(pagemap.base % PAGE == 0, "heap base not page aligned");
	uintptr_t top = heap_top();
	CHECK(pagemap.brk_end != top || (uintptr_t)im_os_brk_now() >= top,
	      "break below the heap's top");
	CHECK(pagemap.brk_end <= top, "the break's pages end above the top");
	size_t gap_pages = 0;
	unsigned ngaps = 0;
	for (size_t i = 0; i < pagemap.npages;) {
		struct span *s = pagemap.owner[i];
		CHECK(s != NULL, "page map hole at a span start");
		CHECK(s->start == pagemap.base + i * PAGE,
		      "descriptor start disagrees with the page map");
		CHECK(s->npages >= 1 && i + s->npages <= pagemap.npages, "span runs past the top");
		if (s->tag == TAG_FREE) {
			CHECK(!prev || prev->tag != TAG_FREE, "two free runs touch (not merged)");
			CHECK(pagemap.owner[i + s->npages - 1] == s,
			      "free run's last page tag is wrong");
			for (size_t j = 1; j + 1 < s->npages; j++)
				CHECK(pagemap.owner[i + j] == NULL,
				      "free run interior not cleared");
			CHECK(s->listed, "free run not in a bin");
			CHECK(s->dirty <= s->npages, "free run dirty count too big");
			CHECK(heap.binmap[run_bin(s->npages) >> 6] &
				  (1ull << (run_bin(s->npages) & 63)),
			      "bin of a free run not marked");
			bool found = false;
			for (struct span *f = heap.bins[run_bin(s->npages)]; f; f = f->next)
				if (f == s)
					found = true;
			CHECK(found, "free run missing from its bin");
			free_pages += s->npages;
			dirty += s->dirty;
			nfreeruns++;
		} else if (s->tag == TAG_GAP) {
			CHECK(ngaps < pagemap.ngaps && heap_gaps[ngaps].start == s->start &&
				  heap_gaps[ngaps].end == s->start + s->npages * PAGE,
			      "a gap in the heap is not listed");
			CHECK(pagemap.owner[i + s->npages - 1] == s &&
				  (!prev || prev->tag != TAG_GAP) && i + s->npages < pagemap.npages,
			      "a gap's page-map entries are wrong");
			/* its interior is NULL (the first 4096 entries: a big gap's
			 * map is not read, nor made resident, for a test) */
			for (size_t j = 1; j + 1 < s->npages && j < 4096; j++)
				CHECK(pagemap.owner[i + j] == NULL,
				      "a page-map entry inside a gap");
			gap_pages += s->npages;
			ngaps++;
		} else if (s->tag == TAG_MID) {
			int r = check_mid(s, i);
			if (r)
				return r;
			nruns += s->mx->nruns;
			if (s->gshift == SPARSE_GRAN_SHIFT)
				sparse_spans++;
			else
				mid_spans++;
		} else if (s->tag == TAG_SMALL || s->tag == TAG_RUN) {
			for (size_t j = 0; j < s->npages; j++)
				CHECK(pagemap.owner[i + j] == s,
				      "span page not owned by its descriptor");
			if (s->tag == TAG_SMALL) {
				struct sclass *k = &heap.cls[s->cls];
				CHECK(s->cls >= 1 && s->cls < NCLASS,
				      "small span class out of range");
				CHECK(s->size == k->size && s->recip == k->recip &&
					  s->npages >= k->minpages && s->npages <= k->pages &&
					  s->nslots == s->npages * PAGE / s->size,
				      "small span geometry wrong");
				CHECK(s->quiet_at <= heap.clock,
				      "small span's clock stamp in the future");
				uint32_t cnt = 0, firstw = BITWORDS;
				for (uint32_t w = 0; w < BITWORDS; w++) {
					uint64_t word = s->bits[w];
					if (w * 64 + 64 > s->nslots) {
						uint64_t valid =
						    w * 64 >= s->nslots
							? 0
							: (1ull << (s->nslots - w * 64)) - 1;
						CHECK(!(word & ~valid),
						      "bitmap bit set beyond the last slot");
					}
					if (w >= s->touched)
						CHECK(w * 64 >= s->nslots ||
							  word == (s->nslots - w * 64 >= 64
								       ? ~0ull
								       : (1ull
									  << (s->nslots - w * 64)) -
									     1),
						      "small block past the span's touched words");
					for (uint64_t x = word; x; x &= x - 1)
						cnt++;
					if (word && firstw == BITWORDS)
						firstw = w;
				}
				CHECK(cnt == s->nfree, "free-slot count disagrees with the bitmap");
				CHECK(s->cursor <= firstw || firstw == BITWORDS,
				      "cursor beyond a free slot");
				CHECK(s->nfree == 0 || s->listed,
				      "span with free slots not on its class list");
				spans_per_class[s->cls]++;
			} else {
				CHECK(s->req <= s->npages * PAGE, "run size record wrong");
			}
		} else {
			return fail(__LINE__, "descriptor tag corrupted");
		}
		prev = s;
		i += s->npages;
	}
	CHECK(ngaps == pagemap.ngaps && gap_pages == pagemap.gap_pages, "gap count wrong");
	CHECK(pagemap.npages == MAX_HEAP_PAGES || pagemap.owner[pagemap.npages] == NULL,
	      "a page-map entry above the top"); /* a later gap would hold it */
	CHECK(pagemap.mapped_pages <= heap_pages(), "mapped page count wrong");
	CHECK(free_pages == heap.free_pages, "free page count wrong");
	CHECK(dirty == heap.dirty_pages, "dirty page count wrong");
	size_t binned = 0;
	for (unsigned b = 0; b < NBINS; b++) {
		CHECK(!!heap.bins[b] == !!(heap.binmap[b >> 6] & (1ull << (b & 63))),
		      "bin bitmap wrong");
		for (struct span *f = heap.bins[b]; f; f = f->next) {
			CHECK(f->tag == TAG_FREE && run_bin(f->npages) == b, "wrong run in a bin");
			CHECK(!f->next || f->next->prev == f, "bin list links broken");
			binned++;
		}
	}
	CHECK(binned == nfreeruns, "bins hold runs that are not in the heap");
	size_t idle = 0;
	uint64_t last = 0;
	for (struct span *f = heap.idle_head; f; f = f->lnext) {
		CHECK(f->tag == TAG_FREE && f->dirty > 0, "clean run on the idle list");
		CHECK(f->freed_at >= last, "idle list out of order");
		CHECK(f->quiet_at <= heap.clock && f->released_at <= heap.clock,
		      "free run's clock stamps in the future");
		CHECK(!f->lnext || f->lnext->lprev == f, "idle list links broken");
		last = f->freed_at;
		idle++;
	}
	size_t want_idle = 0;
	for (unsigned b = 0; b < NBINS; b++)
		for (struct span *f = heap.bins[b]; f; f = f->next)
			want_idle += f->dirty > 0;
	CHECK(idle == want_idle, "dirty run missing from the idle list");
	for (unsigned c = 1; c < NCLASS; c++) {
		size_t n = 0;
		for (struct span *s = heap.cur[c]; s; s = s->next) {
			CHECK(s->tag == TAG_SMALL && s->cls == c && s->listed,
			      "bad span on a class list");
			CHECK(s->next ? s->next->prev == s : heap.cls[c].tail == s,
			      "class list links broken");
			n++;
		}
		CHECK(spans_per_class[c] == heap.cls[c].nspans, "class span count wrong");
		CHECK(n <= spans_per_class[c], "class list longer than its spans");
	}
	size_t nmid = 0, nempty = 0;
	for (struct span *s = heap.mid_spans; s && nmid <= mid_spans; s = s->next, nmid++) {
		CHECK(s->tag == TAG_MID && s->gshift == MID_GRAN_SHIFT &&
			  (s->next ? s->next->prev == s : true) && (s->prev || heap.mid_spans == s),
		      "mid span list broken");
		nempty += s->nfree == s->nslots;
	}
	CHECK(nmid == mid_spans && mid_spans == heap.mid_nspans, "mid span count wrong");
	CHECK(nempty == heap.mid_empty && nempty <= MID_KEEP_EMPTY, "empty mid span count wrong");
	CHECK(mid_runs_listed(nruns), "mid free-run lists broken");
	size_t nsparse = 0;
	for (struct span *s = heap.sparse; s && nsparse <= sparse_spans; s = s->next, nsparse++)
		CHECK(s->tag == TAG_MID && s->gshift == SPARSE_GRAN_SHIFT &&
			  (s->next ? s->next->prev == s : true) && (s->prev || heap.sparse == s),
		      "sparse list broken");
	CHECK(nsparse == sparse_spans && sparse_spans == heap.sparse_nspans,
	      "sparse span count wrong");
	for (uint32_t g = 0; g <= SPARSE_MAX_BLOCK_GRANULES; g++)
		CHECK(sparse_seen[g] == heap.sparse_live[g],
		      "sparse accounting disagrees with the spans");
	size_t lc = 0, lb = 0;
	for (size_t h = 0; h < heap.hsize; h++)
		for (struct span *d = heap.htab[h]; d; d = d->next) {
			CHECK(d->tag == TAG_LARGE, "non-mmapped block in the mmap table");
			CHECK(hash_ptr(d->start) == h, "mmap table entry in the wrong bucket");
			CHECK(d->start % PAGE == 0 && d->req <= d->npages * PAGE,
			      "mmapped block record wrong");
			CHECK(d->start + d->npages * PAGE <= pagemap.base ||
				  d->start >= heap_top() ||
				  gap_holding(d->start, d->start + d->npages * PAGE),
			      "mmapped block overlaps the heap"); /* a gap is not the heap's */
			lc++;
			lb += d->npages * PAGE;
		}
	CHECK(lc == heap.hcount && lb == heap.large_bytes, "mmap table counts wrong");
	return 0;
}
