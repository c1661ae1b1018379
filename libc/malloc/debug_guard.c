/*
 * debug_guard.c - MALLOC_CHECK=2: guard pages, pages opened on first
 * write, freed memory never reused (the idea of Electric Fence, with the
 * page-fault error code telling a read from a write).
 *
 * The blocks live in one reserved range of address space (REGION bytes,
 * no access), handed out upwards and never reused. A block of n bytes
 * takes the pages it needs and the page after them stays inaccessible
 * (the guard); the block ends where the guard begins, rounded up to 16
 * bytes (its alignment):
 *
 *   | ... guard | 0xcc slack | the block: n bytes |<16| guard | next block ...
 *               ^ first page of the block            ^ end rounded to 16
 *
 * The block's pages start inaccessible too. The first write to one
 * faults; the SIGSEGV handler (debug_fault.c) calls guard_fault, which
 * "opens" the page (read/write; the slack on it filled with 0xcc) and
 * lets the write run again. A read of a page never opened is a read of
 * memory the program never wrote: uninitialized-read, at the read. An
 * access to the guard page is an overflow, at the access; up to 15 bytes
 * of slack before the guard (and an underflow into the first page's
 * slack) are red zone, checked at free. free makes the pages inaccessible
 * again and discards them (MADV_DONTNEED): any later access faults and is
 * reported as a use after free, with the block's free site.
 *
 * Its limit: every live block that was written is a mapping of its own
 * between two inaccessible ones, and kernels bound the number of mappings
 * (Linux: vm.max_map_count, 65530), so about 32,000 live blocks at once.
 *
 * What it cannot see: the granularity is a page, so once any byte of a
 * page was written, reads of the other bytes of that page are not
 * uninitialized reads any more; an instruction that reads and writes
 * (p[i]++) faults as a write and opens the page. Memory written by the
 * kernel (read(2)) is opened first by the libc (guard_prepare_write).
 *
 * Records: an array in allocation order, which is address order, so the
 * block around a faulting address is a binary search away. A bitmap has
 * one bit per page of the range: opened or not.
 */
#include "malloc/debug.h"

#define REGION ((size_t)64 << 30)  /* 64 GiB of address space */
#define MAX_RECS ((size_t)4 << 20) /* blocks in a run */
#define PAGE_OF(a) ((a) & ~(uintptr_t)(PAGE - 1))

static uintptr_t region, next_free;
static struct drec *recs;
static size_t nrecs;
static uint64_t *opened;

bool guard_init(void)
{
	region = (uintptr_t)im_os_reserve(REGION, 0);
	recs = im_os_reserve(MAX_RECS * sizeof(*recs), 1);
	opened = im_os_reserve(REGION / PAGE / 8, 1);
	next_free = region;
	return region && recs && opened;
}

static size_t page_no(uintptr_t a)
{
	return (a - region) >> PAGE_SHIFT;
}

static bool is_open(uintptr_t a)
{
	size_t i = page_no(a);
	return opened[i / 64] >> (i % 64) & 1;
}

/* The first and one-past-last page of d's pages (the guard is at end). */
static uintptr_t first_page(const struct drec *d)
{
	return PAGE_OF(d->ptr);
}

static uintptr_t end_page(const struct drec *d)
{
	size_t n = d->size ? d->size : 1;
	return PAGE_OF(d->ptr + n - 1) + PAGE;
}

/* Makes page pg of block d accessible, with d's slack on it as red zone. */
static bool open_page(const struct drec *d, uintptr_t pg)
{
	if (im_os_protect((void *)pg, PAGE, 1) < 0)
		return false;
	size_t i = page_no(pg);
	opened[i / 64] |= 1ull << (i % 64);
	uintptr_t lo = d->ptr, hi = d->ptr + d->size;
	if (pg < lo)
		__builtin_memset((void *)pg, MEMERR_REDZONE,
				 (lo < pg + PAGE ? lo : pg + PAGE) - pg);
	if (hi < pg + PAGE && hi >= pg)
		__builtin_memset((void *)hi, MEMERR_REDZONE, pg + PAGE - hi);
	return true;
}

/* Where a block of n bytes (r: n rounded up to 16) aligned to align
 * starts, the next free address at or after next_free: ending at a guard
 * page if the alignment allows, else at the aligned page after next_free
 * (alignments above a page leave slack at the end). 0 if it does not fit. */
static uintptr_t place(size_t r, size_t align)
{
	uintptr_t limit = region + REGION;
	if (align > REGION || r > REGION)
		return 0;
	uintptr_t start;
	if (align >= PAGE) {
		start = (next_free + align - 1) & ~(uintptr_t)(align - 1);
	} else {
		size_t pages = (r + PAGE - 1) >> PAGE_SHIFT;
		start = (next_free + pages * PAGE - r) & ~(uintptr_t)(align - 1);
		if (start < next_free) /* the alignment pushed it back: one page more */
			start = (next_free + (pages + 1) * PAGE - r) & ~(uintptr_t)(align - 1);
	}
	if (start < next_free || start >= limit || limit - start < r + PAGE)
		return 0;
	return start;
}

/* Makes the pages [first, end) inaccessible again and discards them. */
static void close_pages(uintptr_t first, uintptr_t end)
{
	if (end <= first)
		return;
	im_os_protect((void *)first, end - first, 0);
	im_os_madvise_dontneed((void *)first, end - first);
	for (uintptr_t pg = first; pg < end; pg += PAGE) {
		size_t i = page_no(pg);
		opened[i / 64] &= ~(1ull << (i % 64));
	}
}

struct drec *guard_alloc(size_t n, size_t align, int zero)
{
	static bool told;
	if (nrecs == MAX_RECS) {
		if (!told) {
			static const char msg[] =
			    "malloc: MALLOC_CHECK=2 has handed out the 4,194,304 blocks it can "
			    "record (it never reuses one); malloc returns NULL from now on\n";
			im_os_write_err(msg, sizeof msg - 1);
			told = true;
		}
		return NULL;
	}
	size_t r = n ? (n + 15) & ~(size_t)15 : 16;
	uintptr_t start = n > REGION ? 0 : place(r, align);
	if (!start)
		return NULL;
	struct drec *d = &recs[nrecs];
	__builtin_memset(d, 0, sizeof(*d));
	d->ptr = start;
	d->size = n;
	if (zero) {
		for (uintptr_t pg = first_page(d); pg < end_page(d); pg += PAGE)
			if (!open_page(d, pg)) { /* undo: the pages stay unused */
				close_pages(first_page(d), pg);
				return NULL;
			}
	}
	next_free = end_page(d) + PAGE;
	nrecs++;
	return d;
}

/* The block whose pages or guard page hold a, or NULL. */
struct drec *guard_containing(uintptr_t a)
{
	if (a < region || a >= next_free || !nrecs)
		return NULL;
	size_t lo = 0, hi = nrecs; /* the last record with first_page <= a */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (first_page(&recs[mid]) <= a)
			lo = mid;
		else
			hi = mid;
	}
	struct drec *d = &recs[lo];
	if (a < first_page(d) || a >= end_page(d) + PAGE)
		return NULL;
	return d;
}

/* Reports a damaged slack byte of d, found by fn. */
__attribute__((noreturn)) static void damaged(struct drec *d, uintptr_t at, const char *fn,
					      uintptr_t site)
{
	long off = (long)(at - d->ptr);
	struct memerr_report r = {.id = MEMERR_HEAP_OVERFLOW,
				  .addr = at,
				  .found_call = fn,
				  .found_site = site,
				  .bad_known = 1,
				  .bad_off = off,
				  .bad_val = *(const uint8_t *)at,
				  .expected = MEMERR_REDZONE};
	dbg_report_block(&r, d);
	r.detail = off < 0 ? "a write before the start of the block (its red zone)"
			   : "a write past the end of the block (into its red zone)";
	if (site)
		r.found_arg = d->ptr;
	report_abort(&r);
}

void guard_check(struct drec *d, const char *fn, uintptr_t site)
{
	uintptr_t first = first_page(d), last = end_page(d) - PAGE, hi = d->ptr + d->size;
	if (is_open(first)) {
		long bad = memerr_find_bad((void *)first, d->ptr - first, MEMERR_REDZONE);
		if (bad >= 0)
			damaged(d, first + (uintptr_t)bad, fn, site);
	}
	if (is_open(last) && hi >= last) {
		long bad = memerr_find_bad((void *)hi, last + PAGE - hi, MEMERR_REDZONE);
		if (bad >= 0)
			damaged(d, hi + (uintptr_t)bad, fn, site);
	}
}

void guard_retire(struct drec *d)
{
	close_pages(first_page(d), end_page(d));
}

/* Opens the pages of d under [a, a + n). */
static void open_range(const struct drec *d, uintptr_t a, size_t n)
{
	if (!n)
		return;
	for (uintptr_t pg = PAGE_OF(a); pg < a + n; pg += PAGE)
		if (!is_open(pg))
			open_page(d, pg);
}

/* Copies n bytes of from to to, page by page, skipping what was never written. */
void guard_copy(struct drec *to, const struct drec *from, size_t n)
{
	size_t off = 0;
	while (off < n) {
		uintptr_t src = from->ptr + off;
		size_t chunk = PAGE_OF(src) + PAGE - src;
		if (chunk > n - off)
			chunk = n - off;
		if (is_open(src)) {
			open_range(to, to->ptr + off, chunk);
			__builtin_memcpy((void *)(to->ptr + off), (void *)src, chunk);
		}
		off += chunk;
	}
}

/* Reports that the kernel was about to write into d, found by fn (134). */
__attribute__((noreturn)) static void bad_write(struct drec *d, uintptr_t at, const char *fn)
{
	bool freed = d->state == DREC_FREED;
	struct memerr_report r = {
	    .id = freed ? MEMERR_USE_AFTER_FREE : MEMERR_HEAP_OVERFLOW,
	    .addr = at,
	    .found_call = fn,
	    .detail = freed ? "a system call was asked to write into a freed block"
			    : "a system call was asked to write past the end of the block"};
	dbg_report_block(&r, d);
	report_abort(&r);
}

void guard_prepare_write(void *p, size_t n, const char *fn)
{
	uintptr_t a = (uintptr_t)p, end = a + n < a ? UINTPTR_MAX : a + n;
	while (a < end) {
		struct drec *d = guard_containing(a);
		if (!d) { /* not a block: the kernel will say EFAULT if it must */
			a = PAGE_OF(a) + PAGE;
			continue;
		}
		if (d->state == DREC_FREED)
			bad_write(d, a, fn);
		uintptr_t stop = end_page(d);
		if (a >= stop || end > stop)
			bad_write(d, a >= stop ? a : stop, fn); /* into the guard page */
		open_range(d, a, end - a);
		return;
	}
}

/* Reports an access through a fault and makes the process die of it. */
static bool report(struct drec *d, enum memerr_id id, uintptr_t addr, bool write, uintptr_t pc,
		   const char *detail)
{
	struct memerr_report r = {.id = id,
				  .addr = addr,
				  .pc = pc,
				  .detail = detail,
				  .found_call =
				      write ? "a write (page fault)" : "a read (page fault)",
				  .action = "killed by SIGSEGV (exit status 139)"};
	dbg_report_block(&r, d);
	report_print(&r);
	fault_die();
	return true;
}

bool guard_fault(uintptr_t addr, bool write, uintptr_t pc)
{
	struct drec *d = guard_containing(addr);
	if (!d)
		return false;
	if (addr >= end_page(d))
		return report(d, MEMERR_HEAP_OVERFLOW, addr, write, pc,
			      "an access past the end of the block (its guard page)");
	if (d->state == DREC_FREED)
		return report(d, MEMERR_USE_AFTER_FREE, addr, write, pc,
			      write ? "a write to the block after it was freed"
				    : "a read of the block after it was freed");
	if (is_open(addr))
		return false; /* not a fault the checker made */
	if (write) {
		if (open_page(d, PAGE_OF(addr)))
			return true;
		static const char msg[] =
		    "malloc: MALLOC_CHECK=2 cannot open a page of a block: mprotect failed; every "
		    "live block takes two mappings, and the kernel limits them (Linux: "
		    "vm.max_map_count, 65530 by default)\n";
		im_os_write_err(msg, sizeof msg - 1);
		fault_die();
		return true;
	}
	if (addr < d->ptr || addr >= d->ptr + d->size)
		return report(d, MEMERR_HEAP_OVERFLOW, addr, write, pc,
			      "a read outside the block, from a page it never wrote");
	return report(d, MEMERR_UNINIT_READ, addr, write, pc,
		      "a read of a block's page that was never written");
}
