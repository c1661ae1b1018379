/*
 * syscall_test.c - the system call wrappers: errno from failing calls,
 * brk/sbrk semantics (the same binary uses Interlude's sbrk system call
 * or, on Linux, falls back to brk), mmap/munmap/mprotect/madvise, and
 * syscall() with <sys/syscall.h> numbers.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

/* 1 on Interlude (uname's sysname), 0 on Linux. */
static int on_interlude(void)
{
	char u[6 * 65];
	return syscall(SYS_uname, u) == 0 && strcmp(u, "Interlude") == 0;
}

/* -errno of a -1 result, or the result itself: easy to compare with EXPECT_EQ. */
static long res(long r)
{
	return r == -1 ? -errno : r;
}

static void brk_sbrk(void)
{
	char *cur = sbrk(0);
	EXPECT(cur != (void *)-1 && cur == (char *)syscall(SYS_brk, 0),
	       "sbrk(0) returns the current break");
	EXPECT_EQ(brk(cur + 4096), 0, "brk(cur + 4096) == 0");
	EXPECT(sbrk(0) == cur + 4096, "sbrk(0) is the new break");
	EXPECT(sbrk(4096) == cur + 4096, "sbrk(4096) returns the old break");
	EXPECT(sbrk(0) == cur + 8192, "the break moved by 4096");
	memset(cur, 0x5a, 8192);
	EXPECT(cur[0] == 0x5a && cur[8191] == 0x5a, "the new heap memory is usable");
	EXPECT(sbrk(-8192) == cur + 8192, "sbrk(-8192) returns the old break");
	EXPECT(sbrk(0) == cur, "the break is back where it was");
	EXPECT_EQ(brk(cur), 0, "brk to the current break");
	errno = 0;
	EXPECT(sbrk((intptr_t)1 << 46) == (void *)-1 && errno == ENOMEM,
	       "sbrk(64 TiB) fails with ENOMEM");
	EXPECT(sbrk(0) == cur, "a failed sbrk leaves the break");
	errno = 0;
	EXPECT(brk((void *)(1UL << 47)) == -1 && errno == ENOMEM,
	       "brk beyond user space: -1, ENOMEM");
	EXPECT(sbrk(0) == cur, "a failed brk leaves the break");
	long r = syscall(SYS_sbrk, 0);
	EXPECT(on_interlude() ? r == (long)cur : r == -1 && errno == ENOSYS,
	       "syscall(SYS_sbrk, 0): the break on Interlude, ENOSYS on Linux");
}

static void mappings(void)
{
	EXPECT_EQ(res(munmap((void *)1, 1)), -EINVAL, "munmap(1, 1) is EINVAL");
	EXPECT_EQ(res(syscall(SYS_munmap, 1, 1)), -EINVAL,
		  "syscall(SYS_munmap, 1, 1) is -1 with EINVAL");
	EXPECT(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
		   errno == EINVAL,
	       "mmap of 0 bytes is MAP_FAILED with EINVAL");
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF,
	       "mmap of fd -1 without MAP_ANONYMOUS is EBADF");
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(p != MAP_FAILED && ((uintptr_t)p & 4095) == 0, "mmap of 8 KiB");
	if (p == MAP_FAILED)
		return;
	p[0] = 1;
	p[8191] = 2;
	EXPECT(mmap(p, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) ==
		       MAP_FAILED &&
		   errno == EEXIST,
	       "MAP_FIXED_NOREPLACE over a mapping is EEXIST");
	EXPECT_EQ(res(mprotect(p + 1, 4096, PROT_READ)), -EINVAL,
		  "mprotect of an unaligned address is EINVAL");
	EXPECT_EQ(res(mprotect(p, 4096, PROT_READ)), 0, "mprotect to read-only");
	EXPECT_EQ(res(madvise(p, 8192, 12345)), -EINVAL, "madvise with unknown advice is EINVAL");
	EXPECT_EQ(res(madvise(p, 8192, MADV_DONTNEED)), 0, "madvise(MADV_DONTNEED)");
	EXPECT(p[0] == 0 && p[8191] == 0, "after MADV_DONTNEED the pages read as zero");
	EXPECT_EQ(res(munmap(p, 8192)), 0, "munmap");
	EXPECT_EQ(res(madvise(p, 4096, MADV_NORMAL)), -ENOMEM,
		  "madvise of unmapped memory is ENOMEM");
	EXPECT_EQ(res(munmap(p, 8192)), 0, "munmap of an unmapped range is fine");
}

static void others(void)
{
	EXPECT_EQ(syscall(SYS_getpid), getpid(), "syscall(SYS_getpid) == getpid()");
	EXPECT(getpid() > 0, "getpid() > 0");
	EXPECT_EQ(res(write(-1, "x", 1)), -EBADF, "write(-1) is EBADF");
	EXPECT_EQ(res(write(1, "# write(1) with 0 bytes\n", 0)), 0, "write of 0 bytes");
	EXPECT_EQ(res(syscall(99999)), -ENOSYS, "an unknown system call is ENOSYS");
	errno = 0;
	EXPECT(!isatty(1) ? errno == ENOTTY || errno == EBADF || errno == EINVAL : 1,
	       "isatty(1) sets errno when it says no");
	EXPECT(getpagesize() == 4096 && sysconf(_SC_PAGESIZE) == 4096, "the page size is 4096");
	EXPECT_EQ(getauxval(AT_PAGESZ), 4096, "getauxval(AT_PAGESZ) from the initial stack");
	struct timespec ts;
	int r = clock_gettime(CLOCK_MONOTONIC, &ts);
	EXPECT(r == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000, "clock_gettime works");
	EXPECT_EQ(kill(getpid(), 0), 0, "kill(getpid(), 0): this process exists");
}

static void all(void)
{
	brk_sbrk();
	mappings();
	others();
}

int main(void)
{
	return ktap_run(all);
}
