/*
 * mlock_test.c - mlock, mlock2, munlock, mlockall, munlockall, msync and
 * mincore from a program: which pages get locked (VmLck in
 * /proc/self/status) and paged in (mincore), the order of the errors,
 * what later calls see (madvise, mprotect, mremap, fork), and
 * mlockall(MCL_FUTURE) for the mappings to come. The same checks as
 * kernel/mm/test/mlock_test.c, here on both kernels: built against glibc
 * too, and run on Linux with either libc and on Interlude, with the same
 * output. Run as root (CAP_IPC_LOCK) on Linux, as everyone is on
 * Interlude; a user's RLIMIT_MEMLOCK would refuse mlockall(MCL_CURRENT).
 * Not built for the host's sanitizers: ASan makes mlock a no-op.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* mlock2, MLOCK_ONFAULT, MCL_ONFAULT in glibc */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define P 4096L
#define RW (PROT_READ | PROT_WRITE)

/* VmLck of /proc/self/status, in KiB; -1 if it cannot be read. */
static long locked_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	char line[128];
	long kib = -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmLck:", 6) == 0)
			kib = atol(line + 6);
	fclose(f);
	return kib;
}

/* How many of the n pages from p are resident (mincore); -1 on error. */
static int resident(const char *p, long n)
{
	unsigned char v[16];
	if (n > 16 || mincore((void *)p, (size_t)(n * P), v) != 0)
		return -1;
	int r = 0;
	for (long i = 0; i < n; i++)
		r += v[i] & 1;
	return r;
}

/* n fresh private pages (none resident yet), or NULL. */
static char *pages(long n)
{
	void *p = mmap(NULL, (size_t)(n * P), RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* -errno of a call's result: 0 when it returned 0, -errno when -1. */
static int err_of(int r)
{
	return r == 0 ? 0 : r == -1 ? -errno : 1;
}

static void locking(void)
{
	long base = locked_kib();
	/* four pages, and the page below them unmapped for certain (another
	 * mapping may sit right below a fresh one: the mlock that starts
	 * before the mapping would then lock it, and the checks after see it) */
	char *below = pages(5), *p = below ? below + P : NULL;
	if (below)
		munmap(below, P);
	if (!p) {
		EXPECT(0, "mlock: setup");
		return;
	}
	EXPECT(base == 0, "mlock: nothing is locked at start");
	EXPECT(mlock(p + P + 1, 1) == 0 && locked_kib() == base + 4,
	       "mlock: one byte locks its whole page");
	EXPECT(resident(p, 4) == 1 && resident(p + P, 1) == 1, "mlock: ... and pages it in");
	EXPECT(madvise(p + P, P, MADV_DONTNEED) == -1 && errno == EINVAL,
	       "mlock: the page may not be discarded (madvise EINVAL)");
	EXPECT(munlock(p, 4 * P) == 0 && locked_kib() == base, "munlock");
	EXPECT(madvise(p + P, P, MADV_DONTNEED) == 0,
	       "munlock: ... the page may be discarded again");
	EXPECT_EQ(err_of(mlock(p, 0)), 0, "mlock of 0 bytes");
	EXPECT_EQ(err_of(mlock(p, SIZE_MAX)), 0, "mlock: a length that rounds to 0 does nothing");
	EXPECT_EQ(locked_kib(), base, "mlock: ... nothing");
	EXPECT_EQ(err_of(mlock(p, (size_t)-P)), -EINVAL, "mlock: a range that wraps: EINVAL");
	EXPECT_EQ(err_of(mlock((void *)0x200000000000L, P)), -ENOMEM, "mlock: unmapped: ENOMEM");
	EXPECT_EQ(err_of(munlock((void *)0x200000000000L, P)), -ENOMEM,
		  "munlock: unmapped: ENOMEM");
	EXPECT_EQ(err_of(mlock(p - P, 2 * P)), -ENOMEM,
		  "mlock: starting before the mapping: ENOMEM");
	EXPECT_EQ(err_of(mlock2(p, P, 2)), -EINVAL, "mlock2: an unknown flag: EINVAL");
	munmap(p, 4 * P);
}

static void holes_and_faults(void)
{
	long base = locked_kib();
	char *p = pages(8);
	if (!p || munmap(p + 4 * P, P) != 0) {
		EXPECT(0, "mlock: setup");
		return;
	}
	EXPECT_EQ(err_of(mlock(p, 8 * P)), -ENOMEM, "mlock over a hole: ENOMEM");
	EXPECT(locked_kib() == base + 16 && resident(p, 4) == 0,
	       "mlock over a hole: the pages before it are locked, none paged in");
	EXPECT_EQ(err_of(munlock(p, 8 * P)), -ENOMEM, "munlock over a hole: ENOMEM");
	EXPECT_EQ(locked_kib(), base, "munlock over a hole: ... the pages before it unlocked");
	munmap(p, 8 * P);

	p = pages(6);
	if (!p || mprotect(p + 2 * P, 2 * P, PROT_NONE) != 0) {
		EXPECT(0, "mlock: setup");
		return;
	}
	EXPECT_EQ(err_of(mlock(p, 6 * P)), -ENOMEM, "mlock over PROT_NONE pages: ENOMEM");
	EXPECT(locked_kib() == base + 24, "mlock over PROT_NONE pages: ... all six locked");
	EXPECT(resident(p, 2) == 2 && resident(p + 2 * P, 4) == 0,
	       "mlock over PROT_NONE pages: ... paged in up to them");
	EXPECT(mprotect(p + 2 * P, 2 * P, RW) == 0 && resident(p + 2 * P, 2) == 2,
	       "mprotect: locked pages made writable are paged in");
	munmap(p, 6 * P);

	char *k = pages(4);
	EXPECT(k && mlock2(k, 4 * P, MLOCK_ONFAULT) == 0 && locked_kib() == base + 16 &&
		   resident(k, 4) == 0,
	       "mlock2 MLOCK_ONFAULT: locked, not paged in");
	if (k) {
		k[0] = 1;
		EXPECT(resident(k, 4) == 1, "mlock2 MLOCK_ONFAULT: ... a touched page comes in");
		EXPECT(mlock(k, 4 * P) == 0 && resident(k, 4) == 4,
		       "mlock of it: ... pages the rest in");
		char *g = mremap(k, 4 * P, 6 * P, MREMAP_MAYMOVE);
		EXPECT(g != MAP_FAILED && resident(g, 6) == 6 && locked_kib() == base + 24,
		       "mremap: a locked mapping that grows has its new pages paged in");
		munmap(g != MAP_FAILED ? g : k, g != MAP_FAILED ? 6 * P : 4 * P);
	}
	EXPECT_EQ(locked_kib(), base, "munmap: unmapped pages are no longer locked");
}

/* In a forked child: none of the parent's locks, and no MCL_FUTURE; the
 * exit status says which check failed. */
static int child_of_locked(char *locked_page)
{
	if (locked_kib() != 0)
		return 1;
	char *d = pages(1);
	if (!d || resident(d, 1) != 0)
		return 2;
	if (madvise(locked_page, P, MADV_DONTNEED) != 0)
		return 3;
	return 0;
}

static void all_and_future(void)
{
	EXPECT_EQ(err_of(mlockall(0)), -EINVAL, "mlockall(0): EINVAL");
	EXPECT_EQ(err_of(mlockall(MCL_ONFAULT)), -EINVAL, "mlockall(MCL_ONFAULT) alone: EINVAL");
	EXPECT_EQ(err_of(mlockall(8)), -EINVAL, "mlockall: an unknown flag: EINVAL");
	EXPECT_EQ(err_of(mlockall(MCL_FUTURE | 8)), -EINVAL, "mlockall: ... with MCL_FUTURE too");

	char *old = pages(2);
	EXPECT(mlockall(MCL_FUTURE) == 0 && locked_kib() == 0,
	       "mlockall(MCL_FUTURE): the current mappings stay unlocked");
	char *p = pages(3);
	EXPECT(p && resident(p, 3) == 3 && locked_kib() == 12,
	       "mlockall(MCL_FUTURE): a new mapping is locked and paged in");
	char *big = malloc(1 << 20); /* its own mapping, in every allocator */
	char *inside = big ? (char *)(((uintptr_t)big + 64 * P) & ~(uintptr_t)(P - 1)) : NULL;
	EXPECT(inside && resident(inside, 1) == 1, "mlockall(MCL_FUTURE): ... so is malloc's");
	free(big);
	fflush(stdout);
	pid_t c = fork();
	if (c == 0)
		_exit(child_of_locked(p));
	int status = -1;
	EXPECT(c > 0 && waitpid(c, &status, 0) == c && WIFEXITED(status) &&
		   WEXITSTATUS(status) == 0,
	       "fork: the child inherits no lock and no MCL_FUTURE");
	EXPECT(madvise(p, P, MADV_DONTNEED) == -1 && errno == EINVAL,
	       "fork: ... and the parent keeps its locks");
	EXPECT(munlockall() == 0 && locked_kib() == 0, "munlockall");
	char *q = pages(1);
	EXPECT(q && resident(q, 1) == 0, "munlockall: ... ends MCL_FUTURE");

	EXPECT(mlockall(MCL_CURRENT | MCL_ONFAULT) == 0 && locked_kib() > 0 && old &&
		   resident(old, 2) == 0,
	       "mlockall(MCL_CURRENT | MCL_ONFAULT): locks without paging in");
	EXPECT(mlockall(MCL_CURRENT) == 0 && old && resident(old, 2) == 2,
	       "mlockall(MCL_CURRENT): pages every mapping in");
	EXPECT(munlockall() == 0 && locked_kib() == 0, "munlockall: ... unlocks them");
	munmap(old, 2 * P);
	munmap(p, 3 * P);
	munmap(q, P);
}

static void syncing(void)
{
	char *p = pages(8);
	if (!p || munmap(p + 4 * P, P) != 0) {
		EXPECT(0, "msync: setup");
		return;
	}
	EXPECT_EQ(err_of(msync(p, P, 8)), -EINVAL, "msync: an unknown flag: EINVAL");
	EXPECT_EQ(err_of(msync(p + 1, P, MS_ASYNC)), -EINVAL, "msync: misaligned: EINVAL");
	EXPECT_EQ(err_of(msync(p, P, MS_ASYNC | MS_SYNC)), -EINVAL,
		  "msync: MS_ASYNC with MS_SYNC: EINVAL");
	EXPECT_EQ(err_of(msync(p, 4 * P, MS_SYNC)), 0, "msync of anonymous memory: 0");
	EXPECT_EQ(err_of(msync(p, 0, MS_SYNC)), 0, "msync of 0 bytes: 0");
	EXPECT_EQ(err_of(msync(p, (size_t)-P, MS_ASYNC)), -ENOMEM,
		  "msync: a range that wraps: ENOMEM");
	EXPECT_EQ(err_of(msync(p, 8 * P, MS_ASYNC)), -ENOMEM, "msync over a hole: ENOMEM");
	EXPECT_EQ(err_of(msync(p + 4 * P, P, MS_SYNC)), -ENOMEM, "msync of a hole: ENOMEM");
	EXPECT(mlock(p + 5 * P, P) == 0, "msync: setup (a locked page after the hole)");
	EXPECT_EQ(err_of(msync(p + 5 * P, P, MS_INVALIDATE)), -EBUSY,
		  "msync MS_INVALIDATE of locked memory: EBUSY");
	EXPECT_EQ(err_of(msync(p, 8 * P, MS_INVALIDATE)), -EBUSY,
		  "msync MS_INVALIDATE: EBUSY wins over a hole before it");
	EXPECT_EQ(err_of(msync(p + 4 * P, 2 * P, MS_SYNC)), -ENOMEM,
		  "msync MS_SYNC alone stops at the first hole");
	EXPECT_EQ(err_of(msync(p + 5 * P, P, MS_ASYNC)), 0, "msync MS_ASYNC of locked memory: 0");
	munmap(p, 8 * P);
}

static void tests(void)
{
	locking();
	holes_and_faults();
	all_and_future();
	syncing();
}

int main(void)
{
	return ktap_run(tests);
}
