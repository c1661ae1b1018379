/*
 * pmm.c - the physical memory manager; see pmm.h.
 *
 * Theory of operation. The boot loader's memory map is a list of
 * [base, base + length) entries with a type, in no promised order, and
 * entries may overlap. pmm_init() turns it into a sorted list of disjoint,
 * page-aligned ranges of RAM that nothing uses yet:
 *
 *   1. take every "available" entry, shrunk to whole frames, and merge them;
 *   2. cut out every other entry, grown to whole frames: if the firmware
 *      says a frame is both available and reserved, it is not ours;
 *   3. cut out what is already in use: the first MiB (real-mode data
 *      structures, and it keeps physical address 0 from ever being handed
 *      out), the kernel image, the multiboot2 information (main.c still
 *      reads its strings) and the modules;
 *   4. find room for the frame metadata, one struct buddy_frame per frame
 *      from the lowest to the highest usable frame followed by one 32-bit
 *      reference count per frame (frame_ref.h), and cut that out too.
 *      It must lie in the first GiB, the only RAM the boot page tables map
 *      in the direct map (vmm_init maps the rest later);
 *   5. give each remaining range to the buddy allocator.
 *   6. tag every frame from physical 0 to the end of RAM in the frame
 *      owner map (frame_owner.h), which shares the metadata's room: free
 *      for what the allocator got, the reservation's owner for the rest.
 *
 * After that every call is a thin wrapper: physical address <-> pfn, plus
 * one store per frame into the owner map on every allocation and free.
 *
 * Reference counts. Copy-on-write lets several page-table entries name one
 * frame, so a frame's "free it" must wait for the last of them. pmm_alloc
 * starts the first frame of a block at count 1 (its caller's reference);
 * pmm_ref adds one per extra sharer, pmm_unref drops one and frees the
 * frame when none is left. pmm_free insists on the count being 1: freeing
 * a frame that others still map would hand it to someone else under their
 * feet, so it panics instead. Counts are kept for the first frame of each
 * block only; only single frames (order 0) are ever shared.
 */
#include "mm/pmm.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pagewalk.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/frame_ref.h"
#include "mm/pmm_ranges.h"
#include "mm/trace_mm.h"

/* From linker.ld: the image is loaded at KERNEL_LOAD (physical) and ends
 * at _kernel_end (virtual). */
extern char KERNEL_LOAD[];
extern char _kernel_end[];

/* Each cut can split one range in two, so this bounds what pmm_init needs:
 * the map's entries, plus one per non-available entry and reservation. */
#define PMM_MAX_RANGES (2 * MB2_MAX_MMAP + MB2_MAX_MODULES + 8)
#define PMM_MAX_RESERVATIONS (MB2_MAX_MODULES + 4)

#define MIB (1024ull * 1024)
#define GIB (1024 * MIB)

/* Single CPU with interrupts off: a lock around every use of pmm would go here. */
struct buddy pmm_buddy;		  /* extern only for the inline pmm_owner_slot */
static uint64_t pmm_total_frames; /* available RAM in the map */
static uint64_t pmm_end;	  /* end of the highest available RAM */
static struct pmm_reservation pmm_res[PMM_MAX_RESERVATIONS];
static unsigned pmm_nres;
static struct frame_refs pmm_refs; /* one count per frame, after the buddy metadata */

/* Physical [0, pmm_direct_end) is in the direct map for sure: the boot page
 * tables map the first GiB, and vmm_init sets what its own tables map. */
static uint64_t pmm_direct_end = GIB;

/* Scratch lists for pmm_init (static: the boot stack is small). */
static struct pmm_range ram[PMM_MAX_RANGES], usable[PMM_MAX_RANGES];

/* --- pmm_init ------------------------------------------------------------------- */

/*
 * Cuts [start, end) out of the usable ranges and records it as reserved
 * for `what`, with the number of frames of RAM that it took. Returns the
 * new count of usable ranges.
 */
static unsigned reserve(unsigned n, const char *what, uint64_t start, uint64_t end)
{
	if (pmm_nres == PMM_MAX_RESERVATIONS)
		panic("pmm: more than %d reservations", PMM_MAX_RESERVATIONS);
	uint64_t before = pmm_ranges_frames(usable, n);
	n = pmm_ranges_cut(usable, n, PMM_MAX_RANGES, pmm_page_down(start), pmm_page_up(end));
	struct pmm_reservation *r = &pmm_res[pmm_nres++];
	r->what = what;
	r->start = start;
	r->end = end;
	r->frames = before - pmm_ranges_frames(usable, n);
	return n;
}

/*
 * Returns the physical address of `bytes` (a multiple of PAGE_SIZE) of
 * usable RAM below 1 GiB, the lowest that fits, or 0 if none does.
 */
static uint64_t find_metadata_room(unsigned n, uint64_t bytes)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t end = usable[i].end < GIB ? usable[i].end : GIB;
		if (usable[i].start < end && end - usable[i].start >= bytes)
			return usable[i].start;
	}
	return 0;
}

/* Returns the owner tag of frames pmm_init reserved for `what`. */
static enum frame_owner reservation_owner(const char *what)
{
	if (strcmp(what, "kernel") == 0)
		return FRAME_OWNER_KERNEL_IMAGE;
	if (strcmp(what, "boot info") == 0 || strcmp(what, "module") == 0)
		return FRAME_OWNER_BOOT;
	if (strcmp(what, "metadata") == 0)
		return FRAME_OWNER_METADATA;
	return FRAME_OWNER_RESERVED; /* the first MiB */
}

/* Step 6: every frame starts reserved (holes stay so), then the
 * reservations get their owners and the n usable ranges are free. */
static void tag_owners(unsigned n, uint8_t *tags)
{
	frame_owner_map_init(&frame_owners, tags, pmm_end / PAGE_SIZE);
	/* First come, first tagged, as reserve() counts them: GRUB may put the
	 * boot information inside the kernel image's frames, which stay the
	 * kernel's. */
	for (unsigned i = 0; i < pmm_nres; i++) {
		uint64_t s = pmm_page_down(pmm_res[i].start), e = pmm_page_up(pmm_res[i].end);
		for (uint64_t pfn = s / PAGE_SIZE; pfn < e / PAGE_SIZE; pfn++)
			if (frame_owner_of(pfn) == FRAME_OWNER_RESERVED)
				frame_owner_set(pfn, 1, reservation_owner(pmm_res[i].what));
	}
	for (unsigned i = 0; i < n; i++)
		frame_owner_set(usable[i].start / PAGE_SIZE,
				(usable[i].end - usable[i].start) / PAGE_SIZE, FRAME_OWNER_FREE);
}

/* Builds the allocator (steps 1-6 above) and prints the summary. */
void pmm_init(const struct boot_info *bi, uint64_t info_phys, uint32_t info_size)
{
	unsigned nram = pmm_usable_ranges(bi->mmap, bi->mmap_count, NULL, 0, ram, PMM_MAX_RANGES);
	if (nram == 0)
		panic("pmm: the memory map lists no available RAM");
	pmm_total_frames = pmm_ranges_frames(ram, nram);
	pmm_end = ram[nram - 1].end;

	unsigned n = nram;
	memcpy(usable, ram, nram * sizeof *ram);
	pmm_nres = 0;
	n = reserve(n, "first MiB", 0, MIB);
	n = reserve(n, "kernel", (uint64_t)KERNEL_LOAD, (uint64_t)_kernel_end - KERNEL_VMA);
	n = reserve(n, "boot info", info_phys, info_phys + info_size);
	for (unsigned k = 0; k < bi->module_count; k++)
		n = reserve(n, "module", bi->modules[k].start, bi->modules[k].end);
	if (n == 0)
		panic("pmm: no usable RAM is left after the kernel and boot data");

	/* The metadata spans from the lowest to the highest usable frame, holes
	 * included, so a frame's entry is found by subtraction alone. The counts
	 * follow it, then the owner map, one byte per frame from physical 0 to the end of RAM. */
	uint64_t base = usable[0].start / PAGE_SIZE;
	uint64_t nframes = usable[n - 1].end / PAGE_SIZE - base;
	uint64_t buddy_bytes = pmm_page_up(nframes * sizeof(struct buddy_frame));
	uint64_t refs_bytes = pmm_page_up(nframes * sizeof(uint32_t));
	uint64_t bytes = buddy_bytes + refs_bytes + pmm_page_up(pmm_end / PAGE_SIZE);
	uint64_t meta = find_metadata_room(n, bytes);
	if (meta == 0)
		panic("pmm: no room below 1 GiB for %llu KiB of frame metadata",
		      (unsigned long long)(bytes / 1024));
	n = reserve(n, "metadata", meta, meta + bytes);

	buddy_init(&pmm_buddy, phys_to_virt(meta), base, nframes);
	frame_refs_init(&pmm_refs, phys_to_virt(meta + buddy_bytes), base, nframes);
	for (unsigned i = 0; i < n; i++)
		buddy_add_range(&pmm_buddy, usable[i].start / PAGE_SIZE,
				(usable[i].end - usable[i].start) / PAGE_SIZE);
	tag_owners(n, (uint8_t *)phys_to_virt(meta + buddy_bytes + refs_bytes));
	pmm_print_summary();
}

/* --- allocating ----------------------------------------------------------------- */

/* Returns a physical address, 0 when out of memory (frame 0 is never RAM
 * here); the frames carry owner's tag from now until pmm_free. */
uint64_t pmm_alloc_owned(unsigned order, enum frame_owner owner)
{
	if (!frame_owner_is_allocated(owner))
		panic("pmm_alloc_owned: %d is not an owner of allocated frames", (int)owner);
	uint64_t pfn = buddy_alloc(&pmm_buddy, order);
	if (pfn == BUDDY_NONE)
		return 0;
	frame_refs_set(&pmm_refs, pfn, 1);
	frame_owner_set(pfn, 1ull << order, owner);
	if (TRACE_ON())
		trace_frame("frame_alloc", pfn * PAGE_SIZE, order, owner);
	return pfn * PAGE_SIZE;
}

/* Returns pmm_alloc_owned's answer for an anonymous kernel use. */
uint64_t pmm_alloc(unsigned order)
{
	return pmm_alloc_owned(order, FRAME_OWNER_KERNEL);
}

void pmm_set_direct_map_end(uint64_t end)
{
	pmm_direct_end = end;
}

/* Returns true if the direct map reaches the whole range now. */
bool pmm_direct_mapped(uint64_t phys, uint64_t size)
{
	if (size == 0)
		return true;
	/* The common case: below the end the direct map is known to reach. */
	if (phys < pmm_direct_end && size <= pmm_direct_end - phys)
		return true;
	/* The direct map is one contiguous run from physical 0, so the first
	 * and last pages tell. */
	return pagewalk_is_mapped((uint64_t)phys_to_virt(phys)) &&
	       pagewalk_is_mapped((uint64_t)phys_to_virt(phys + size - 1));
}

/*
 * Zeroes whole pages with "rep stosq", eight bytes a step (Linux's
 * clear_page_rep does the same, and so does memset for whole words). Under
 * QEMU's -icount every step of a rep prefix counts as one instruction, so
 * this shows as 512 instructions per page instead of 4096: see
 * docs/BENCHMARKS.md, which reports the page-fault cost both with and
 * without the zeroing.
 */
static void clear_pages(void *va, uint64_t size)
{
	uint64_t words = size / 8;
	__asm__ volatile("rep stosq" : "+D"(va), "+c"(words) : "a"(0ull) : "memory");
}

/* Returns zeroed frames, or 0; panics rather than write through a missing mapping. */
uint64_t pmm_alloc_zeroed_owned(unsigned order, enum frame_owner owner)
{
	uint64_t phys = pmm_alloc_owned(order, owner);
	if (phys == 0)
		return 0;
	uint64_t size = (uint64_t)PAGE_SIZE << order;
	/* LAB(memapi) BEGIN: zero the whole block through the direct map (docs/labs/memapi.md)
	 * stub: (void)size;
	 * stub: (void)clear_pages;
	 * stub: panic("not implemented: see docs/labs/memapi.md (pmm_alloc_zeroed)");
	 */
	if (!pmm_direct_mapped(phys, size)) /* one comparison when below the end */
		panic("pmm_alloc_zeroed: frame 0x%llx is not in the direct map yet (before "
		      "vmm_init only the first GiB is)",
		      (unsigned long long)phys);
	clear_pages(phys_to_virt(phys), size);
	/* LAB(memapi) END */
	return phys;
}

/* Returns zeroed frames for an anonymous kernel use, or 0. */
uint64_t pmm_alloc_zeroed(unsigned order)
{
	return pmm_alloc_zeroed_owned(order, FRAME_OWNER_KERNEL);
}

/* Frees frames; the buddy allocator names any mistake before changing anything. */
void pmm_free(uint64_t phys, unsigned order)
{
	if (phys % PAGE_SIZE)
		panic("pmm_free: 0x%llx is not the address of a frame (not page aligned)",
		      (unsigned long long)phys);
	uint32_t refs = frame_refs_get(&pmm_refs, phys / PAGE_SIZE);
	if (refs > 1)
		panic("pmm_free: frame 0x%llx still has %u references (pmm_unref it instead)",
		      (unsigned long long)phys, (unsigned)refs);
	if (TRACE_ON()) /* while the frames still carry their owner tag */
		trace_frame("frame_free", phys, order, frame_owner_of(phys / PAGE_SIZE));
	buddy_free(&pmm_buddy, phys / PAGE_SIZE, order);
	frame_refs_set(&pmm_refs, phys / PAGE_SIZE, 0);
	frame_owner_set(phys / PAGE_SIZE, 1ull << order, FRAME_OWNER_FREE);
}

/* pmm_ref's diagnosis, kept out of line so that the common path (one
 * increment, once per page at fork) needs no stack frame of its own. */
static __attribute__((noinline, cold, noreturn)) void ref_failed(uint64_t phys)
{
	panic("pmm_ref: frame 0x%llx is %s", (unsigned long long)phys,
	      !pmm_is_ram(phys)				    ? "not RAM the pmm manages"
	      : frame_refs_get(&pmm_refs, phys / PAGE_SIZE) ? "referenced 2^32 times"
							    : "free");
}

/* pmm_unref's diagnosis, out of line for the same reason. */
static __attribute__((noinline, cold, noreturn)) void unref_failed(uint64_t phys)
{
	panic("pmm_unref: frame 0x%llx is %s (a reference dropped twice?)",
	      (unsigned long long)phys, pmm_is_ram(phys) ? "free" : "not RAM it manages");
}

/* One more sharer; a frame nobody owns cannot be shared, so that panics. */
void pmm_ref(uint64_t phys)
{
	if (!frame_refs_inc(&pmm_refs, phys / PAGE_SIZE))
		ref_failed(phys);
}

/* The last reference to frame phys went: back to the buddy allocator. */
static void free_unreferenced(uint64_t phys)
{
	if (TRACE_ON())
		trace_frame("frame_free", phys, 0, frame_owner_of(phys / PAGE_SIZE));
	buddy_free(&pmm_buddy, phys / PAGE_SIZE, 0);
	frame_owner_set(phys / PAGE_SIZE, 1, FRAME_OWNER_FREE);
}

/* Returns the count left; frees the frame when that is 0. Panics on a free frame. */
uint32_t pmm_unref(uint64_t phys)
{
	/* LAB(cow) BEGIN: part 1, drop a reference, free the frame with the last (docs/labs/cow.md)
	 * stub: (void)phys; (void)unref_failed; (void)free_unreferenced;
	 * stub: panic("not implemented: see docs/labs/cow.md (part 1, pmm_unref)");
	 */
	int64_t left = frame_refs_dec(&pmm_refs, phys / PAGE_SIZE);
	if (left < 0)
		unref_failed(phys);
	if (left == 0)
		free_unreferenced(phys);
	return (uint32_t)left;
	/* LAB(cow) END */
}

uint32_t pmm_refcount(uint64_t phys)
{
	return frame_refs_get(&pmm_refs, phys / PAGE_SIZE);
}

/* For the invariant checker only: it uses the counts as its scratch space. */
void pmm_refcount_adjust(uint64_t phys, int32_t delta)
{
	uint64_t pfn = phys / PAGE_SIZE;
	frame_refs_set(&pmm_refs, pfn, frame_refs_get(&pmm_refs, pfn) + (uint32_t)delta);
}

/* Retags an allocated block; the same checks as pmm_free's, minus the free. */
void pmm_set_owner(uint64_t phys, unsigned order, enum frame_owner owner)
{
	if (!frame_owner_is_allocated(owner))
		panic("pmm_set_owner: %d is not an owner of allocated frames", (int)owner);
	if (phys % PAGE_SIZE || buddy_allocated_order(&pmm_buddy, phys / PAGE_SIZE) != (int)order)
		panic("pmm_set_owner: 0x%llx is not an allocated block of order %u",
		      (unsigned long long)phys, order);
	frame_owner_set(phys / PAGE_SIZE, 1ull << order, owner);
}

/* --- queries ---------------------------------------------------------------------- */

/* These return what pmm.h says; they only read (pmm_owner_slot hands out a slot). */

uint64_t pmm_free_frames(void)
{
	return buddy_free_frames(&pmm_buddy);
}

/* Drains first, so free_blocks[] is the fully merged state (see pmm.h). */
void pmm_get_stats(struct pmm_stats *s)
{
	buddy_drain(&pmm_buddy);
	pmm_peek_stats(s);
}

void pmm_peek_stats(struct pmm_stats *s)
{
	s->total_frames = pmm_total_frames;
	s->usable_frames = buddy_managed_frames(&pmm_buddy);
	s->reserved_frames = pmm_total_frames - s->usable_frames;
	s->free_frames = buddy_free_frames(&pmm_buddy);
	s->allocated_frames = buddy_allocated_frames(&pmm_buddy);
	for (unsigned o = 0; o < PMM_NUM_ORDERS; o++)
		s->free_blocks[o] = buddy_free_blocks(&pmm_buddy, o);
}

uint64_t pmm_ram_end(void)
{
	return pmm_end;
}

bool pmm_is_ram(uint64_t phys)
{
	return buddy_is_managed(&pmm_buddy, phys / PAGE_SIZE);
}

bool pmm_frame_in_use(uint64_t phys)
{
	return buddy_in_allocated_block(&pmm_buddy, phys / PAGE_SIZE);
}

unsigned pmm_reservations(const struct pmm_reservation **out)
{
	*out = pmm_res;
	return pmm_nres;
}

bool pmm_check(void)
{
	return buddy_check(&pmm_buddy);
}

/* Returns NULL if each of the len frames at pfn is tagged free exactly when
 * want_free and with an allocated owner exactly when want_allocated, else
 * why (naming the first that is not, as a `what` frame). */
static const char *check_run(uint64_t pfn, uint64_t len, bool want_free, bool want_allocated,
			     const char *what, char *why, size_t n)
{
	for (uint64_t p = pfn; p < pfn + len; p++) {
		enum frame_owner o = frame_owner_of(p);
		if ((o == FRAME_OWNER_FREE) == want_free &&
		    frame_owner_is_allocated(o) == want_allocated)
			continue;
		ksnprintf(why, n, "frame 0x%llx is %s but its owner tag says %s",
			  (unsigned long long)p * PAGE_SIZE, what, frame_owner_name(o));
		return why;
	}
	return NULL;
}

/* Walks the frames block by block (heads carry the order), then the counts. */
const char *pmm_check_owners(char *why, size_t n)
{
	uint64_t end = frame_owners.nframes, pfn = 0;
	while (pfn < end) {
		uint64_t i = pfn - pmm_buddy.base;
		const struct buddy_frame *f =
		    pfn >= pmm_buddy.base && i < pmm_buddy.nframes ? &pmm_buddy.frames[i] : NULL;
		uint64_t len = 1;
		const char *bad;
		if (f && f->state == BUDDY_FREE) {
			len = 1ull << f->order;
			bad = check_run(pfn, len, true, false, "free", why, n);
		} else if (f && f->state == BUDDY_ALLOCATED) {
			len = 1ull << f->order;
			bad = check_run(pfn, len, false, true, "allocated", why, n);
		} else if (f && f->state == BUDDY_TAIL) {
			ksnprintf(why, n, "frame 0x%llx is a block's tail with no head before it",
				  (unsigned long long)pfn * PAGE_SIZE);
			return why;
		} else {
			bad = check_run(pfn, 1, false, false, "not managed", why, n);
		}
		if (bad)
			return bad;
		pfn += len;
	}
	uint64_t allocated = 0;
	for (unsigned o = 0; o < FRAME_OWNER_COUNT; o++)
		if (frame_owner_is_allocated((enum frame_owner)o))
			allocated += frame_owners.count[o];
	if (frame_owners.count[FRAME_OWNER_FREE] != buddy_free_frames(&pmm_buddy) ||
	    allocated != buddy_allocated_frames(&pmm_buddy)) {
		ksnprintf(why, n,
			  "owner tags count %llu free and %llu allocated frames, the allocator "
			  "%llu and %llu",
			  (unsigned long long)frame_owners.count[FRAME_OWNER_FREE],
			  (unsigned long long)allocated,
			  (unsigned long long)buddy_free_frames(&pmm_buddy),
			  (unsigned long long)buddy_allocated_frames(&pmm_buddy));
		return why;
	}
	return NULL;
}

/* Writes a number of frames as "N KiB" or, from 1 MiB up, "N.N MiB" into buf. */
static const char *frames_size(char *buf, size_t len, uint64_t frames)
{
	uint64_t kib = frames * (PAGE_SIZE / 1024);
	if (kib >= 1024)
		ksnprintf(buf, len, "%llu.%llu MiB", (unsigned long long)(kib / 1024),
			  (unsigned long long)(kib % 1024 * 10 / 1024));
	else
		ksnprintf(buf, len, "%llu KiB", (unsigned long long)kib);
	return buf;
}

/* Prints RAM, usable and reserved memory, one line per reservation. */
void pmm_print_summary(void)
{
	char a[24], b[24], c[24];
	uint64_t usable = buddy_managed_frames(&pmm_buddy);
	uint64_t reserved = pmm_total_frames - usable;
	kprintf("pmm: RAM %s (%llu frames) up to 0x%llx; usable %s (%llu frames); reserved "
		"%s (%llu frames):\n",
		frames_size(a, sizeof a, pmm_total_frames), (unsigned long long)pmm_total_frames,
		(unsigned long long)pmm_end, frames_size(b, sizeof b, usable),
		(unsigned long long)usable, frames_size(c, sizeof c, reserved),
		(unsigned long long)reserved);
	for (unsigned i = 0; i < pmm_nres; i++) {
		const struct pmm_reservation *r = &pmm_res[i];
		kprintf("pmm:   %-10s 0x%08llx-0x%08llx %9s (%llu frames%s)\n", r->what,
			(unsigned long long)r->start, (unsigned long long)r->end,
			frames_size(a, sizeof a, r->frames), (unsigned long long)r->frames,
			r->frames ? "" : ", inside reserved memory");
	}
}
