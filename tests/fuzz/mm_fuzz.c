/*
 * mm_fuzz.c - a libFuzzer target for the address-space code (mm/vma.c,
 * mm/mm.c, brk.c, mmap.c, mprotect.c, madvise.c, mlock.c, msync.c).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DHOST_TEST -Ikernel -Iabi -Icommon \
 *       kernel/mm/vma.c kernel/mm/mm.c kernel/mm/brk.c kernel/mm/mmap.c kernel/mm/mprotect.c \
 *       kernel/mm/madvise.c kernel/mm/mremap.c kernel/mm/mlock.c kernel/mm/msync.c \
 *       kernel/lib/kprintf.c common/format/format.c \
 *       tests/fuzz/mm_fuzz.c -o mm_fuzz
 *   ./mm_fuzz -max_total_time=60 tests/fuzz/corpus/mm
 *
 * The input is a program of system calls on one address space whose
 * interesting part is a 128-page window (the heap, a grows-down "stack"
 * and top-down mmap placement all live there, so calls collide). The
 * tunables are shrunk (12 VMAs at most, a 64-page RAM budget, a 16-page
 * stack limit, a 4-page guard gap) so that their limits are hit too.
 * Each operation is one byte, its operands in the bytes after it:
 *
 *   op % 9 == 0  mmap      addr, len, prot, flags (MAP_POPULATE, and whether
 *                          populating runs out of memory) from the next bytes
 *   op % 9 == 1  munmap
 *   op % 9 == 2  mprotect
 *   op % 9 == 3  brk       to an address in (or just around) the window
 *   op % 9 == 4  madvise
 *   op % 9 == 5  touch     mm_fault_check, and "map" the page if allowed
 *   op % 9 == 6  sbrk
 *   op % 9 == 7  mlock, mlock2 (on fault), munlock, mlockall, munlockall
 *                or msync (and whether paging in runs out of memory)
 *   op % 9 == 8  the next op may allocate only n % 3 VMA structs
 *
 * The model is what the callbacks told us: which pages the fake "kernel"
 * has present (touched), with which protection. After every call the
 * target checks vma_check(), that every present page lies in a VMA with
 * exactly that protection (so unmap/protect/zap were called where
 * needed), and the call's own promise (a successful mmap covers its range
 * with its prot, munmap leaves nothing, mprotect changes every page,
 * DONTNEED leaves no page present). At the end mm_clear() must free
 * every VMA struct and unmap every present page.
 */
#include "lib/console.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "mm/mm.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define P 4096ULL
#define NP 128
#define W 0x10000000ULL
#define WEND (W + NP * P)
#define POOL 64

static struct vma pool[POOL];
static uint8_t pool_used[POOL];
static int live, allowance = -1;
static uint8_t present[NP]; /* 0: not present; else prot + 1 */
static struct mm u;

/* Stops the run with a message: the address-space code broke a promise. */
__attribute__((noreturn)) static void fail(const char *what, uint64_t a, uint64_t b)
{
	fprintf(stderr, "mm_fuzz: %s (%#llx, %#llx)\n", what, (unsigned long long)a,
		(unsigned long long)b);
	abort();
}

/* Pool allocator honouring the failure allowance. */
static struct vma *f_alloc(void *ctx)
{
	(void)ctx;
	if (allowance == 0)
		return NULL;
	for (int i = 0; i < POOL; i++) {
		if (!pool_used[i]) {
			pool_used[i] = 1;
			live++;
			if (allowance > 0)
				allowance--;
			return &pool[i];
		}
	}
	return NULL;
}

/* Returns a struct to the pool; freeing a free one is a bug. */
static void f_free(void *ctx, struct vma *v)
{
	(void)ctx;
	if (v < pool || v >= pool + POOL || !pool_used[v - pool])
		fail("free of a struct not allocated", (uint64_t)(uintptr_t)v, 0);
	pool_used[v - pool] = 0;
	live--;
}

/* Calls fn for each window page of [s, e). */
static void for_window(uint64_t s, uint64_t e, void (*fn)(unsigned p, unsigned prot), unsigned prot)
{
	if (s < W)
		s = W;
	if (e > WEND)
		e = WEND;
	for (uint64_t a = s; a < e; a += P)
		fn((unsigned)((a - W) / P), prot);
}

/* Forgets page p. */
static void drop(unsigned p, unsigned prot)
{
	(void)prot;
	present[p] = 0;
}

/* Re-protects page p if present. */
static void reprot(unsigned p, unsigned prot)
{
	if (present[p])
		present[p] = (uint8_t)(prot + 1);
}

/* The unmap callback: those pages are gone. */
static void f_unmap(void *ctx, uint64_t s, uint64_t e)
{
	(void)ctx;
	if (s >= e || (s | e) & (P - 1))
		fail("unmap of a bad range", s, e);
	for_window(s, e, drop, 0);
}

/* The protect callback: the range must now be in VMAs with that prot. */
static void f_protect(void *ctx, uint64_t s, uint64_t e, unsigned prot)
{
	(void)ctx;
	for (uint64_t a = s; a < e;) {
		struct vma *v = vma_lookup(&u.vmas, a);
		if (!v || v->prot != prot)
			fail("protect callback for a page without that prot", a, prot);
		a = v->end;
	}
	for_window(s, e, reprot, prot);
}

/* The zap callback. */
static void f_zap(void *ctx, uint64_t s, uint64_t e)
{
	(void)ctx;
	for_window(s, e, drop, 0);
}

static bool populate_fails;  /* the next populate runs out of memory */
static bool populate_failed; /* and it did */

/* Makes page p present with prot. */
static void fill(unsigned p, unsigned prot)
{
	present[p] = (uint8_t)(prot + 1);
}

/* The populate callback: one accessible VMA's range; fails when told to. */
static int f_populate(void *ctx, uint64_t s, uint64_t e, unsigned prot)
{
	(void)ctx;
	struct vma *v = vma_lookup(&u.vmas, s);
	if (s >= e || (s | e) & (P - 1) || !v || v->end < e || v->prot != prot || prot == PROT_NONE)
		fail("populate of a range that is not one accessible VMA", s, e);
	if (populate_fails) {
		populate_failed = true;
		return -ENOMEM;
	}
	for_window(s, e, fill, prot);
	return 0;
}

static const struct mm_ops ops = {f_alloc, f_free, f_unmap, f_protect, f_zap, f_populate};

/* Reads the next n bytes of input as a little-endian number (0 past the end). */
static uint64_t take(const uint8_t **p, const uint8_t *end, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n && *p < end; i++)
		v |= (uint64_t) * (*p)++ << (8 * i);
	return v;
}

/* Returns an address around the window: mostly page-aligned, sometimes odd. */
static uint64_t pick_addr(uint8_t a, uint8_t b)
{
	uint64_t addr = W + (uint64_t)(a % (NP + 8)) * P - 4 * P;
	if (b % 16 == 0)
		addr += b; /* misaligned */
	if (b % 64 == 1)
		addr = 0;
	if (b % 64 == 2)
		addr = 0x7ffffffff000ULL;
	return addr;
}

/* Returns a length: mostly a few pages, sometimes odd, zero or huge. */
static uint64_t pick_len(uint8_t a, uint8_t b)
{
	uint64_t len = (uint64_t)(a % 20) * P;
	if (b % 8 == 0)
		len += b;
	if (b % 64 == 3)
		len = UINT64_MAX;
	if (b % 64 == 5)
		len = 1ULL << 40;
	return len;
}

/* Checks the invariants that hold after every call. */
static void check(void)
{
	const char *why = vma_check_why(&u.vmas);
	if (why) {
		fprintf(stderr, "vma_check: %s\n", why);
		abort();
	}
	for (unsigned p = 0; p < NP; p++) {
		if (!present[p])
			continue;
		struct vma *v = vma_lookup(&u.vmas, W + p * P);
		if (!v)
			fail("present page outside every VMA (missed unmap)", W + p * P,
			     present[p]);
		if (v->prot + 1 != present[p])
			fail("present page with a stale prot (missed protect)", W + p * P, v->prot);
	}
	if (u.brk < u.start_brk)
		fail("break below start_brk", u.brk, u.start_brk);
	if ((size_t)live != vma_count(&u.vmas))
		fail("live structs differ from the VMA count", (uint64_t)live, vma_count(&u.vmas));
}

/* Checks every page of [s, e) is in a VMA with prot (after a successful call). */
static void expect_prot(uint64_t s, uint64_t e, unsigned prot)
{
	for (uint64_t a = s; a < e;) {
		struct vma *v = vma_lookup(&u.vmas, a);
		if (!v || v->prot != prot)
			fail("range lacks the prot just given", a, prot);
		a = v->end; /* whole VMAs at a time: ranges may be a TiB */
	}
}

static const unsigned long types[] = {MAP_PRIVATE, MAP_SHARED, MAP_PRIVATE, 0, MAP_SHARED_VALIDATE};

/* One mmap call and its promise. */
static void do_mmap(const uint8_t **p, const uint8_t *end)
{
	uint64_t r = take(p, end, 4);
	uint64_t addr = pick_addr((uint8_t)r, (uint8_t)(r >> 8)),
		 len = pick_len((uint8_t)(r >> 16), (uint8_t)(r >> 24));
	uint64_t f = take(p, end, 3);
	unsigned long prot = f & 7, flags = types[(f >> 3) % 5] | MAP_ANONYMOUS;
	if (f & 0x10000)
		flags |= MAP_POPULATE;
	populate_fails = (f & 0x20000) != 0;
	populate_failed = false;
	if (f & 0x40)
		flags |= MAP_FIXED;
	if (f & 0x80)
		flags |= MAP_FIXED_NOREPLACE;
	if ((f & 0x300) == 0x300)
		flags |= MAP_GROWSDOWN;
	if (f & 0x400)
		flags |= MAP_NORESERVE;
	if (f & 0x800)
		prot |= 0x100;
	if ((f & 0x7000) == 0x7000)
		flags &= ~(unsigned long)MAP_ANONYMOUS;
	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && (f & 0x8000))
		addr = 0;
	int64_t a = mm_mmap(&u, addr, len, prot, flags, -1, 0);
	if (a < 0) {
		if (a != -EINVAL && a != -ENOMEM && a != -EEXIST && a != -EPERM && a != -EBADF)
			fail("mmap: unexpected errno", addr, (uint64_t)-a);
		/* Populating ran out of memory: a fixed range is left empty. */
		if (populate_failed && a != -ENOMEM)
			fail("populate failed but mmap did not say ENOMEM", addr, (uint64_t)-a);
		if (populate_failed && (flags & MAP_FIXED)) {
			struct vma *v = vma_find(&u.vmas, addr);
			if (v && v->start < addr + ((len + P - 1) & ~(P - 1)))
				fail("failed MAP_POPULATE left a VMA in its range", addr, v->start);
		}
		return;
	}
	uint64_t s = (uint64_t)a, e = s + ((len + P - 1) & ~(P - 1));
	if (s & (P - 1) || e > TASK_SIZE || s < MMAP_MIN_ADDR)
		fail("mmap returned a bad address", s, len);
	if ((flags & MAP_FIXED) && s != addr)
		fail("MAP_FIXED moved", addr, s);
	expect_prot(s, e, (unsigned)prot & 7);
	/* an area locked on fault (mlockall MCL_ONFAULT) is never populated,
	 * as on Linux: pages come as touched */
	if ((flags & MAP_POPULATE) && (prot & 7) && !(u.def_flags & VMA_LOCKONFAULT))
		for (uint64_t pg = s > W ? s : W; pg < e && pg < WEND; pg += P)
			if (present[(pg - W) / P] != (prot & 7) + 1)
				fail("MAP_POPULATE left a page absent", pg, prot);
	if (s >= WEND || e <= W) {
		/*
		 * Placed outside the window (hint or fallback): give it back,
		 * unless it merged into a neighbour and cutting it out would
		 * pass max_map_count (ENOMEM,
		 * munmap.split-at-map-count-enomem).
		 */
		int r = mm_munmap(&u, s, e - s);
		if (r != 0 && r != -ENOMEM)
			fail("munmap of a fresh mapping failed", s, (uint64_t)-r);
	}
}

/* One munmap call and its promise. */
static void do_munmap(const uint8_t **p, const uint8_t *end)
{
	uint64_t r = take(p, end, 4);
	uint64_t addr = pick_addr((uint8_t)r, (uint8_t)(r >> 8)),
		 len = pick_len((uint8_t)(r >> 16), (uint8_t)(r >> 24));
	int e = mm_munmap(&u, addr, len);
	if (e == 0) {
		uint64_t stop = addr + ((len + P - 1) & ~(P - 1));
		struct vma *v = vma_find(&u.vmas, addr);
		if (v && v->start < stop)
			fail("munmap left a VMA in its range", addr, v->start);
	} else if (e != -EINVAL && e != -ENOMEM) {
		fail("munmap: unexpected errno", addr, (uint64_t)-e);
	}
}

/* One mprotect call and its promise. */
static void do_mprotect(const uint8_t **p, const uint8_t *end)
{
	uint64_t r = take(p, end, 5);
	uint64_t addr = pick_addr((uint8_t)r, (uint8_t)(r >> 8)),
		 len = pick_len((uint8_t)(r >> 16), (uint8_t)(r >> 24));
	unsigned long prot = (r >> 32) & 0xf;
	if ((r >> 36) % 16 == 1)
		prot |= PROT_GROWSDOWN;
	if ((r >> 36) % 16 == 2)
		prot |= 0x100;
	int e = mm_mprotect(&u, addr, len, prot);
	if (e == 0 && !(prot & PROT_GROWSDOWN) && len)
		expect_prot(addr, addr + ((len + P - 1) & ~(P - 1)), (unsigned)prot & 7);
	else if (e && e != -EINVAL && e != -ENOMEM)
		fail("mprotect: unexpected errno", addr, (uint64_t)-e);
}

/* One madvise call and its promise. */
static void do_madvise(const uint8_t **p, const uint8_t *end)
{
	uint64_t r = take(p, end, 5);
	uint64_t addr = pick_addr((uint8_t)r, (uint8_t)(r >> 8)),
		 len = pick_len((uint8_t)(r >> 16), (uint8_t)(r >> 24));
	int advice = (int)((r >> 32) % 24); /* up to MADV_POPULATE_WRITE: some invalid */
	int e = mm_madvise(&u, addr, len, advice);
	/* Private pages go; shared ones stay (madvise.shared-keeps-data). */
	if (e == 0 && advice == MADV_DONTNEED && addr >= W) {
		uint64_t stop = addr + ((len + P - 1) & ~(P - 1));
		for (uint64_t a = addr; a < stop && a < WEND; a += P) {
			const struct vma *v = vma_lookup(&u.vmas, a);
			if (present[(a - W) / P] && v && !(v->flags & VMA_SHARED))
				fail("DONTNEED left a page present", a, 0);
		}
	}
	if (e && e != -EINVAL && e != -ENOMEM && e != -EAGAIN)
		fail("madvise: unexpected errno", addr, (uint64_t)-e);
}

/* True if every area of [s, e) has exactly the lock bits `lock` (droppable
 * memory never locks). Whole areas at a time: ranges may be a TiB. */
static bool range_locked(uint64_t s, uint64_t e, unsigned lock)
{
	for (uint64_t a = s; a < e;) {
		const struct vma *v = vma_lookup(&u.vmas, a);
		if (!v)
			return false;
		if (!(v->flags & VMA_DROPPABLE) &&
		    (v->flags & (VMA_LOCKED | VMA_LOCKONFAULT)) != lock)
			return false;
		a = v->end;
	}
	return true;
}

/* One mlock, mlock2, munlock, mlockall, munlockall or msync and its promise. */
static void do_lock(const uint8_t **p, const uint8_t *end)
{
	uint64_t r = take(p, end, 5);
	uint64_t addr = pick_addr((uint8_t)r, (uint8_t)(r >> 8)),
		 len = pick_len((uint8_t)(r >> 16), (uint8_t)(r >> 24));
	unsigned which = (unsigned)(r >> 32) % 6, arg = (unsigned)(r >> 35) % 8;
	populate_fails = (r >> 38) & 1;
	uint64_t s = addr & ~(P - 1), e = s + ((len + (addr & (P - 1)) + P - 1) & ~(P - 1));
	int err;
	if (which <= 1) { /* mlock, or mlock2 on fault */
		err = mm_mlock(&u, addr, len, which == 1);
		unsigned lock = VMA_LOCKED | (which == 1 ? VMA_LOCKONFAULT : 0);
		if ((err == 0 || err == -EAGAIN) && e > s && !range_locked(s, e, lock))
			fail("mlock left a page of its range unlocked", addr, len);
	} else if (which == 2) {
		err = mm_munlock(&u, addr, len);
		if (err == 0 && e > s && !range_locked(s, e, 0))
			fail("munlock left a page of its range locked", addr, len);
	} else if (which == 3) {
		err = mm_mlockall(&u, (int)arg);
	} else if (which == 4) {
		err = mm_munlockall(&u);
		if (u.def_flags)
			fail("munlockall left MCL_FUTURE on", u.def_flags, 0);
		for (const struct vma *v = vma_first(&u.vmas); v; v = vma_next(v))
			if (v->flags & (VMA_LOCKED | VMA_LOCKONFAULT))
				fail("munlockall left an area locked", v->start, v->flags);
	} else {
		err = mm_msync(&u, addr, len, (int)arg);
	}
	populate_fails = false;
	if (err && err != -EINVAL && err != -ENOMEM && err != -EAGAIN && err != -EBUSY)
		fail("mlock/msync: unexpected errno", addr, (uint64_t)-err);
}

/* One touch: a fault the kernel would take, then "map" the page. */
static void do_touch(const uint8_t **p, const uint8_t *end)
{
	uint64_t r = take(p, end, 2);
	uint64_t addr = W + (r % (NP * 8)) * (P / 8);
	unsigned access = 1u << ((r >> 10) % 3);
	struct vma *v = NULL;
	enum mm_fault f = mm_fault_check(&u, addr, access, &v);
	if (f == MM_FAULT_OK) {
		if (!v || addr < v->start || addr >= v->end)
			fail("fault OK without the right VMA", addr, 0);
		present[(addr - W) / P] = (uint8_t)(v->prot + 1);
	} else if (f == MM_FAULT_ACCERR) {
		if (!vma_lookup(&u.vmas, addr))
			fail("ACCERR outside a VMA", addr, 0);
	} else if (vma_lookup(&u.vmas, addr)) {
		fail("MAPERR or STACK_GUARD inside a VMA", addr, f);
	}
}

/* Runs one input as a program (see the top of the file); returns 0, or aborts on a bug. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	for (int i = 0; i < POOL; i++)
		pool_used[i] = 0;
	for (int i = 0; i < NP; i++)
		present[i] = 0;
	live = 0;
	allowance = -1;
	mm_init(&u, &ops, NULL, 64);
	u.max_map_count = 12;
	u.stack_limit = 16 * P;
	u.stack_guard_gap = 4 * P;
	u.mmap_base = WEND - 24 * P;
	u.start_brk = u.brk = W + 8 * P;
	/* An image page below the heap and a small grows-down stack at the top. */
	if (mm_mmap(&u, W + 4 * P, P, PROT_READ | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)(W + 4 * P) ||
	    mm_mmap(&u, WEND - 4 * P, 4 * P, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1,
		    0) != (int64_t)(WEND - 4 * P))
		fail("setup", 0, 0);

	while (p < end) {
		unsigned op = *p++ % 9;
		switch (op) {
		case 0: do_mmap(&p, end); break;
		case 1: do_munmap(&p, end); break;
		case 2: do_mprotect(&p, end); break;
		case 3: {
			uint64_t r = take(&p, end, 2);
			uint64_t a = (r & 0x8000) ? r % 7 : W + (r % (NP * 64)) * 64;
			uint64_t old = u.brk, got = mm_brk(&u, a);
			if (got != a && got != old)
				fail("brk returned neither the new nor the old break", a, got);
			break;
		}
		case 4: do_madvise(&p, end); break;
		case 5: do_touch(&p, end); break;
		case 7: do_lock(&p, end); break;
		case 6: {
			int64_t inc = (int64_t)(int16_t)take(&p, end, 2) * 16;
			uint64_t old = u.brk;
			int64_t got = mm_sbrk(&u, inc);
			if (got != -ENOMEM && (got != (int64_t)old || u.brk != old + (uint64_t)inc))
				fail("sbrk broke old + inc", old, (uint64_t)inc);
			break;
		}
		default:
			allowance = (int)(take(&p, end, 1) % 3);
			continue; /* applies to the next operation */
		}
		allowance = -1;
		check();
	}

	mm_clear(&u);
	if (live != 0)
		fail("VMA structs leaked", (uint64_t)live, 0);
	for (unsigned i = 0; i < NP; i++)
		if (present[i])
			fail("page still present after destroy", W + i * P, 0);
	return 0;
}
