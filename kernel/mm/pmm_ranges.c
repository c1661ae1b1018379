/*
 * pmm_ranges.c - from the boot loader's memory map to the RAM that
 * nothing uses yet: steps 1-3 of pmm.c's theory of operation, as
 * arithmetic on sorted, disjoint, page-aligned [start, end) ranges, with
 * no state of its own (pmm_init keeps the lists).
 */
#include "mm/pmm_ranges.h"
#include "lib/panic.h"
#include "lib/string.h"

/* Returns base + length, saturated at the top of the address space. */
static uint64_t end_of(uint64_t base, uint64_t length)
{
	return length > UINT64_MAX - base ? UINT64_MAX : base + length;
}

/* Returns the number of frames in the n ranges of r. */
uint64_t pmm_ranges_frames(const struct pmm_range *r, unsigned n)
{
	uint64_t frames = 0;
	for (unsigned i = 0; i < n; i++)
		frames += (r[i].end - r[i].start) / PAGE_SIZE;
	return frames;
}

/*
 * Removes [s, e) from the sorted, disjoint ranges r[0..n); returns the new
 * count. A cut in the middle of a range splits it, which needs room for
 * one more: panics if there is none (max).
 */
unsigned pmm_ranges_cut(struct pmm_range *r, unsigned n, unsigned max, uint64_t s, uint64_t e)
{
	for (unsigned i = 0; i < n && s < e; i++) {
		if (e <= r[i].start || s >= r[i].end)
			continue;
		if (s <= r[i].start && e >= r[i].end) { /* swallowed whole */
			memmove(&r[i], &r[i + 1], (n - i - 1) * sizeof *r);
			n--;
			i--; /* look at what moved into slot i (unsigned wrap is fine) */
		} else if (s > r[i].start && e < r[i].end) { /* a hole in the middle */
			if (n == max)
				panic("pmm: the memory map splits into more than %u ranges", max);
			memmove(&r[i + 2], &r[i + 1], (n - i - 1) * sizeof *r);
			r[i + 1].start = e;
			r[i + 1].end = r[i].end;
			r[i].end = s;
			n++;
			i++;
		} else if (s <= r[i].start) { /* the front */
			r[i].start = e;
		} else { /* the back */
			r[i].end = s;
		}
	}
	return n;
}

/* Returns the count of usable ranges put in out[]; see pmm.h and steps 1-3 above. */
unsigned pmm_usable_ranges(const struct mb2_mmap_entry *map, unsigned n,
			   const struct pmm_range *reserved, unsigned nres, struct pmm_range *out,
			   unsigned max)
{
	unsigned count = 0;

	/* 1. Available entries, shrunk to whole frames, insertion-sorted. */
	for (unsigned k = 0; k < n; k++) {
		if (map[k].type != MB2_MEM_AVAILABLE)
			continue;
		uint64_t s = pmm_page_up(map[k].base);
		uint64_t e = pmm_page_down(end_of(map[k].base, map[k].length));
		if (s >= e)
			continue;
		if (count == max)
			panic("pmm: the memory map has more than %u available ranges", max);
		unsigned i = count++;
		while (i > 0 && out[i - 1].start > s) {
			out[i] = out[i - 1];
			i--;
		}
		out[i].start = s;
		out[i].end = e;
	}

	/* Merge the ones that overlap or touch. */
	unsigned merged = 0;
	for (unsigned i = 0; i < count; i++) {
		if (merged > 0 && out[i].start <= out[merged - 1].end) {
			if (out[i].end > out[merged - 1].end)
				out[merged - 1].end = out[i].end;
		} else {
			out[merged++] = out[i];
		}
	}
	count = merged;

	/* 2. Anything else the map says, grown to whole frames, is not RAM. */
	for (unsigned k = 0; k < n; k++)
		if (map[k].type != MB2_MEM_AVAILABLE)
			count = pmm_ranges_cut(out, count, max, pmm_page_down(map[k].base),
					       pmm_page_up(end_of(map[k].base, map[k].length)));

	/* 3. Nor is what the caller says is in use. */
	for (unsigned k = 0; k < nres; k++)
		count = pmm_ranges_cut(out, count, max, pmm_page_down(reserved[k].start),
				       pmm_page_up(reserved[k].end));
	return count;
}
