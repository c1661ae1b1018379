/*
 * buddy_check.c - verifying every invariant of the buddy allocator
 * (buddy.h describes them): used by the self-tests and the fuzzer after
 * each step, never on the allocator's own paths.
 */
#include "mm/buddy.h"
#include "lib/kprintf.h"

#include <stdarg.h>

/* Returns true if pfn lies in the span the metadata array describes. */
static bool in_span(const struct buddy *b, uint64_t pfn)
{
	return pfn >= b->base && pfn - b->base < b->nframes;
}

/* --- the invariants ----------------------------------------------------------- */

/*
 * Prints why buddy_check() failed (inside a self-test the console makes
 * the line a KTAP diagnostic).
 */
static void report(const char *fmt, ...) KPRINTF_FORMAT(1, 2);
static void report(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	kprintf("buddy_check: %s", msg);
}

/*
 * Returns true if the order's free list is well formed: links agree both
 * ways and with the tail, every member is a free head of this order,
 * aligned, inside the span, not left unmerged with a free buddy (unless
 * one of the two is an unmerged order-0 frame), the unmerged frames come
 * first, and the length matches the count.
 */
static bool check_list(const struct buddy *b, unsigned order)
{
	uint64_t n = 0, unmerged = 0;
	uint32_t prev = BUDDY_NIL;
	for (uint32_t i = b->free_head[order]; i != BUDDY_NIL; i = b->frames[i].next) {
		uint64_t pfn = b->base + i;
		if (i >= b->nframes || n >= b->nframes) {
			report("order-%u free list runs off the array or loops\n", order);
			return false;
		}
		const struct buddy_frame *f = &b->frames[i];
		if (f->prev != prev) {
			report("pfn %llu on order-%u list: prev %u, expected %u\n",
			       (unsigned long long)pfn, order, f->prev, prev);
			return false;
		}
		if (f->state != BUDDY_FREE || f->order != order) {
			report("pfn %llu on order-%u list has state %u order %u\n",
			       (unsigned long long)pfn, order, f->state, f->order);
			return false;
		}
		bool flagged = f->flags & BUDDY_FLAG_UNMERGED;
		if (flagged != (order == 0 && n < b->unmerged)) {
			report("pfn %llu at position %llu of the order-%u list is %s, but "
			       "the first %llu of the order-0 list are the unmerged ones\n",
			       (unsigned long long)pfn, (unsigned long long)n, order,
			       flagged ? "unmerged" : "merged", (unsigned long long)b->unmerged);
			return false;
		}
		unmerged += flagged;
		if ((pfn & ((1ull << order) - 1)) || i + (1ull << order) > b->nframes) {
			report("free block at pfn %llu is misaligned or runs "
			       "past the span for order %u\n",
			       (unsigned long long)pfn, order);
			return false;
		}
		uint64_t buddy_pfn = pfn ^ (1ull << order);
		if (order < BUDDY_MAX_ORDER && in_span(b, buddy_pfn) &&
		    b->frames[buddy_pfn - b->base].state == BUDDY_FREE &&
		    b->frames[buddy_pfn - b->base].order == order && !flagged &&
		    !(b->frames[buddy_pfn - b->base].flags & BUDDY_FLAG_UNMERGED)) {
			report("free order-%u buddies at pfns %llu and %llu were "
			       "not merged\n",
			       order, (unsigned long long)pfn, (unsigned long long)buddy_pfn);
			return false;
		}
		prev = i;
		n++;
	}
	if (prev != b->free_tail[order]) {
		report("order-%u list ends at index %u, its tail says %u\n", order, prev,
		       b->free_tail[order]);
		return false;
	}
	if (n != b->free_blocks[order]) {
		report("order-%u list holds %llu blocks, count says %llu\n", order,
		       (unsigned long long)n, (unsigned long long)b->free_blocks[order]);
		return false;
	}
	if (order == 0 && (unmerged != b->unmerged || b->unmerged > BUDDY_UNMERGED_MAX)) {
		report("%llu unmerged frames on the order-0 list, count says %llu (at most "
		       "%d)\n",
		       (unsigned long long)unmerged, (unsigned long long)b->unmerged,
		       BUDDY_UNMERGED_MAX);
		return false;
	}
	return true;
}

/* Returns true if every invariant holds; prints the first broken one if not. */
bool buddy_check(const struct buddy *b)
{
	uint64_t free_heads[BUDDY_NUM_ORDERS] = {0};
	uint64_t free_frames = 0, allocated = 0;

	for (unsigned o = 0; o <= BUDDY_MAX_ORDER; o++)
		if (!check_list(b, o))
			return false;

	/* Walk the span block by block: each block is a head and its tails. */
	for (uint64_t i = 0; i < b->nframes;) {
		const struct buddy_frame *f = &b->frames[i];
		uint64_t pfn = b->base + i;
		if (f->state == BUDDY_RESERVED) {
			i++;
			continue;
		}
		if ((f->state != BUDDY_FREE && f->state != BUDDY_ALLOCATED) ||
		    f->order > BUDDY_MAX_ORDER) {
			report("pfn %llu starts no block (state %u order %u)\n",
			       (unsigned long long)pfn, f->state, f->order);
			return false;
		}
		uint64_t size = 1ull << f->order;
		if ((pfn & (size - 1)) || i + size > b->nframes) {
			report("order-%u block at pfn %llu is misaligned or runs "
			       "past the span\n",
			       f->order, (unsigned long long)pfn);
			return false;
		}
		for (uint64_t t = 1; t < size; t++) {
			const struct buddy_frame *tf = &b->frames[i + t];
			if (tf->state != BUDDY_TAIL || tf->flags || tf->owner) {
				report("pfn %llu inside the order-%u block at pfn "
				       "%llu has state %u flags %u%s\n",
				       (unsigned long long)(pfn + t), f->order,
				       (unsigned long long)pfn, tf->state, tf->flags,
				       tf->owner ? " and an owner (only a head may)" : "");
				return false;
			}
		}
		if (f->flags &&
		    (f->state != BUDDY_FREE || f->order != 0 || f->flags != BUDDY_FLAG_UNMERGED)) {
			report("pfn %llu has flags %u, but only a free order-0 frame may "
			       "be unmerged\n",
			       (unsigned long long)pfn, f->flags);
			return false;
		}
		if (f->state == BUDDY_FREE) {
			if (f->owner) {
				report("free pfn %llu still has an owner\n",
				       (unsigned long long)pfn);
				return false;
			}
			free_heads[f->order]++;
			free_frames += size;
		} else {
			allocated += size;
		}
		i += size;
	}

	for (unsigned o = 0; o <= BUDDY_MAX_ORDER; o++)
		if (free_heads[o] != b->free_blocks[o]) {
			report("%llu free order-%u blocks, but %llu on the list\n",
			       (unsigned long long)free_heads[o], o,
			       (unsigned long long)b->free_blocks[o]);
			return false;
		}
	if (free_frames != b->free_frames || allocated != b->allocated_frames ||
	    free_frames + allocated != b->managed_frames) {
		report("counted %llu free + %llu allocated frames, accounts say "
		       "%llu + %llu of %llu\n",
		       (unsigned long long)free_frames, (unsigned long long)allocated,
		       (unsigned long long)b->free_frames, (unsigned long long)b->allocated_frames,
		       (unsigned long long)b->managed_frames);
		return false;
	}
	return true;
}
