/*
 * buddy.c - the binary buddy allocator of page frames; see buddy.h.
 *
 * Theory of operation. Memory is cut into blocks of 2^k frames ("order k"),
 * each starting on a pfn that is a multiple of 2^k. Two order-k blocks that
 * together form an aligned order-(k+1) block are "buddies": the buddy of
 * the block at pfn is at pfn ^ 2^k, so finding it is one XOR.
 *
 *   - Allocating order k takes a block from the free list of the smallest
 *     order j >= k that has one and, while j > k, splits it in halves,
 *     keeping the lower half and putting the upper half on list j - 1.
 *   - Freeing an order-k block looks at its buddy: if the buddy is a free
 *     block of the same order, the two merge into one order-(k+1) block and
 *     the step repeats one order up. So no two free buddies of the same
 *     order ever exist side by side ("fully coalesced"), which is what
 *     buddy_check() verifies.
 *
 * Everything about frame pfn lives in frames[pfn - base], never in the frame
 * itself. The free lists are doubly linked through those entries by index,
 * so pushing and removing any block are O(1): merging must pull the buddy
 * out of the middle of its list. Only the first frame of a block ("head")
 * carries the block's state and order; every other frame is BUDDY_TAIL.
 * Splits and merges change only heads, so each step is O(1), and a frame's
 * block can still be found from any frame by trying the aligned pfns above
 * it, one per order (block_containing()).
 *
 * Unmerged order-0 frames. An alloc(0) + free(0) pair on a fully merged
 * allocator splits a large block all the way down and merges it all the
 * way back up: ten steps each way. So, as Linux does with its per-CPU page
 * lists, buddy_free() of a single frame just pushes it on the order-0 list,
 * flagged BUDDY_FLAG_UNMERGED, while fewer than BUDDY_UNMERGED_MAX frames
 * are flagged; beyond that it merges as usual. The frame is an ordinary
 * free order-0 block (state, counts, double-free detection all unchanged),
 * and buddy_alloc(0) pops it like any other. Flagged frames are pushed at
 * the head of the order-0 list and every other order-0 block at its tail,
 * so the flagged ones are always a prefix of the list: buddy_drain() pops
 * exactly them and merges each one. An allocation of order >= 1 that finds
 * nothing drains and looks again, so the cache never causes an
 * out-of-memory. Whenever a merge swallows a flagged buddy, or an
 * allocation takes one, its flag is cleared and the count drops.
 *
 * Owners. A block has one owner slot, its head's: buddy_owner_slot() of any
 * frame of the block returns it. So only heads ever hold an owner, only
 * while their block is allocated, and buddy_free() clears it in O(1)
 * (instead of one slot per frame). Merges and splits turn heads into tails
 * and back; since free heads hold no owner, every slot is NULL except the
 * heads of allocated blocks, which buddy_check() verifies.
 *
 * Every misuse is detected in buddy_free() before anything is written, so
 * a test can catch the panic and go on with an intact allocator.
 */
#include "mm/buddy.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

#include <stdarg.h>

/* Returns the physical address of pfn, for messages. */
static unsigned long long frame_addr(uint64_t pfn)
{
	return (unsigned long long)pfn << BUDDY_FRAME_SHIFT;
}

/* Returns true if pfn lies in the span the metadata array describes. */
static bool in_span(const struct buddy *b, uint64_t pfn)
{
	return pfn >= b->base && pfn - b->base < b->nframes;
}

/* --- free lists ------------------------------------------------------------- */

/* Puts block i (a frame index) at the head of the order's free list. */
static void list_push(struct buddy *b, unsigned order, uint32_t i)
{
	uint32_t head = b->free_head[order];
	b->frames[i].prev = BUDDY_NIL;
	b->frames[i].next = head;
	if (head != BUDDY_NIL)
		b->frames[head].prev = i;
	else
		b->free_tail[order] = i;
	b->free_head[order] = i;
	b->free_blocks[order]++;
}

/* Puts block i at the tail of the order's free list. */
static void list_push_tail(struct buddy *b, unsigned order, uint32_t i)
{
	uint32_t tail = b->free_tail[order];
	b->frames[i].next = BUDDY_NIL;
	b->frames[i].prev = tail;
	if (tail != BUDDY_NIL)
		b->frames[tail].next = i;
	else
		b->free_head[order] = i;
	b->free_tail[order] = i;
	b->free_blocks[order]++;
}

/* Puts a merged (not BUDDY_FLAG_UNMERGED) block on its list: order 0 goes
 * behind the unmerged frames, which must stay a prefix of the list. */
static void list_push_merged(struct buddy *b, unsigned order, uint32_t i)
{
	if (order == 0)
		list_push_tail(b, 0, i);
	else
		list_push(b, order, i);
}

/* Unlinks block i from wherever it sits in the order's free list, and
 * clears its unmerged flag if it had one. */
static void list_remove(struct buddy *b, unsigned order, uint32_t i)
{
	struct buddy_frame *f = &b->frames[i];
	if (f->prev != BUDDY_NIL)
		b->frames[f->prev].next = f->next;
	else
		b->free_head[order] = f->next;
	if (f->next != BUDDY_NIL)
		b->frames[f->next].prev = f->prev;
	else
		b->free_tail[order] = f->prev;
	f->next = f->prev = BUDDY_NIL;
	b->free_blocks[order]--;
	if (f->flags & BUDDY_FLAG_UNMERGED) {
		f->flags = 0;
		b->unmerged--;
	}
}

/* Marks frame i as the head of a block in the given state. */
static void make_head(struct buddy *b, uint32_t i, enum buddy_state state, unsigned order)
{
	b->frames[i].state = (uint8_t)state;
	b->frames[i].order = (uint8_t)order;
	b->frames[i].owner = NULL;
}

/* --- setup -------------------------------------------------------------------- */

/* Sets up an empty allocator: every frame reserved, every list empty. */
void buddy_init(struct buddy *b, struct buddy_frame *frames, uint64_t base, uint64_t nframes)
{
	if (nframes >= BUDDY_NIL)
		panic("buddy: %llu frames do not fit in 32-bit links", (unsigned long long)nframes);
	b->frames = frames;
	b->base = base;
	b->nframes = nframes;
	for (unsigned o = 0; o < BUDDY_NUM_ORDERS; o++) {
		b->free_head[o] = b->free_tail[o] = BUDDY_NIL;
		b->free_blocks[o] = 0;
	}
	b->free_frames = b->allocated_frames = b->managed_frames = 0;
	b->unmerged = 0;
	for (uint64_t i = 0; i < nframes; i++) {
		frames[i].next = frames[i].prev = BUDDY_NIL;
		frames[i].state = BUDDY_RESERVED;
		frames[i].order = 0;
		frames[i].flags = 0;
		frames[i].owner = NULL;
	}
}

/*
 * Frees the block of 2^order frames whose head is index i, merging it with
 * its buddy as long as the buddy is free and whole (unmerged or not). The
 * caller has checked that the block may be freed, has done the frame
 * accounting, and has taken i off any free list.
 */
static void free_block(struct buddy *b, uint32_t i, unsigned order)
{
	/* LAB(frames) BEGIN: part 2, merge the block with its free buddies (docs/labs/frames.md)
	 * stub: (void)b;
	 * stub: (void)i;
	 * stub: (void)order;
	 * stub: panic("not implemented: see docs/labs/frames.md (part 2, free_block)");
	 */
	uint64_t pfn = b->base + i;
	while (order < BUDDY_MAX_ORDER) {
		uint64_t buddy_pfn = pfn ^ (1ull << order);
		if (!in_span(b, buddy_pfn))
			break;
		uint32_t bi = (uint32_t)(buddy_pfn - b->base);
		struct buddy_frame *bf = &b->frames[bi];
		/* A free head of a smaller order means the buddy is partly in use. */
		if (bf->state != BUDDY_FREE || bf->order != order)
			break;
		list_remove(b, order, bi);
		/* The merged block starts at the lower of the two; the upper head
		 * becomes an ordinary frame inside it. */
		if (buddy_pfn < pfn) {
			b->frames[i].state = BUDDY_TAIL;
			pfn = buddy_pfn;
			i = bi;
		} else {
			bf->state = BUDDY_TAIL;
		}
		order++;
	}
	make_head(b, i, BUDDY_FREE, order);
	list_push_merged(b, order, i);
	/* LAB(frames) END */
}

/* Adds RAM; checks the whole range first so a bad call changes nothing. */
void buddy_add_range(struct buddy *b, uint64_t first, uint64_t count)
{
	if (count == 0)
		return;
	if (!in_span(b, first) || !in_span(b, first + count - 1) || first + count < first)
		panic("buddy: cannot add frames 0x%llx..0x%llx (pfns %llu..%llu): outside "
		      "the span of the metadata array (pfns %llu..%llu)",
		      frame_addr(first), frame_addr(first + count) - 1, (unsigned long long)first,
		      (unsigned long long)(first + count - 1), (unsigned long long)b->base,
		      (unsigned long long)(b->base + b->nframes - 1));
	for (uint64_t pfn = first; pfn < first + count; pfn++)
		if (b->frames[pfn - b->base].state != BUDDY_RESERVED)
			panic("buddy: cannot add frame 0x%llx (pfn %llu) twice: it is "
			      "already managed",
			      frame_addr(pfn), (unsigned long long)pfn);

	/* Every frame becomes part of some block; the heads are set below. */
	for (uint64_t pfn = first; pfn < first + count; pfn++)
		b->frames[pfn - b->base].state = BUDDY_TAIL;

	/*
	 * Cut the range into the largest blocks that are aligned and fit, and
	 * free each one as if it had been allocated: free_block() merges it
	 * with free neighbours, including ones from ranges added before.
	 */
	uint64_t pfn = first, end = first + count;
	while (pfn < end) {
		unsigned order = 0;
		while (order < BUDDY_MAX_ORDER && (pfn & ((2ull << order) - 1)) == 0 &&
		       pfn + (2ull << order) <= end)
			order++;
		b->free_frames += 1ull << order;
		b->managed_frames += 1ull << order;
		free_block(b, (uint32_t)(pfn - b->base), order);
		pfn += 1ull << order;
	}
}

/* --- allocating and freeing --------------------------------------------------- */

/* Merges the unmerged frames: they are the first b->unmerged entries of
 * the order-0 list, so each is its head in turn. */
void buddy_drain(struct buddy *b)
{
	while (b->unmerged > 0) {
		uint32_t i = b->free_head[0];
		if (i == BUDDY_NIL || !(b->frames[i].flags & BUDDY_FLAG_UNMERGED))
			panic("buddy: %llu unmerged frames counted, but the order-0 free "
			      "list does not start with one: the allocator is corrupt",
			      (unsigned long long)b->unmerged);
		list_remove(b, 0, i); /* clears the flag and counts it */
		free_block(b, i, 0);
	}
}

/*
 * Returns the first pfn of a free block of 2^order frames, now allocated,
 * or BUDDY_NONE with nothing changed if no free block is that large. It
 * takes the block of the smallest order j >= order that has one and, while
 * j > order, splits it: the lower half is kept, the upper half goes free on
 * list j - 1. The caller has checked order <= BUDDY_MAX_ORDER.
 */
static uint64_t take_block(struct buddy *b, unsigned order)
{
	/* LAB(frames) BEGIN: part 1, find and split a block (docs/labs/frames.md)
	 * stub: (void)b;
	 * stub: (void)order;
	 * stub: (void)make_head;
	 * stub: (void)list_push_merged;
	 * stub: panic("not implemented: see docs/labs/frames.md (part 1, take_block)");
	 */
	unsigned o = order;
	while (o <= BUDDY_MAX_ORDER && b->free_head[o] == BUDDY_NIL)
		o++;
	if (o > BUDDY_MAX_ORDER)
		return BUDDY_NONE;

	uint32_t i = b->free_head[o];
	list_remove(b, o, i);
	/* Split: keep the lower half, free the upper half one order down. */
	while (o > order) {
		o--;
		uint32_t upper = i + (1u << o);
		make_head(b, upper, BUDDY_FREE, o);
		list_push_merged(b, o, upper);
	}
	make_head(b, i, BUDDY_ALLOCATED, order);
	b->free_frames -= 1ull << order;
	b->allocated_frames += 1ull << order;
	return b->base + i;
	/* LAB(frames) END */
}

/*
 * The slow path of buddy_alloc(): take_block(), and if nothing is large
 * enough, merge the unmerged order-0 frames (they may be holding back the
 * block) and try once more. Out of line so the fast path stays short.
 */
__attribute__((noinline)) static uint64_t alloc_split(struct buddy *b, unsigned order)
{
	if (order > BUDDY_MAX_ORDER)
		return BUDDY_NONE;
	uint64_t pfn = take_block(b, order);
	/* (Order 0 never retries with any: they would be on the order-0 list.) */
	if (pfn == BUDDY_NONE && b->unmerged > 0) {
		buddy_drain(b);
		pfn = take_block(b, order);
	}
	return pfn; /* BUDDY_NONE: out of memory, and no count has changed */
}

/* Returns the first pfn of a new block, or BUDDY_NONE with no count changed. */
uint64_t buddy_alloc(struct buddy *b, unsigned order)
{
	/*
	 * Fast path: a single frame, and one is on the order-0 list (the most
	 * recently freed unmerged frame if there is one: they lead the list).
	 * It is list_remove() of the head and make_head(), written out: this
	 * is the allocator's hottest path.
	 */
	uint32_t i = b->free_head[0];
	if (order == 0 && i != BUDDY_NIL) {
		struct buddy_frame *f = &b->frames[i];
		uint32_t next = f->next;
		b->free_head[0] = next;
		if (next != BUDDY_NIL)
			b->frames[next].prev = BUDDY_NIL;
		else
			b->free_tail[0] = BUDDY_NIL;
		b->free_blocks[0]--;
		b->unmerged -= f->flags & BUDDY_FLAG_UNMERGED;
		f->next = BUDDY_NIL; /* prev is BUDDY_NIL already: it was the head */
		f->state = BUDDY_ALLOCATED;
		f->flags = 0;
		f->owner = NULL; /* NULL already (free heads hold none); cheap to be sure */
		b->free_frames--;
		b->allocated_frames++;
		return b->base + i;
	}
	return alloc_split(b, order);
}

/*
 * Returns the index of the head of the block that contains frame index i,
 * or BUDDY_NIL if none does (a broken allocator). A block containing i
 * starts at i's pfn rounded down to its size, so trying each order from 0
 * up finds it; heads are kept exact, so the first head found is the one.
 */
static uint32_t block_containing(const struct buddy *b, uint32_t i)
{
	uint64_t pfn = b->base + i;
	for (unsigned o = 0; o <= BUDDY_MAX_ORDER; o++) {
		uint64_t head = pfn & ~((1ull << o) - 1);
		if (!in_span(b, head))
			return BUDDY_NIL;
		const struct buddy_frame *f = &b->frames[head - b->base];
		if (f->state == BUDDY_FREE || f->state == BUDDY_ALLOCATED)
			return f->order >= o ? (uint32_t)(head - b->base) : BUDDY_NIL;
		if (f->state == BUDDY_RESERVED)
			return BUDDY_NIL;
	}
	return BUDDY_NIL;
}

/*
 * Panics if freeing the block at pfn with this order would be a mistake,
 * naming the frame and the mistake. Reads only: nothing is changed yet.
 * Only called once buddy_free()'s quick test has failed, so it is cold.
 */
static void check_free(const struct buddy *b, uint64_t pfn, unsigned order)
{
	unsigned long long addr = frame_addr(pfn), n = pfn;

	if (!in_span(b, pfn))
		panic("buddy: freeing frame 0x%llx (pfn %llu), which is not owned by the "
		      "allocator: outside its pfns %llu..%llu",
		      addr, n, (unsigned long long)b->base,
		      (unsigned long long)(b->base + b->nframes - 1));
	if (order > BUDDY_MAX_ORDER)
		panic("buddy: freeing frame 0x%llx (pfn %llu) with order %u, larger than "
		      "any block (the largest order is %d)",
		      addr, n, order, BUDDY_MAX_ORDER);
	if (pfn & ((1ull << order) - 1))
		panic("buddy: freeing frame 0x%llx (pfn %llu) with order %u: misaligned, "
		      "an order-%u block starts on a multiple of %llu frames",
		      addr, n, order, order, 1ull << order);

	uint32_t i = (uint32_t)(pfn - b->base);
	const struct buddy_frame *f = &b->frames[i];
	switch (f->state) {
	case BUDDY_RESERVED:
		panic("buddy: freeing frame 0x%llx (pfn %llu), which is not owned by the "
		      "allocator: a hole or reserved memory",
		      addr, n);
	case BUDDY_FREE:
		panic("buddy: double free of frame 0x%llx (pfn %llu): it is already free "
		      "(an order-%u free block%s)",
		      addr, n, f->order,
		      (f->flags & BUDDY_FLAG_UNMERGED) ? ", not merged yet" : "");
	case BUDDY_TAIL: {
		uint32_t h = block_containing(b, i);
		if (h == BUDDY_NIL)
			panic("buddy: freeing frame 0x%llx (pfn %llu), which is in no block: "
			      "the allocator is corrupt",
			      addr, n);
		const struct buddy_frame *hf = &b->frames[h];
		if (hf->state == BUDDY_FREE)
			panic("buddy: double free of frame 0x%llx (pfn %llu): it lies inside "
			      "the free order-%u block at pfn %llu",
			      addr, n, hf->order, (unsigned long long)(b->base + h));
		panic("buddy: freeing frame 0x%llx (pfn %llu), which is not the start of a "
		      "block: it lies inside the order-%u block allocated at pfn %llu",
		      addr, n, hf->order, (unsigned long long)(b->base + h));
	}
	case BUDDY_ALLOCATED:
		if (f->order != order)
			panic("buddy: frame 0x%llx (pfn %llu) was allocated with order %u, "
			      "freed with order %u",
			      addr, n, f->order, order);
		return;
	default: panic("buddy: frame 0x%llx (pfn %llu) has a corrupt state %u", addr, n, f->state);
	}
}

/*
 * Panics naming the mistake in freeing the block at pfn with this order:
 * called only once buddy_free()'s quick test has failed, so it is cold and
 * out of line, leaving the fast path free of its register pressure.
 */
__attribute__((noinline, cold, noreturn)) static void free_mistake(const struct buddy *b,
								   uint64_t pfn, unsigned order)
{
	check_free(b, pfn, order);
	panic("buddy: freeing frame 0x%llx (pfn %llu) with order %u failed a check "
	      "that check_free passed: the allocator is corrupt",
	      frame_addr(pfn), (unsigned long long)pfn, order);
}

/* Frees a block; free_mistake() has panicked already if it was a mistake. */
void buddy_free(struct buddy *b, uint64_t pfn, unsigned order)
{
	/*
	 * The quick test of a legal free: pfn is in the span (pfn < base wraps
	 * to a huge index) and heads an allocated block of this order. That
	 * implies the rest (order <= BUDDY_MAX_ORDER, pfn aligned to it), since
	 * allocated heads are. Anything else goes to free_mistake(), which
	 * names the mistake (check_free) and panics.
	 */
	uint64_t index = pfn - b->base;
	if (index >= b->nframes)
		free_mistake(b, pfn, order);
	struct buddy_frame *f = &b->frames[index];
	if (f->state != BUDDY_ALLOCATED || f->order != order)
		free_mistake(b, pfn, order);
	uint32_t i = (uint32_t)index;
	/* Owners describe allocated memory only: none may outlive the block.
	 * Only the head holds one (buddy_owner_slot), so this is O(1). */
	f->owner = NULL;
	if (order == 0 && b->unmerged < BUDDY_UNMERGED_MAX) {
		/* Keep it unmerged, at the head of the order-0 list (LIFO):
		 * list_push(b, 0, i) written out, on f. */
		uint32_t head = b->free_head[0];
		f->state = BUDDY_FREE;
		f->flags = BUDDY_FLAG_UNMERGED;
		f->prev = BUDDY_NIL;
		f->next = head;
		if (head != BUDDY_NIL)
			b->frames[head].prev = i;
		else
			b->free_tail[0] = i;
		b->free_head[0] = i;
		b->free_blocks[0]++;
		b->unmerged++;
		b->allocated_frames--;
		b->free_frames++;
		return;
	}
	b->allocated_frames -= 1ull << order;
	b->free_frames += 1ull << order;
	free_block(b, i, order);
}

/* --- queries ------------------------------------------------------------------ */

/* These return what buddy.h says; they only read. */

bool buddy_is_managed(const struct buddy *b, uint64_t pfn)
{
	return in_span(b, pfn) && b->frames[pfn - b->base].state != BUDDY_RESERVED;
}

/* The rest of buddy_owner_slot (buddy.h): a frame that is not a head. */
void **buddy_owner_slot_of_tail(struct buddy *b, uint64_t pfn)
{
	if (!in_span(b, pfn))
		return NULL;
	uint32_t i = (uint32_t)(pfn - b->base);
	uint8_t state = b->frames[i].state;
	if (state == BUDDY_ALLOCATED || state == BUDDY_FREE)
		return &b->frames[i].owner; /* a head: its own slot */
	if (state != BUDDY_TAIL)
		return NULL;
	uint32_t h = block_containing(b, i); /* the slot of the block's head */
	return h == BUDDY_NIL ? NULL : &b->frames[h].owner;
}

int buddy_allocated_order(const struct buddy *b, uint64_t pfn)
{
	if (!in_span(b, pfn) || b->frames[pfn - b->base].state != BUDDY_ALLOCATED)
		return -1;
	return b->frames[pfn - b->base].order;
}

/*
 * A tail frame does not say whose it is, but blocks are aligned to their
 * size: the head is pfn rounded down to some order whose head's block is
 * at least that large. The first head found that way is the block's.
 */
bool buddy_in_allocated_block(const struct buddy *b, uint64_t pfn)
{
	if (!in_span(b, pfn))
		return false;
	for (unsigned o = 0; o <= BUDDY_MAX_ORDER; o++) {
		uint64_t head = pfn & ~((1ull << o) - 1);
		if (!in_span(b, head))
			return false;
		const struct buddy_frame *f = &b->frames[head - b->base];
		if (f->state == BUDDY_TAIL)
			continue;
		if (f->state == BUDDY_RESERVED || f->order < o)
			return false; /* a hole, or a block that ends before pfn */
		return f->state == BUDDY_ALLOCATED;
	}
	return false;
}

uint64_t buddy_free_frames(const struct buddy *b)
{
	return b->free_frames;
}

uint64_t buddy_allocated_frames(const struct buddy *b)
{
	return b->allocated_frames;
}

uint64_t buddy_managed_frames(const struct buddy *b)
{
	return b->managed_frames;
}

uint64_t buddy_free_blocks(const struct buddy *b, unsigned order)
{
	return order <= BUDDY_MAX_ORDER ? b->free_blocks[order] : 0;
}

uint64_t buddy_unmerged_frames(const struct buddy *b)
{
	return b->unmerged;
}
