/*
 * buddy_fuzz.c - a libFuzzer target for the buddy allocator (mm/buddy.c).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DHOST_TEST -Ikernel -Icommon \
 *       kernel/mm/buddy.c kernel/lib/kprintf.c common/format/format.c \
 *       tests/fuzz/buddy_fuzz.c -o buddy_fuzz
 *   ./buddy_fuzz -max_total_time=30 tests/fuzz/corpus/buddy
 *
 * The input is a program for the allocator. Its first two bytes choose the
 * first pfn of the span (so blocks meet every alignment); then each
 * operation is one byte, with its operands in the bytes after it:
 *
 *   op % 6 == 0  alloc   order = next byte % (BUDDY_MAX_ORDER + 2)
 *   op % 6 == 1  free    the live block number (next 2 bytes) % live count
 *   op % 6 == 2  add     first = next 2 bytes % span, count = next 2 bytes % 600,
 *                        trimmed to the first run of frames not yet added
 *   op % 6 == 3  burst   next byte % 32 order-0 allocations (the fast path)
 *   op % 6 == 4  frees   next byte % 64 frees of the newest live blocks (fills
 *                        the unmerged order-0 frames up to their bound)
 *   op % 6 == 5  drain   buddy_drain()
 *
 * Only legal operations are made, so any panic is a bug (abort). After
 * every operation the target checks buddy_check() (which allows up to
 * BUDDY_UNMERGED_MAX unmerged order-0 frames, and nothing else), that no
 * two live blocks overlap, that every block is aligned and inside added
 * RAM, and that the counts match its own. A failed allocation of order >= 1
 * must have drained first and found no block even then; a block's owner
 * slot is NULL when handed out, the same for all its frames, and cleared by
 * its free. At the end it frees everything, drains, and checks the
 * allocator is in exactly the state a fresh one given the same RAM is.
 */
#include "lib/console.h"
#include "lib/kprintf.h"
#include "mm/buddy.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SPAN 4096

struct live {
	uint64_t pfn;
	unsigned order;
};

static struct buddy_frame meta[SPAN], ref_meta[SPAN];
static struct buddy b, ref;
static uint8_t added[SPAN], owned[SPAN];
static struct live live[SPAN];
static unsigned nlive;
static uint64_t managed, allocated;

/* Stops the run with a message: the allocator broke a promise. */
__attribute__((noreturn)) static void fail(const char *what, uint64_t a, uint64_t c)
{
	fprintf(stderr, "buddy_fuzz: %s (%llu, %llu)\n", what, (unsigned long long)a,
		(unsigned long long)c);
	abort();
}

/* Reads the next n bytes of input as a little-endian number (0 past the end). */
static uint64_t take(const uint8_t **p, const uint8_t *end, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n && *p < end; i++)
		v |= (uint64_t) * (*p)++ << (8 * i);
	return v;
}

/* Returns the number of free blocks of order >= k. */
static uint64_t free_blocks_from(unsigned k)
{
	uint64_t n = 0;
	for (unsigned o = k; o <= BUDDY_MAX_ORDER; o++)
		n += buddy_free_blocks(&b, o);
	return n;
}

/* Allocates one block and checks it against the shadow state. */
static void do_alloc(unsigned order)
{
	uint64_t free_before = buddy_free_frames(&b);
	uint64_t pfn = buddy_alloc(&b, order);
	if (pfn == BUDDY_NONE) {
		/* Legitimate only if no block that large is free, and nothing moved. */
		if (order <= BUDDY_MAX_ORDER && free_blocks_from(order) != 0)
			fail("alloc failed with a block free", order, free_blocks_from(order));
		/* And, for order >= 1, only once the unmerged frames were merged:
		 * then the state is fully coalesced, so the fully merged allocator
		 * would have failed too. */
		if (order >= 1 && order <= BUDDY_MAX_ORDER && buddy_unmerged_frames(&b) != 0)
			fail("alloc failed without draining", order, buddy_unmerged_frames(&b));
		if (buddy_free_frames(&b) != free_before)
			fail("failed alloc changed the counts", order, free_before);
		return;
	}
	if (order > BUDDY_MAX_ORDER)
		fail("alloc of an impossible order succeeded", order, pfn);
	if (pfn & ((1ull << order) - 1))
		fail("misaligned block", pfn, order);
	if (pfn < b.base || pfn - b.base + (1ull << order) > SPAN)
		fail("block outside the span", pfn, order);
	for (uint64_t k = 0; k < (1ull << order); k++) {
		uint64_t i = pfn - b.base + k;
		if (!added[i])
			fail("block covers a frame never added", pfn, k);
		if (owned[i])
			fail("block overlaps a live block", pfn, k);
		owned[i] = 1;
	}
	void **slot = buddy_owner_slot(&b, pfn);
	if (!slot || *slot)
		fail("a new block has no owner slot or a stale owner", pfn, order);
	if (buddy_owner_slot(&b, pfn + (1ull << order) - 1) != slot)
		fail("the frames of a block have different owner slots", pfn, order);
	*slot = &live[nlive];
	live[nlive].pfn = pfn;
	live[nlive++].order = order;
	allocated += 1ull << order;
}

/* Frees live block k. */
static void do_free(unsigned k)
{
	struct live l = live[k];
	void **slot = buddy_owner_slot(&b, l.pfn);
	buddy_free(&b, l.pfn, l.order);
	if (*slot)
		fail("an owner outlived its block", l.pfn, l.order);
	for (uint64_t j = 0; j < (1ull << l.order); j++)
		owned[l.pfn - b.base + j] = 0;
	allocated -= 1ull << l.order;
	live[k] = live[--nlive];
}

/* Adds the first run of not-yet-added frames in [first, first + count). */
static void do_add(uint64_t first, uint64_t count)
{
	uint64_t i = first - b.base, end = i + count > SPAN ? SPAN : i + count;
	while (i < end && added[i])
		i++;
	uint64_t j = i;
	while (j < end && !added[j])
		j++;
	if (j == i)
		return;
	buddy_add_range(&b, b.base + i, j - i);
	buddy_add_range(&ref, b.base + i, j - i);
	for (uint64_t k = i; k < j; k++)
		added[k] = 1;
	managed += j - i;
}

/* Checks the invariants and the counts after an operation. */
static void check(void)
{
	if (!buddy_check(&b))
		fail("buddy_check failed", 0, 0);
	if (buddy_managed_frames(&b) != managed)
		fail("managed count", buddy_managed_frames(&b), managed);
	if (buddy_allocated_frames(&b) != allocated)
		fail("allocated count", buddy_allocated_frames(&b), allocated);
	if (buddy_free_frames(&b) != managed - allocated)
		fail("free count", buddy_free_frames(&b), managed - allocated);
	if (buddy_unmerged_frames(&b) > BUDDY_UNMERGED_MAX)
		fail("too many unmerged frames", buddy_unmerged_frames(&b), BUDDY_UNMERGED_MAX);
}

/* Runs one input as a program (see the top of the file); returns 0, or aborts on a bug. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	uint64_t base = take(&p, end, 2);
	buddy_init(&b, meta, base, SPAN);
	buddy_init(&ref, ref_meta, base, SPAN);
	for (unsigned i = 0; i < SPAN; i++)
		added[i] = owned[i] = 0;
	nlive = 0;
	managed = allocated = 0;

	while (p < end) {
		unsigned op = *p++ % 6;
		if (op == 0) {
			do_alloc((unsigned)(take(&p, end, 1) % (BUDDY_MAX_ORDER + 2)));
		} else if (op == 1) {
			uint64_t k = take(&p, end, 2);
			if (nlive)
				do_free((unsigned)(k % nlive));
		} else if (op == 2) {
			uint64_t first = take(&p, end, 2) % SPAN;
			do_add(base + first, take(&p, end, 2) % 600);
		} else if (op == 3) {
			for (uint64_t n = take(&p, end, 1) % 32; n > 0; n--)
				do_alloc(0);
		} else if (op == 4) {
			for (uint64_t n = take(&p, end, 1) % 64; n > 0 && nlive; n--)
				do_free(nlive - 1);
		} else {
			buddy_drain(&b);
			if (buddy_unmerged_frames(&b) != 0)
				fail("frames left unmerged by a drain", buddy_unmerged_frames(&b),
				     0);
		}
		check();
	}

	/* Everything back, and merged: the same state as a fresh allocator of
	 * the same RAM. */
	while (nlive)
		do_free(nlive - 1);
	check();
	buddy_drain(&b);
	check();
	if (buddy_unmerged_frames(&b) != 0)
		fail("frames left unmerged by the final drain", buddy_unmerged_frames(&b), 0);
	for (unsigned o = 0; o <= BUDDY_MAX_ORDER; o++)
		if (buddy_free_blocks(&b, o) != buddy_free_blocks(&ref, o))
			fail("free blocks of an order differ from a fresh allocator", o,
			     buddy_free_blocks(&b, o));
	for (unsigned i = 0; i < SPAN; i++)
		if (meta[i].state != ref_meta[i].state ||
		    (meta[i].state == BUDDY_FREE && meta[i].order != ref_meta[i].order) ||
		    meta[i].flags || meta[i].owner)
			fail("frame differs from a fresh allocator", base + i, meta[i].state);
	return 0;
}
