/*
 * syscall_fuzz.c - the differential memory-syscall fuzzer: random, hostile
 * sequences of brk, sbrk, mmap, munmap, mremap, mprotect, madvise, mlock,
 * mlock2, munlock, msync, read, write and writev, checked against a model, with a digest of every
 * result.
 *
 *   syscall_fuzz SEED CALLS [BLOCK] [strict] [mremap]
 *
 * The same seed gives the same calls on every kernel. Each call and its
 * result become one line of text (the result as -errno, or an address
 * relative to the fuzzer's own window or heap: raw addresses chosen by
 * the kernel differ between kernels and mean nothing); the lines of each
 * block of 1000 calls are hashed into one digest, printed as
 * "fuzz-block K HASH". tools/syscall-fuzz.py runs the same seeds on Linux
 * and on Interlude and compares the digests; given BLOCK, the fuzzer also
 * prints every line of that block, which names the first differing call.
 *
 * Where the fuzzer may touch memory: a window of WIN_PAGES pages at
 * WIN_BASE (16 TiB, far from everything either kernel places) and the
 * heap above the initial break. Every call that could change memory gets
 * an address in the window or one that cannot succeed (NULL, the kernel
 * half, non-canonical, unaligned), so the program's own text, data and
 * stack are never hit. The model knows, page by page, what is mapped with
 * which protection and which byte the fuzzer last stored at the page's
 * probe offset; every touch is checked against it (a page that must
 * fault, a value that must be read back, zero-fill after mmap, brk growth
 * and MADV_DONTNEED). Touches go through probe_read and probe_write, two
 * instructions a SIGSEGV handler skips by editing the ucontext, so a
 * fault costs no process and works the same on both kernels. A
 * disagreement prints "fuzz: MODEL ..." and the exit status is 1.
 *
 * Without "strict", inputs where Interlude is known to differ from Linux
 * on purpose or not yet are left out (docs/SYSCALLS.md lists each):
 * MAP_GROWSDOWN, MAP_HUGETLB,
 * the madvise advice values Interlude does not implement, and fixed
 * addresses that look like errors.
 * "strict" puts them in. After each block the program asks Interlude for
 * a checkpoint of the kernel's invariant checker (mmcheck(), system call
 * 1001: see checkpoint() below). With "mremap", mremap is called too
 * (do_mremap); not by default, since where Linux keeps two areas that
 * Interlude merged their results differ (docs/SYSCALLS.md);
 * tests/libc/mremap_test.c and the kernel's mremap suites test it case by
 * case. The random stream, the model and the arguments are in
 * syscall_fuzz_model.h. With FUZZ_PAGE=N in the environment the program
 * also prints, after every call, what its model holds of window page N
 * (for finding where the model went wrong; the harness never sets it).
 */
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "mem_probe.h"
#include "syscall_fuzz_model.h"

/* --- the calls ------------------------------------------------------------------ */

static const unsigned long safe_flags[] = {
    MAP_NORESERVE,  MAP_POPULATE,      MAP_NONBLOCK, MAP_STACK, MAP_DENYWRITE,
    MAP_EXECUTABLE, MAP_UNINITIALIZED, MAP_SYNC,     MAP_32BIT, MAP_LOCKED,
    MAP_DROPPABLE,  0x200000,	       0x20000000,
};
static const unsigned long strict_flags[] = {MAP_GROWSDOWN, MAP_HUGETLB};

/* mmap: fixed, no-replace, hinted or free placement, with every kind of flag. */
static void do_mmap(void)
{
	char a[40], r[40];
	uint64_t addr = below(4) ? WIN_BASE + below(WIN_PAGES) * PAGE : hostile_addr();
	uint64_t len = len_arg();
	if (addr >= WIN_BASE && addr < WIN_END && below(8) == 0)
		addr += 1; /* unaligned: EINVAL when fixed, rounded up as a hint */
	unsigned long prot = prot_arg();
	unsigned long flags = MAP_PRIVATE | MAP_ANONYMOUS;
	int how = (int)below(4); /* 0 fixed, 1 no-replace, 2 hint, 3 none */
	if (how == 3)
		addr = 0;
	if (len > WIN_PAGES * PAGE && len < (1ULL << 47)) {
		/* Big reservations go elsewhere, without access: the RAM of the
		 * two machines differs, so a commit charge would too. */
		how = 3;
		addr = 0;
		prot = PROT_NONE;
	}
	/* Linux returns a fixed address that looks like an error (-4095..-1) as
	 * that error (docs/SYSCALLS.md): such addresses only when strict. */
	if (!strict && addr >= -4095ULL)
		addr = 0xfffffffffffff000ULL;
	if (addr < 0x10000 && how < 2)
		addr = 0x0000800000000000ULL; /* never fixed at 0: root may map there on Linux */
	if (addr < 0x10000 && how == 2)
		addr = WIN_BASE; /* mmap_min_addr differs (docs/SYSCALLS.md) */
	if (how < 3 && addr >= WIN_BASE && addr < WIN_END && len < (1ULL << 47)) {
		/* What is mapped stays inside the window (a hint is rounded up). */
		uint64_t up = page_up(addr);
		if (up >= WIN_END)
			addr = up = WIN_BASE;
		if (len > WIN_END - up)
			len = WIN_END - up;
	}
	/* A fixed mapping lands in the window or cannot be made (no hostile
	 * address is 0, where root could map on Linux: docs/SYSCALLS.md). */
	if (how == 0)
		flags |= MAP_FIXED;
	else if (how == 1)
		flags |= MAP_FIXED_NOREPLACE;
	if (below(4) == 0)
		flags |= PICK(safe_flags);
	if (strict && below(6) == 0)
		flags |= PICK(strict_flags);
	if (below(24) == 0) /* no MAP_ANONYMOUS, a bad type, or both types */
		flags ^= PICK(((const unsigned long[]){MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED}));
	if (below(8) == 0 && !(flags & MAP_SHARED)) /* shared anonymous memory */
		flags ^= MAP_SHARED | MAP_PRIVATE;
	if ((flags & MAP_POPULATE) && len > 8 * PAGE && len < (1ULL << 47))
		flags &= ~MAP_POPULATE;
	/* Linux holds a user who is not root to RLIMIT_MEMLOCK (8 MiB on
	 * Debian) for locked mappings; Interlude has no such limit. */
	if (len > WIN_PAGES * PAGE)
		flags &= ~MAP_LOCKED;
	long fd = below(16) ? -1 : 3;
	uint64_t off = below(16) ? 0 : PICK(((const uint64_t[]){1, PAGE, -PAGE}));
	long res = sys6(9, (long)addr, (long)len, (long)prot, (long)flags, fd, (long)off);
	snprintf(line, sizeof line, "mmap(%s, %#llx, %#lx, %#lx, %ld, %#llx) = %s", rel(addr, a),
		 (unsigned long long)len, prot, flags, fd, (unsigned long long)off,
		 rel((uint64_t)res, r));
	record();
	if (res < 0 && res >= -4095)
		return;
	if ((uint64_t)res >= WIN_BASE && (uint64_t)res < WIN_END) {
		if ((uint64_t)res + len > WIN_END) {
			model_mismatch("a mapping runs past the window");
			return;
		}
		struct new_map m = {(unsigned)prot, (flags & MAP_TYPE) == MAP_SHARED,
				    (flags & MAP_LOCKED) != 0};
		each_win_page((uint64_t)res, len, set_mapped, &m);
	} else if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE)) {
		model_mismatch("MAP_FIXED placed the mapping elsewhere");
	} else {
		sys6(11, res, (long)len, 0, 0, 0, 0); /* not ours to model */
	}
}

/* munmap of a window range (or a hostile one). */
static void do_munmap(void)
{
	char a[40], r[40];
	uint64_t addr = addr_arg(), len = len_arg();
	long res = sys6(11, (long)addr, (long)len, 0, 0, 0, 0);
	snprintf(line, sizeof line, "munmap(%s, %#llx) = %s", rel(addr, a), (unsigned long long)len,
		 rel((uint64_t)res, r));
	record();
	if (res == 0)
		each_win_page(addr, len, set_unmapped, NULL);
}

/* mprotect: on ENOMEM Linux has changed the pages up to the first hole (not atomic). */
static void do_mprotect(void)
{
	char a[40], r[40];
	uint64_t addr = addr_arg(), len = len_arg();
	unsigned long prot = prot_arg();
	/* PROT_GROWSDOWN starts at the first area in the range, wherever it
	 * is: a range from the window must not reach the stack. */
	if ((prot & PROT_GROWSDOWN) && addr + len >= addr && addr + len > WIN_BASE + (1ULL << 40) &&
	    addr < (1ULL << 47))
		len = 1ULL << 40;
	long res = sys6(10, (long)addr, (long)len, (long)prot, 0, 0, 0);
	snprintf(line, sizeof line, "mprotect(%s, %#llx, %#lx) = %s", rel(addr, a),
		 (unsigned long long)len, prot, rel((uint64_t)res, r));
	record();
	uint64_t end = addr + page_up(len);
	if ((res != 0 && res != -12) || end <= addr)
		return; /* refused before anything changed (a range that wraps too) */
	for (uint64_t p = addr; p >= WIN_BASE && p < WIN_END && p - addr < len; p += PAGE) {
		struct page *pg = &win[(p - WIN_BASE) / PAGE];
		if (!pg->mapped)
			break;
		pg->prot = (unsigned)prot & 7;
	}
}

/* MADV_DONTNEED that met a locked area: the pages before it were dropped. */
static void zero_until_locked(uint64_t addr, uint64_t len)
{
	for (uint64_t p = addr; p >= WIN_BASE && p < WIN_END && p - addr < len; p += PAGE) {
		struct page *pg = &win[(p - WIN_BASE) / PAGE];
		if (pg->mapped && pg->locked)
			return;
		set_zero(pg, NULL);
	}
}

/* madvise: the implemented advice, bad values, and (strict) the rest. */
static void do_madvise(void)
{
	static const int ok_advice[] = {
	    MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED, MADV_FREE, -1,
	    5,		 1000};
	static const int more_advice[] = {MADV_REMOVE,	  MADV_DONTFORK,      MADV_DOFORK,
					  MADV_MERGEABLE, MADV_HUGEPAGE,      MADV_NOHUGEPAGE,
					  MADV_DONTDUMP,  MADV_DODUMP,	      MADV_COLD,
					  MADV_PAGEOUT,	  MADV_POPULATE_READ, MADV_POPULATE_WRITE};
	char a[40], r[40];
	uint64_t addr = addr_arg(), len = len_arg();
	int advice = strict && below(3) == 0 ? PICK(more_advice) : PICK(ok_advice);
	/* madvise walks every area up to the end, holes or not: a long range
	 * from the window would reach the stack. */
	if (addr + len >= addr && addr + len > WIN_BASE + (1ULL << 40) && addr < (1ULL << 47))
		len = 1ULL << 40;
	long res = sys6(28, (long)addr, (long)len, advice, 0, 0, 0);
	snprintf(line, sizeof line, "madvise(%s, %#llx, %d) = %s", rel(addr, a),
		 (unsigned long long)len, advice, rel((uint64_t)res, r));
	record();
	/* Linux applies the advice to the mapped parts of a range with holes
	 * too (ENOMEM), and area by area up to a locked one (EINVAL). */
	if ((res == 0 || res == -12) && advice == MADV_DONTNEED)
		each_win_page(addr, len, set_zero, NULL);
	else if (res == -22 && advice == MADV_DONTNEED && addr % PAGE == 0 && len &&
		 addr + page_up(len) > addr) /* not refused at once */
		zero_until_locked(addr, len);
	else if ((res == 0 || res == -12 || res == -22) &&
		 advice == MADV_FREE) /* kept or zeroed: the kernel's choice */
		each_win_page(addr, len, set_unknown, NULL);
}

/*
 * mlock, mlock2, munlock or msync of a window range (or a hostile one).
 * The pages are marked from the first one up to the first hole, even when
 * the call then fails there (ENOMEM), or failed to page them in (ENOMEM
 * for PROT_NONE, EAGAIN): mlock.hole-after-marking. msync changes nothing.
 */
static void do_lock(void)
{
	static const int nr[] = {149, 325, 150, 26};
	static const char *const name[] = {"mlock", "mlock2", "munlock", "msync"};
	static const long sync_flags[] = {
	    MS_ASYNC, MS_SYNC, MS_INVALIDATE, MS_ASYNC | MS_INVALIDATE, 0, MS_ASYNC | MS_SYNC, 8};
	char a[40], r[40];
	uint64_t addr = addr_arg(), len = len_arg();
	int which = (int)below(4);
	long flags = which == 1	  ? (below(4) ? 1 /* MLOCK_ONFAULT */ : (long)below(4))
		     : which == 3 ? PICK(sync_flags)
				  : 0;
	long res = sys6(nr[which], (long)addr, (long)len, flags, 0, 0, 0);
	snprintf(line, sizeof line, "%s(%s, %#llx, %ld) = %s", name[which], rel(addr, a),
		 (unsigned long long)len, flags, rel((uint64_t)res, r));
	record();
	if (which == 3 || (res != 0 && res != -12 && res != -11))
		return;
	uint64_t start = addr & ~(PAGE - 1), end = start + page_up(len + (addr & (PAGE - 1)));
	for (uint64_t p = start; p < end && p >= WIN_BASE && p < WIN_END; p += PAGE) {
		struct page *pg = &win[(p - WIN_BASE) / PAGE];
		if (!pg->mapped)
			break;
		pg->locked = which != 2;
	}
}

/* brk (raw) or sbrk (the libc's): within HEAP_PAGES of the start, or hostile. */
static void do_brk(void)
{
	char a[40], r[40];
	if (below(2)) {
		uint64_t want = below(6) ? brk0 + below(HEAP_PAGES * PAGE) : hostile_addr();
		if (below(8) == 0)
			want = brk0 - PAGE * (1 + below(4)); /* below the heap's start */
		uint64_t res = (uint64_t)sys6(12, (long)want, 0, 0, 0, 0, 0);
		snprintf(line, sizeof line, "brk(%s) = %s", rel(want, a), rel(res, r));
		record();
		if (res != brk_now && res != want)
			model_mismatch("brk returned neither the old nor the asked break");
		if (res == want) {
			for (uint64_t p = page_up(res); p < brk0 + HEAP_PAGES * PAGE; p += PAGE)
				if (p >= (brk0 & ~(PAGE - 1)))
					heap_stamp[(p - (brk0 & ~(PAGE - 1))) / PAGE] = 0;
			brk_now = res;
		}
		return;
	}
	int64_t inc = (int64_t)below(HEAP_PAGES * PAGE / 2) - (int64_t)(brk_now - brk0) / 2;
	if (below(8) == 0)
		inc = (int64_t)PICK(
		    ((const uint64_t[]){1ULL << 62, -(1ULL << 62), 1ULL << 47, -PAGE * 64}));
	if ((int64_t)(brk_now - brk0) + inc > (int64_t)(HEAP_PAGES * PAGE))
		inc = 0;
	uint64_t before = brk_now;
	void *res = sbrk((intptr_t)inc);
	snprintf(line, sizeof line, "sbrk(%lld) = %s", (long long)inc,
		 res == (void *)-1 ? "-1" : rel((uint64_t)res, a));
	record();
	if (res != (void *)-1) {
		if ((uint64_t)res != before)
			model_mismatch("sbrk did not return the old break");
		brk_now = before + (uint64_t)inc;
		for (uint64_t p = page_up(brk_now); p < brk0 + HEAP_PAGES * PAGE; p += PAGE)
			if (p >= (brk0 & ~(PAGE - 1)))
				heap_stamp[(p - (brk0 & ~(PAGE - 1))) / PAGE] = 0;
	}
	(void)r;
}

/*
 * mremap of a window range, with Linux 6.17's rules (mm/mremap.c): shrink
 * (the tail unmapped, as munmap would, whatever lies there), growth in
 * place (the new pages zero), a move to where the kernel likes (then
 * unmapped: not ours to model) or with MREMAP_FIXED to the window, and
 * MREMAP_DONTUNMAP (the old range stays, its private pages empty; the new
 * address a hint). A FIXED move of the same size takes every area of the
 * range to its offset and leaves the target of a gap as it was; a resize
 * must lie in one area, and a refusal changes nothing. New sizes stay
 * within the window, so that nothing grows where the model cannot see it,
 * and never so big that a commit charge (which differs between the
 * machines) could refuse it. Left out unless strict: old_size 0 on a
 * shared mapping (docs/SYSCALLS.md). Always left out: DONTUNMAP over
 * shared or locked pages (the model cannot follow pages seen through two
 * mappings, nor Linux's unlocking of the old area), and growing a shared
 * mapping (its pages past the original size raise SIGBUS on Linux).
 */
static void do_mremap(void)
{
	char a[40], n[40], r[40];
	struct remap m;
	draw_mremap(&m);
	long res = sys6(25, (long)m.old, (long)m.old_len, (long)m.new_len, (long)m.flags,
			(long)m.new_addr, 0);
	snprintf(line, sizeof line, "mremap(%s, %#llx, %#llx, %#lx, %s) = %s", rel(m.old, a),
		 (unsigned long long)m.old_len, (unsigned long long)m.new_len, m.flags,
		 rel(m.new_addr, n), rel((uint64_t)res, r));
	record();
	if (res < 0 && res >= -4095)
		return; /* a refusal changes nothing */
	model_mremap(&m, res);
}

static const char some_text[24] = "the fuzzer says hello\n";

/* read from the empty standard input, write to standard output, writev: hostile buffers. */
static void do_io(void)
{
	char a[40], r[40];
	uint64_t buf = below(3) ? win_addr() : hostile_addr();
	uint64_t len = below(3) ? below(48) : len_arg();
	int kind = (int)below(4);
	long res;
	if (kind == 0) {
		/* Hostile buffers too: the range is checked before the empty
		 * stdin is read, on both kernels (uaccess.range-checked-first). */
		res = sys6(0, 0, (long)buf, (long)len, 0, 0, 0);
		snprintf(line, sizeof line, "read(0, %s, %#llx) = %s", rel(buf, a),
			 (unsigned long long)len, rel((uint64_t)res, r));
	} else if (kind == 1) {
		if (len > 48 && len < (1ULL << 47))
			len = 48;
		res = sys6(1, below(8) ? 1 : 9, (long)buf, (long)len, 0, 0, 0);
		snprintf(line, sizeof line, "write(%s, %#llx) = %s", rel(buf, a),
			 (unsigned long long)len, rel((uint64_t)res, r));
	} else {
		static uint64_t iov[4][2]; /* struct iovec: base, length */
		long cnt = (long)below(4) + 1;
		for (long i = 0; i < cnt; i++) {
			iov[i][0] = below(3) ? win_addr() : (uint64_t)some_text;
			iov[i][1] = below(24);
		}
		uint64_t vec = below(8) ? (uint64_t)iov : hostile_addr();
		if (below(10) == 0)
			cnt = PICK(((const long[]){0, -1, 1025, 1024 * 1024}));
		res = sys6(20, 1, (long)vec, cnt, 0, 0, 0);
		snprintf(line, sizeof line, "writev(%s, %ld) = %s",
			 vec == (uint64_t)iov ? "iov" : rel(vec, a), cnt, rel((uint64_t)res, r));
	}
	record();
}

/* Touches one page of the window or heap, checking what the model predicts. */
static void do_touch(void)
{
	char r[40];
	int in_heap = below(4) == 0;
	unsigned i = (unsigned)below(in_heap ? HEAP_PAGES : WIN_PAGES);
	uint64_t base = in_heap ? (brk0 & ~(PAGE - 1)) + i * PAGE : WIN_BASE + i * PAGE;
	volatile char *p = (volatile char *)(base + PROBE_OFF);
	int readable, writable, *stamp;
	if (in_heap) {
		readable = writable = base < page_up(brk_now);
		stamp = &heap_stamp[i];
	} else {
		readable = win[i].mapped && win[i].prot != 0;
		writable = win[i].mapped && (win[i].prot & PROT_WRITE);
		stamp = &win[i].stamp;
	}
	if (in_heap && base < (brk0 & ~(PAGE - 1)) + PAGE && brk0 % PAGE)
		return; /* the break's first page holds the program's data: not ours */
	int expect = *stamp;
	probe_si_code = 0;
	long got = probe_read(p);
	long zero = probe_read((volatile char *)(base + PAGE - 1)); /* never written */
	if (below(2) && got >= 0) {
		char v = (char)(1 + below(250));
		long w = probe_write(p, v);
		snprintf(line, sizeof line, "touch %s+%#x: read %ld, write %ld (si_code %d)",
			 in_heap ? "heap" : "win", i, (*stamp == UNKNOWN && got >= 0) ? 0 : got, w,
			 probe_si_code);
		if ((w == 0) != writable)
			model_mismatch(writable ? "a writable page faulted"
						: "a read-only page took a write");
		if (w == 0)
			*stamp = (uint8_t)v;
	} else {
		snprintf(line, sizeof line, "touch %s+%#x: read %ld (si_code %d)",
			 in_heap ? "heap" : "win", i, (*stamp == UNKNOWN && got >= 0) ? 0 : got,
			 probe_si_code);
	}
	record();
	(void)r;
	if ((got >= 0) != readable)
		model_mismatch(readable ? "a mapped page faulted"
					: "an inaccessible page was read");
	else if (got >= 0 && expect != UNKNOWN && got != expect)
		model_mismatch("a page does not hold what was stored (or is not zero-filled)");
	else if (got >= 0 && zero != 0)
		model_mismatch("a byte never written is not zero");
}

/*
 * After each block: Interlude's mmcheck() (system call 1001) runs the
 * kernel's invariant checker on this process and the whole system, and
 * panics the boot if the books disagree, so a failure is caught within
 * a block of the call that caused it. Linux answers -ENOSYS. Neither
 * result goes into the digest; any other answer is a model mismatch.
 */
static void checkpoint(void)
{
	long res = sys6(1001, 0, 0, 0, 0, 0, 0);
	snprintf(line, sizeof line, "mmcheck() = %ld", res);
	if (res != (on_interlude ? 0 : -38 /* ENOSYS */))
		model_mismatch("the invariant checker's checkpoint did not answer");
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		say("usage: syscall_fuzz SEED CALLS [BLOCK] [strict] [mremap]\n");
		return 2;
	}
	uint64_t seed = strtoull(argv[1], NULL, 0);
	long calls = strtol(argv[2], NULL, 0);
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "strict") == 0)
			strict = 1;
		else if (strcmp(argv[i], "mremap") == 0)
			with_mremap = 1;
		else
			verbose_block = strtol(argv[i], NULL, 0);
	}
	const char *w = getenv("FUZZ_PAGE");
	int watch = w && atoi(w) >= 0 && atoi(w) < WIN_PAGES ? atoi(w) : -1;
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
	probe_install();
	brk0 = brk_now = (uint64_t)sys6(12, 0, 0, 0, 0, 0, 0);
	/* Interlude's sbrk(0) (system call 1000) is the break; Linux: -ENOSYS. */
	on_interlude = sys6(1000, 0, 0, 0, 0, 0, 0) == (long)brk0;
	digest = 0xcbf29ce484222325ULL;
	say("fuzz: start seed %llu\n",
	    (unsigned long long)seed); /* where a process's output begins */
	for (calls_done = 0; calls_done < calls; calls_done++) {
		probe_step = calls_done;
		current_block = calls_done / BLOCK_CALLS;
		uint64_t op = below(with_mremap ? 18 : 17);
		if (op < 3)
			do_mmap();
		else if (op == 16)
			do_lock();
		else if (op == 17)
			do_mremap();
		else if (op < 5)
			do_munmap();
		else if (op < 7)
			do_mprotect();
		else if (op < 8)
			do_madvise();
		else if (op < 10)
			do_brk();
		else if (op < 11)
			do_io();
		else
			do_touch();
		if (watch >= 0) /* FUZZ_PAGE: the model's view of one page */
			say("  page %d: mapped %d prot %u shared %d locked %d stamp %d\n", watch,
			    win[watch].mapped, win[watch].prot, win[watch].shared,
			    win[watch].locked, win[watch].stamp);
		if ((calls_done + 1) % BLOCK_CALLS == 0 || calls_done + 1 == calls) {
			say("fuzz-block %ld %016llx\n", current_block, (unsigned long long)digest);
			digest = 0xcbf29ce484222325ULL;
			checkpoint();
		}
	}
	say("fuzz: seed %llu: %ld calls, %d model mismatches\n", (unsigned long long)seed, calls,
	    mismatches);
	return mismatches ? 1 : 0;
}
