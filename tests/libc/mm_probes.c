/*
 * mm_probes.c - differential probes of the memory calls' edge cases: one
 * line per check, "slug: what = result", with no expected value written
 * here. make test runs it on Linux and on Interlude and compares the two
 * outputs line for line, so Linux itself is the expectation.
 *
 * The slugs are the rules of docs/spec/memory-syscalls.md. The
 * tests/user/mm_*.c programs check the same rules with expected values
 * measured once on Linux; these probes add what those cannot: whatever
 * Linux does today, Interlude must print the same. Results are -errno,
 * "ok", an address relative to the probe's window ("w+0x1000") or break
 * ("brk+5"), a byte read back, or "fault N" (the si_code of a SIGSEGV).
 * Calls go to the kernel raw (mem_probe.h), except sbrk, which is the
 * libc's (Interlude's system call 1000, brk on Linux).
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem_probe.h"

#define PAGE 4096L
#define WIN 0x200000000000L /* far from anything either kernel places */
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define TASK_SIZE_ 0x7ffffffff000L

static long brk0;

/* Writes a result the same way on both kernels. */
static const char *show(long r, char *buf)
{
	if (r < 0 && r >= -4095)
		snprintf(buf, 40, "%ld", r);
	else if (r >= WIN && r < WIN + 256 * PAGE)
		snprintf(buf, 40, "w+%#lx", r - WIN);
	else if (r >= brk0 - 64 * PAGE && r < brk0 + 64 * PAGE)
		snprintf(buf, 40, "brk%+ld", r - brk0);
	else if (r == 0)
		snprintf(buf, 40, "ok");
	else
		snprintf(buf, 40, "elsewhere");
	return buf;
}

/* Prints one check: its slug, what was done, the result. */
static void check(const char *slug, const char *what, long r)
{
	char b[40];
	say("%s: %s = %s\n", slug, what, show(r, b));
}

/* What a byte's address gives: its value, or "fault N" with the si_code. */
static void peek(const char *slug, const char *what, long addr)
{
	probe_si_code = 0;
	long v = probe_read((const volatile char *)addr);
	if (v < 0)
		say("%s: %s = fault %d\n", slug, what, probe_si_code);
	else
		say("%s: %s = %ld\n", slug, what, v);
}

/* Whether a write there faults: "ok" or "fault N". */
static void poke(const char *slug, const char *what, long addr, char v)
{
	probe_si_code = 0;
	if (probe_write((volatile char *)addr, v) < 0)
		say("%s: %s = fault %d\n", slug, what, probe_si_code);
	else
		say("%s: %s = ok\n", slug, what);
}

static long mm(long addr, long len, long prot, long flags, long fd, long off)
{
	return sys6(9, addr, len, prot, flags, fd, off);
}

static void probe_brk(void)
{
	brk0 = sys6(12, 0, 0, 0, 0, 0, 0);
	check("brk.zero-returns-break", "brk(0) - sbrk(0)", brk0 - (long)sbrk(0));
	say("brk.initial-break-page-aligned: brk(0) %% PAGE = %ld\n", brk0 % PAGE);
	check("brk.byte-exact", "brk(brk+5)", sys6(12, brk0 + 5, 0, 0, 0, 0, 0));
	peek("brk.new-memory-zero", "byte brk+4", brk0 + 4);
	check("brk.byte-exact", "brk(brk + 2 pages + 1)",
	      sys6(12, brk0 + 2 * PAGE + 1, 0, 0, 0, 0, 0));
	peek("brk.new-memory-zero", "byte brk + 2 pages", brk0 + 2 * PAGE);
	peek("brk.page-granular-access", "byte brk + 3 pages - 1", brk0 + 3 * PAGE - 1);
	peek("brk.page-granular-access", "byte brk + 3 pages", brk0 + 3 * PAGE);
	poke("brk.shrink-within-page-keeps-bytes", "write brk + 1 page + 8", brk0 + PAGE + 8, 'x');
	poke("brk.shrink-unmaps-whole-pages", "write brk + 2 pages", brk0 + 2 * PAGE, 'y');
	check("brk.shrink-within-page-keeps-bytes", "brk(brk + 1 page + 16)",
	      sys6(12, brk0 + PAGE + 16, 0, 0, 0, 0, 0));
	peek("brk.shrink-unmaps-whole-pages", "byte brk + 2 pages after the shrink",
	     brk0 + 2 * PAGE);
	check("brk.byte-exact", "brk(brk + 3 pages)", sys6(12, brk0 + 3 * PAGE, 0, 0, 0, 0, 0));
	peek("brk.shrink-within-page-keeps-bytes", "byte brk + 1 page + 8", brk0 + PAGE + 8);
	peek("brk.shrink-unmaps-whole-pages", "byte brk + 2 pages after regrowing",
	     brk0 + 2 * PAGE);
	check("brk.failure-returns-old-break", "brk(kernel half)",
	      sys6(12, (long)0xffff800000000000UL, 0, 0, 0, 0, 0));
	check("brk.failure-returns-old-break", "brk(2^47)", sys6(12, 1L << 47, 0, 0, 0, 0, 0));
	check("brk.shrink-needs-an-area", "brk(brk - 16 pages)",
	      sys6(12, brk0 - 16 * PAGE, 0, 0, 0, 0, 0));
	check("brk.one-page-below-next-mapping", "mmap fixed at brk + 8 pages",
	      mm(brk0 + 8 * PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0));
	check("brk.one-page-below-next-mapping", "brk(brk + 8 pages)",
	      sys6(12, brk0 + 8 * PAGE, 0, 0, 0, 0, 0));
	check("brk.one-page-below-next-mapping", "brk(brk + 7 pages)",
	      sys6(12, brk0 + 7 * PAGE, 0, 0, 0, 0, 0));
	sys6(11, brk0 + 8 * PAGE, PAGE, 0, 0, 0, 0);
	check("sbrk.returns-old-break", "sbrk(0)", (long)sbrk(0));
	check("sbrk.returns-old-break", "sbrk(PAGE)", (long)sbrk(PAGE));
	check("sbrk.returns-old-break", "sbrk(-PAGE)", (long)sbrk(-PAGE));
	check("sbrk.returns-old-break", "sbrk(2^46) (fails: -1)",
	      (long)sbrk(1L << 46) == -1 ? -1 : 0);
	check("sbrk.returns-old-break", "sbrk(-2^46) (fails: -1)",
	      (long)sbrk(-(1L << 46)) == -1 ? -1 : 0);
	check("brk.byte-exact", "brk(brk) at the end", sys6(12, brk0, 0, 0, 0, 0, 0));
}

static void probe_mmap(void)
{
	long w = WIN;
	check("mmap.len-zero-einval", "mmap(w, 0)", mm(w, 0, PROT_READ, ANON, -1, 0));
	check("mmap.huge-len-enomem", "mmap(0, 2^47)", mm(0, 1L << 47, PROT_READ, ANON, -1, 0));
	check("mmap.huge-len-enomem", "mmap(0, -PAGE)", mm(0, -PAGE, PROT_READ, ANON, -1, 0));
	check("mmap.offset-aligned-first", "mmap(w, PAGE, off 1)",
	      mm(w, PAGE, PROT_READ, ANON, -1, 1));
	check("mmap.type-must-be-valid", "flags MAP_ANONYMOUS alone",
	      mm(w, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0));
	check("mmap.type-must-be-valid", "type 0xf",
	      mm(w, PAGE, PROT_READ, MAP_ANONYMOUS | 0xf, -1, 0));
	check("mmap.file-mappings", "no MAP_ANONYMOUS, fd -1",
	      mm(w, PAGE, PROT_READ, MAP_PRIVATE, -1, 0));
	check("mmap.shared-growsdown-einval", "MAP_SHARED | MAP_GROWSDOWN",
	      mm(w, PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0));
	check("mmap.hint", "hint w, free", mm(w, 2 * PAGE, PROT_READ | PROT_WRITE, ANON, -1, 0));
	poke("mmap.fresh-memory-zero", "write w", w, 'a');
	peek("mmap.fresh-memory-zero", "byte w + PAGE", w + PAGE);
	long r = mm(w, PAGE, PROT_READ, ANON, -1, 0);
	check("mmap.hint", "hint w, taken (placed elsewhere)", r);
	if (r > 0 && (r < WIN || r >= WIN + 256 * PAGE))
		sys6(11, r, PAGE, 0, 0, 0, 0);
	check("mmap.fixed-noreplace-eexist", "MAP_FIXED_NOREPLACE at w + PAGE",
	      mm(w + PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0));
	peek("mmap.fixed-noreplace-eexist", "byte w, kept", w);
	check("mmap.fixed", "MAP_FIXED over w", mm(w, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0));
	peek("mmap.fixed", "byte w after the replacement", w);
	poke("mmap.prot-enforcement", "write the PROT_READ page", w, 'b');
	check("mmap.anonymous-ignores-fd", "fd 9, offset 0",
	      mm(w + 4 * PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, 9, 0));
	check("mmap.unknown-flags-ignored", "flag 0x200000",
	      mm(w + 5 * PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE | 0x200000, -1, 0));
	check("mmap.prot-not-validated", "prot 0x10 | PROT_READ",
	      mm(w + 6 * PAGE, PAGE, PROT_READ | 0x10, ANON | MAP_FIXED_NOREPLACE, -1, 0));
	check("mmap.fixed", "MAP_FIXED at 2^47 - PAGE",
	      mm((1L << 47) - PAGE, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0));
	check("mmap.fixed", "MAP_FIXED in the kernel half",
	      mm((long)0xffff800000000000UL, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0));
	check("mmap.fixed", "MAP_FIXED unaligned",
	      mm(w + 1, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0));
	sys6(11, w, 16 * PAGE, 0, 0, 0, 0);
}

static void probe_munmap(void)
{
	long w = WIN + 32 * PAGE;
	mm(w, 3 * PAGE, PROT_READ | PROT_WRITE, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	check("munmap.len-zero-einval", "munmap(w, 0)", sys6(11, w, 0, 0, 0, 0, 0));
	check("munmap.unaligned-einval", "munmap(w + 1, PAGE)", sys6(11, w + 1, PAGE, 0, 0, 0, 0));
	check("munmap.out-of-range-einval", "munmap(TASK_SIZE, PAGE)",
	      sys6(11, TASK_SIZE_, PAGE, 0, 0, 0, 0));
	check("munmap.out-of-range-einval", "munmap(w, 2^47)", sys6(11, w, 1L << 47, 0, 0, 0, 0));
	check("munmap.nothing-mapped-ok", "munmap(w + 8 pages, PAGE)",
	      sys6(11, w + 8 * PAGE, PAGE, 0, 0, 0, 0));
	poke("munmap.data-after-unmap", "write w + 2 pages", w + 2 * PAGE, 'c');
	check("munmap.len-rounded-up", "munmap(w + PAGE, 1)", sys6(11, w + PAGE, 1, 0, 0, 0, 0));
	peek("munmap.splits-areas", "byte w", w);
	peek("munmap.access-faults", "byte w + PAGE", w + PAGE);
	peek("munmap.splits-areas", "byte w + 2 pages", w + 2 * PAGE);
	check("munmap.splits-areas", "munmap(w, 3 pages)", sys6(11, w, 3 * PAGE, 0, 0, 0, 0));
	check("munmap.data-after-unmap", "mmap fixed at w + 2 pages again",
	      mm(w + 2 * PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0));
	peek("munmap.data-after-unmap", "byte w + 2 pages", w + 2 * PAGE);
	sys6(11, w, 3 * PAGE, 0, 0, 0, 0);
}

static void probe_mprotect(void)
{
	long w = WIN + 64 * PAGE;
	mm(w, 4 * PAGE, PROT_READ | PROT_WRITE, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	check("mprotect.len-zero-ok", "mprotect(w, 0)", sys6(10, w, 0, PROT_READ, 0, 0, 0));
	check("mprotect.unaligned-einval", "mprotect(w + 1)",
	      sys6(10, w + 1, PAGE, PROT_READ, 0, 0, 0));
	check("mprotect.bad-prot-einval", "prot 0x10", sys6(10, w, PAGE, 0x10, 0, 0, 0));
	check("mprotect.bad-prot-einval", "PROT_GROWSUP",
	      sys6(10, w, PAGE, PROT_READ | PROT_GROWSUP, 0, 0, 0));
	check("mprotect.unmapped-enomem", "mprotect(w + 8 pages)",
	      sys6(10, w + 8 * PAGE, PAGE, PROT_READ, 0, 0, 0));
	check("mprotect.wrapping-end-enomem", "len -PAGE", sys6(10, w, -PAGE, PROT_READ, 0, 0, 0));
	poke("mprotect.prot-none-keeps-data", "write w", w, 'z');
	check("mprotect.prot-none-keeps-data", "PROT_NONE", sys6(10, w, PAGE, PROT_NONE, 0, 0, 0));
	peek("mprotect.prot-none-keeps-data", "byte w under PROT_NONE", w);
	check("mprotect.prot-none-keeps-data", "PROT_READ again",
	      sys6(10, w, PAGE, PROT_READ, 0, 0, 0));
	peek("mprotect.prot-none-keeps-data", "byte w", w);
	check("mprotect.len-rounded-up", "mprotect(w + PAGE, 1, PROT_READ)",
	      sys6(10, w + PAGE, 1, PROT_READ, 0, 0, 0));
	poke("mprotect.len-rounded-up", "write w + 2 pages - 1", w + 2 * PAGE - 1, 'q');
	poke("mprotect.split-merge", "write w + 2 pages", w + 2 * PAGE, 'q');
	check("mprotect.not-atomic", "mprotect(w + 3 pages, 2 pages) over a hole",
	      sys6(10, w + 3 * PAGE, 2 * PAGE, PROT_READ, 0, 0, 0));
	poke("mprotect.not-atomic", "write w + 3 pages", w + 3 * PAGE, 'r');
	check("mprotect.split-merge", "PROT_READ|PROT_WRITE on all 4",
	      sys6(10, w, 4 * PAGE, PROT_READ | PROT_WRITE, 0, 0, 0));
	poke("mprotect.split-merge", "write w + 1 page", w + PAGE, 's');
	check("mprotect.split-merge", "PROT_EXEC alone", sys6(10, w, PAGE, PROT_EXEC, 0, 0, 0));
	peek("mprotect.split-merge", "read the exec-only page", w);
	sys6(11, w, 4 * PAGE, 0, 0, 0, 0);
}

static void probe_madvise(void)
{
	long w = WIN + 96 * PAGE;
	mm(w, 2 * PAGE, PROT_READ | PROT_WRITE, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	check("madvise.len-zero-ok", "madvise(w, 0)", sys6(28, w, 0, MADV_DONTNEED, 0, 0, 0));
	check("madvise.unaligned-einval", "madvise(w + 1)",
	      sys6(28, w + 1, PAGE, MADV_NORMAL, 0, 0, 0));
	check("madvise.len-overflow-einval", "len -PAGE", sys6(28, w, -PAGE, MADV_NORMAL, 0, 0, 0));
	check("madvise.bad-advice-einval", "advice 1000", sys6(28, w, PAGE, 1000, 0, 0, 0));
	check("madvise.holes-enomem", "madvise(w, 4 pages)",
	      sys6(28, w, 4 * PAGE, MADV_NORMAL, 0, 0, 0));
	static const int hints[] = {MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED};
	for (unsigned i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		char what[32];
		snprintf(what, sizeof what, "advice %d", hints[i]);
		check("madvise.hints-accepted", what, sys6(28, w, 2 * PAGE, hints[i], 0, 0, 0));
	}
	poke("madvise.dontneed-zero-fill", "write w", w, 'd');
	poke("madvise.dontneed-zero-fill", "write w + PAGE", w + PAGE, 'e');
	check("madvise.dontneed-zero-fill", "MADV_DONTNEED w",
	      sys6(28, w, PAGE, MADV_DONTNEED, 0, 0, 0));
	peek("madvise.dontneed-zero-fill", "byte w", w);
	peek("madvise.dontneed-zero-fill", "byte w + PAGE, kept", w + PAGE);
	check("madvise.holes-enomem", "MADV_DONTNEED w + PAGE, 2 pages",
	      sys6(28, w + PAGE, 2 * PAGE, MADV_DONTNEED, 0, 0, 0));
	peek("madvise.holes-enomem", "byte w + PAGE after (applied up to the hole)", w + PAGE);
	sys6(11, w, 2 * PAGE, 0, 0, 0, 0);
}

/*
 * writev with one huge iovec: Linux checks each range with access_ok at
 * its full length (lengths first: a negative one is EINVAL even behind a
 * bad pointer), then caps the total at MAX_RW_COUNT (0x7ffff000) and
 * writes until the first byte it cannot read. The cap itself shows only
 * after 2 GiB written, which no test here can afford on the serial port;
 * and a buffer readable for a few bytes gives a short count to a file but
 * EFAULT to a pipe on Linux. So the buffers here start on an unmapped
 * page inside user space: a length above the cap is neither EINVAL nor
 * an early EFAULT from the range check, but the fault's EFAULT, whatever
 * standard output is. (A range past TASK_SIZE is left out: docs/SYSCALLS.md.)
 */
static void probe_writev(void)
{
	long hole = WIN + 65 * PAGE;
	sys6(11, hole, PAGE, 0, 0, 0, 0);
	long iov[2][2] = {{hole, 0x80000000L}, {hole, 0x7ffff000L + PAGE}};
	check("writev.huge-iovec", "writev(1, {unmapped, 2 GiB})",
	      sys6(20, 1, (long)iov[0], 1, 0, 0, 0));
	check("writev.huge-iovec", "writev(1, {unmapped, MAX_RW_COUNT + PAGE})",
	      sys6(20, 1, (long)iov[1], 1, 0, 0, 0));
	check("writev.huge-iovec", "writev(1, {unmapped, 2 GiB}, {unmapped, MAX_RW_COUNT + PAGE})",
	      sys6(20, 1, (long)iov[0], 2, 0, 0, 0));
	long bad[2][2] = {{0x10, 1}, {hole, -1}};
	check("writev.huge-iovec", "writev(1, {{0x10, 1}, {unmapped, -1}})",
	      sys6(20, 1, (long)bad, 2, 0, 0, 0));
}

int main(void)
{
	probe_install();
	probe_brk();
	probe_mmap();
	probe_munmap();
	probe_mprotect();
	probe_madvise();
	probe_writev();
	say("mm_probes: done\n");
	return 0;
}
