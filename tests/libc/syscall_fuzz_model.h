/*
 * syscall_fuzz_model.h - the half of the differential syscall fuzzer
 * (syscall_fuzz.c) that is not the calls: the random stream, the model of
 * the fuzzer's window and heap (what each page is, what it holds), the
 * line every call and result becomes, the arguments the calls draw, and
 * mremap's arguments and model (which move page states with the mappings).
 *
 * Not an ordinary header: it defines the fuzzer's state and static
 * functions, so syscall_fuzz.c includes it once (after mem_probe.h, whose
 * say() it uses).
 */
#ifndef TESTS_LIBC_SYSCALL_FUZZ_MODEL_H
#define TESTS_LIBC_SYSCALL_FUZZ_MODEL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define PAGE 4096ULL
#define WIN_BASE 0x100000000000ULL
#define WIN_PAGES 64
#define WIN_END (WIN_BASE + WIN_PAGES * PAGE)
#define HEAP_PAGES 32
#define BLOCK_CALLS 1000
/* Where a page's stamp lives: one offset for every page, so that a page
 * mremap moves to another index still has its stamp where it is looked for. */
#define PROBE_OFF 1608
#define UNKNOWN 0x100 /* a stamp the model cannot predict (after MADV_FREE) */

/* --- the random stream ---------------------------------------------------------- */

static uint64_t rng_state;

/* Returns the next 64 random bits (xorshift64*): the same on every kernel. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Returns a number in [0, n). */
static uint64_t below(uint64_t n)
{
	return rnd() % n;
}

/* Returns one of the n values of a. */
#define PICK(a) ((a)[below(sizeof(a) / sizeof((a)[0]))])

/* --- the model ------------------------------------------------------------------ */

struct page {
	int mapped;
	int shared; /* MAP_SHARED: MADV_DONTNEED keeps its data */
	int locked; /* MAP_LOCKED: MADV_DONTNEED stops here (EINVAL) */
	unsigned prot;
	int stamp; /* the byte at PROBE_OFF, 0 after a zero fill, UNKNOWN */
};
static struct page win[WIN_PAGES];
static int heap_stamp[HEAP_PAGES];
static uint64_t brk0, brk_now; /* the initial and the current break */
static int strict, with_mremap, mismatches, on_interlude;
static long calls_done, current_block, verbose_block = -1;
static uint64_t digest;
static char line[320];

/* Rounds a length or address up to whole pages as the kernel does (wrapping to 0). */
static uint64_t page_up(uint64_t len)
{
	return (len + PAGE - 1) & ~(PAGE - 1);
}

/* Hashes (FNV-1a) one call's line into the block's digest, and prints it if asked. */
static void record(void)
{
	for (const char *s = line; *s; s++)
		digest = (digest ^ (uint8_t)*s) * 0x100000001b3ULL;
	if (current_block == verbose_block)
		say("call %ld: %s\n", calls_done, line);
}

/* Says the model and the kernel disagree. */
static void model_mismatch(const char *what)
{
	mismatches++;
	say("fuzz: MODEL call %ld: %s (%s)\n", calls_done, what, line);
}

/* Writes an address or result the same way on every kernel: relative to the window or heap. */
static const char *rel(uint64_t v, char *buf)
{
	if ((int64_t)v < 0 && (int64_t)v >= -4095)
		snprintf(buf, 40, "-%d", (int)-(int64_t)v);
	else if (v >= WIN_BASE && v < WIN_END + PAGE)
		snprintf(buf, 40, "w+%#llx", (unsigned long long)(v - WIN_BASE));
	else if (v >= (brk0 & ~(PAGE - 1)) && v < brk0 + (HEAP_PAGES + 4) * PAGE)
		snprintf(buf, 40, "h+%#llx", (unsigned long long)(v - brk0));
	else if (v < 0x10000 || v >= 0x00007ffffffff000ULL)
		snprintf(buf, 40, "%#llx", (unsigned long long)v); /* a hostile constant */
	else
		snprintf(buf, 40, "elsewhere");
	return buf;
}

/* Applies fn to each window page of [addr, addr + len) (clipped to the window). */
static void each_win_page(uint64_t addr, uint64_t len, void (*fn)(struct page *, void *), void *arg)
{
	for (uint64_t p = addr & ~(PAGE - 1); p < addr + len && p >= addr - PAGE + 1; p += PAGE)
		if (p >= WIN_BASE && p < WIN_END)
			fn(&win[(p - WIN_BASE) / PAGE], arg);
		else if (p >= WIN_END)
			break;
}

/* What a new mapping's pages are: its protection, shared or not, locked or not. */
struct new_map {
	unsigned prot;
	int shared, locked;
};
static void set_mapped(struct page *pg, void *how)
{
	const struct new_map *m = how;
	pg->mapped = 1;
	pg->shared = m->shared;
	pg->locked = m->locked;
	pg->prot = m->prot & 7;
	pg->stamp = 0;
}
static void set_unmapped(struct page *pg, void *unused)
{
	(void)unused;
	pg->mapped = 0;
}
/* MADV_DONTNEED: a private page reads zero next; a shared one keeps its data. */
static void set_zero(struct page *pg, void *unused)
{
	(void)unused;
	if (!pg->shared)
		pg->stamp = 0;
}
static void set_unknown(struct page *pg, void *unused)
{
	(void)unused;
	if (pg->stamp)
		pg->stamp = UNKNOWN;
}

/* --- the arguments -------------------------------------------------------------- */

/* An address in the window, aligned or not, or at its edges. */
static uint64_t win_addr(void)
{
	uint64_t a = WIN_BASE + below(WIN_PAGES + 1) * PAGE;
	if (below(8) == 0)
		a += PICK(((const uint64_t[]){1, 8, PAGE - 1, PAGE / 2}));
	return a;
}

/* An address no call can succeed at, changing nothing (but it may be read). */
static uint64_t hostile_addr(void)
{
	static const uint64_t bad[] = {
	    0x0000800000000000ULL, 0x00007ffffffff000ULL, 0xffff800000000000ULL,
	    0xffffffff80000000ULL, 0x8000000000000000ULL, 0xfffffffffffff000ULL,
	    0x0000fffffffff000ULL, 0x00007ffffffffff8ULL, 0x1234,
	    WIN_BASE + 1,	   WIN_BASE + PAGE - 1,	  UINT64_MAX,
	};
	return PICK(bad);
}

/* An address for a call that changes memory: the window mostly. */
static uint64_t addr_arg(void)
{
	return below(6) ? win_addr() : hostile_addr();
}

/* A length: a few pages (to overlap, split and join), a byte off, or hostile. */
static uint64_t len_arg(void)
{
	static const uint64_t odd[] = {
	    0,
	    1,
	    PAGE - 1,
	    PAGE + 1,
	    1ULL << 40,
	    1ULL << 47,
	    1ULL << 63,
	    UINT64_MAX,
	    -PAGE,
	    0x00007ffffffff000ULL,
	    3 * PAGE + 5,
	};
	if (below(5))
		return (1 + below(below(4) ? 8 : WIN_PAGES)) * PAGE;
	return PICK(odd);
}

/* A protection, sometimes with a bit only mprotect knows or none know. */
static unsigned long prot_arg(void)
{
	static const unsigned long extra[] = {PROT_SEM, PROT_GROWSDOWN, PROT_GROWSUP, 0x10,
					      0x80000000UL};
	unsigned long p = below(8);
	return below(12) ? p : p | PICK(extra);
}

/* --- mremap (do_mremap in syscall_fuzz.c says what it draws) ----------------- */

/* What a moved mapping's pages were, copied before the old range goes. */
static struct page moved[WIN_PAGES];

/* One mremap call: its arguments, and the model's view of the old range. */
struct remap {
	uint64_t old, old_len, new_len, new_addr;
	unsigned long flags;
	int to;		     /* FIXED or DONTUNMAP: Linux's mremap_to */
	struct page *first;  /* the window page at old, or NULL */
	uint64_t ol, nl;     /* old_len and new_len in whole pages (nl 0: past the window) */
	uint64_t keep, grow; /* the old range's pages in the window, the new range's */
};

/* Draws an mremap's arguments, kept to what the model can follow (above),
 * and fills moved[]. */
static void draw_mremap(struct remap *m)
{
	static const unsigned long flag_sets[] = {
	    0,
	    MREMAP_MAYMOVE,
	    MREMAP_MAYMOVE,
	    MREMAP_MAYMOVE | MREMAP_FIXED,
	    MREMAP_MAYMOVE | MREMAP_FIXED,
	    MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
	    MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP,
	    MREMAP_FIXED,	/* -EINVAL: FIXED without MAYMOVE */
	    MREMAP_DONTUNMAP,	/* -EINVAL: DONTUNMAP without MAYMOVE */
	    MREMAP_MAYMOVE | 8, /* -EINVAL: an unknown flag */
	};
	m->flags = PICK(flag_sets);
	int to = (m->flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0;
	m->old = below(6) ? WIN_BASE + below(WIN_PAGES) * PAGE : hostile_addr();
	if (below(16) == 0 && m->old >= WIN_BASE && m->old < WIN_END)
		m->old += PICK(((const uint64_t[]){1, PAGE / 2})); /* -EINVAL */
	m->old_len = below(5) || to ? (1 + below(8)) * PAGE
				    : PICK(((const uint64_t[]){0, 1, PAGE - 1, PAGE + 1, 1ULL << 40,
							       UINT64_MAX, -PAGE}));
	m->new_len = below(6) ? (1 + below(below(3) ? 8 : WIN_PAGES)) * PAGE
			      : PICK(((const uint64_t[]){0, 1, PAGE + 1, UINT64_MAX, m->old_len}));
	if (to && below(2))
		m->new_len = m->old_len; /* a move of the same size (and DONTUNMAP's rule) */
	m->new_addr = below(6) ? WIN_BASE + below(WIN_PAGES) * PAGE : hostile_addr();
	if (below(16) == 0 && m->new_addr >= WIN_BASE && m->new_addr < WIN_END)
		m->new_addr += 1; /* -EINVAL with FIXED, ignored without */
	uint64_t base = m->old & ~(PAGE - 1);
	m->first = m->old >= WIN_BASE && m->old < WIN_END ? &win[(m->old - WIN_BASE) / PAGE] : NULL;
	m->ol = page_up(m->old_len);
	m->keep = m->ol / PAGE;
	if (m->first && m->keep > (WIN_END - base) / PAGE)
		m->keep = (WIN_END - base) / PAGE; /* the window's part */
	int shared = 0, locked = 0;
	for (uint64_t i = 0; m->first && i < m->keep; i++)
		if (m->first[i].mapped) {
			shared |= m->first[i].shared;
			locked |= m->first[i].locked;
		}
	if (!strict && m->ol == 0 && m->first && m->first->mapped && m->first->shared)
		m->old_len = m->ol = PAGE, m->keep = 1;
	if ((m->flags & MREMAP_DONTUNMAP) && (shared || locked))
		m->flags &= ~MREMAP_DONTUNMAP;
	if (shared && page_up(m->new_len) > m->ol && m->ol)
		m->new_len = m->old_len;
	m->to = (m->flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0; /* DONTUNMAP may be gone */
	/* what may be mapped stays inside the window */
	m->nl = m->new_len <= WIN_PAGES * PAGE ? page_up(m->new_len) : 0;
	if (m->nl && m->first && m->old + m->nl > WIN_END)
		m->new_len = m->nl = WIN_END - base;
	if (m->nl && m->to && m->new_addr >= WIN_BASE && m->new_addr < WIN_END &&
	    m->new_addr + m->nl > WIN_END)
		m->new_addr = WIN_END - m->nl; /* FIXED's target, or DONTUNMAP's hint */
	m->grow = m->nl / PAGE;
	/* the new range's pages, before anything moves: the old ones, then
	 * zero pages of the old range's last page's kind */
	for (uint64_t i = 0; m->first && m->first->mapped && m->keep && i < m->grow; i++) {
		moved[i] = m->first[i < m->keep ? i : m->keep - 1];
		if (i >= m->keep)
			moved[i].stamp = 0;
	}
}

/* The old range's page i leaves: unmapped, or (DONTUNMAP) empty. */
static void leave(const struct remap *m, uint64_t i)
{
	if (m->flags & MREMAP_DONTUNMAP)
		set_zero(&m->first[i], NULL);
	else
		set_unmapped(&m->first[i], NULL);
}

/* What an mremap that returned res (not an error) did to the window, as
 * Linux 6.17 does it; moved[] holds the new range's pages as they will be. */
static void model_mremap(const struct remap *m, long res)
{
	uint64_t asked = page_up(m->new_len), to = (uint64_t)res;
	if (!m->first || !m->first->mapped || !asked || (m->old & (PAGE - 1))) {
		model_mismatch("mremap succeeded where its arguments are wrong");
		return;
	}
	if (!m->to && m->ol >= asked) { /* shrunk in place, as munmap of the tail */
		if (to != m->old)
			model_mismatch("a shrinking mremap moved");
		else if (m->ol > asked)
			each_win_page(m->old + asked, m->ol - asked, set_unmapped, NULL);
		return;
	}
	int parts = (m->flags & MREMAP_FIXED) && m->ol == m->nl; /* each area to its offset */
	if (!m->nl || m->keep == 0 ||
	    (!parts && (m->ol < m->nl ? m->ol : m->nl) > m->keep * PAGE)) {
		model_mismatch("mremap of a range the model does not hold succeeded");
		return;
	}
	if (to == m->old) { /* grown in place */
		for (uint64_t i = m->keep; i < m->grow; i++)
			m->first[i] = moved[i];
		return;
	}
	if (to < WIN_BASE || to + m->nl > WIN_END) {
		if ((m->flags & MREMAP_FIXED) || (to < WIN_END && to >= WIN_BASE))
			model_mismatch("mremap placed the mapping where it was not asked to");
		else
			sys6(11, res, (long)m->nl, 0, 0, 0, 0); /* elsewhere: not ours to model */
		for (uint64_t i = 0; i < m->keep; i++)
			leave(m, i);
		return;
	}
	struct page *dst = &win[(to - WIN_BASE) / PAGE];
	if (parts) { /* the mapped pages move, the target of a gap stays */
		for (uint64_t i = 0; i < m->keep; i++)
			if (moved[i].mapped) {
				dst[i] = moved[i];
				leave(m, i);
			}
		return;
	}
	if ((m->flags & MREMAP_FIXED) && m->ol > m->nl) /* the tail, before the move */
		each_win_page(m->old + m->nl, m->ol - m->nl, set_unmapped, NULL);
	for (uint64_t i = 0; i < m->keep && i < m->grow; i++)
		leave(m, i);
	for (uint64_t i = 0; i < m->grow; i++)
		dst[i] = moved[i];
}

#endif
