/*
 * syscall_fuzz_model.h - the half of the differential syscall fuzzer
 * (syscall_fuzz.c) that is not the calls: the random stream, the model of
 * the fuzzer's window and heap (what each page is, what it holds), the
 * line every call and result becomes, and the arguments the calls draw.
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

#endif
