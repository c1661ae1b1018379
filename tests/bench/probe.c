/*
 * probe.c - the cost of a few system calls and page faults, measured the
 * same way on Interlude and on Linux (tools/bench-syscalls.py runs it on
 * both, under QEMU/TCG with -icount shift=0,sleep=off).
 *
 * Under -icount shift=0 the guest's time-stamp counter advances by one per
 * guest instruction, so every rdtsc delta here is a count of guest
 * instructions (user and kernel alike), the same on every host. Each
 * figure is the median of RUNS runs; a run times N operations back to
 * back and the figure is the run's total divided by N, so it includes the
 * loop around the operation (a few instructions).
 *
 * It is freestanding (tests/user/rt) and reads no argv, environment or
 * file, so that it can also be Linux's /init. It prints one line per
 * figure, "probe <name> <value>", value per operation with one decimal.
 * Then, on Linux as pid 1 (where /init returning would panic the
 * kernel), it waits for the console to drain and powers the machine off;
 * on Interlude (also pid 1) it simply exits, and the kernel ends QEMU.
 */
#include "rt/rt.h"

#define SYS_MMAP 9
#define SYS_MUNMAP 11
#define SYS_BRK 12
#define SYS_IOCTL 16
#define SYS_GETPID 39
#define SYS_UNAME 63
#define SYS_REBOOT 169

#define PROT_RW 3
#define MAP_PRIVATE_ANON 0x22
#define PAGE 4096UL
#define BIG (16UL << 20) /* 16 MiB */
#define BIG_PAGES (BIG / PAGE)

#define RUNS 7
#define SYSCALL_N 2000 /* getpid, brk(0) per run */
#define MAP1_N 200     /* mmap + touch + munmap of one page per run */
#define BIG_RUNS 5     /* runs over 16 MiB */

static int failures;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static void put_u(uint64_t v)
{
	char buf[24];
	int i = sizeof buf;
	buf[--i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	rt_puts(buf + i);
}

/* Total ticks over n operations, in tenths of a tick per operation, rounded. */
static uint64_t tenths(uint64_t ticks, uint64_t n)
{
	return (ticks * 10 + n / 2) / n;
}

static uint64_t median(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++) /* insertion sort: n is tiny */
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

/* Prints "probe NAME V.V" from the median, in tenths, of n runs. */
static void report(const char *name, uint64_t *t, int n)
{
	uint64_t m = median(t, n);
	rt_puts("probe ");
	rt_puts(name);
	rt_puts(" ");
	put_u(m / 10);
	rt_puts(".");
	put_u(m % 10);
	rt_puts("\n");
}

static void fail(const char *what, long r)
{
	rt_puts("probe-error ");
	rt_puts(what);
	rt_puts(" returned ");
	if (r < 0) {
		rt_puts("-");
		put_u((uint64_t)-r);
	} else {
		put_u((uint64_t)r);
	}
	rt_puts("\n");
	failures++;
}

/* (a) the cheapest system call's round trip. */
static void bench_getpid(void)
{
	uint64_t t[RUNS];
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < SYSCALL_N; i++)
			sys0(SYS_GETPID);
		t[r] = tenths(rdtsc() - t0, SYSCALL_N);
	}
	report("getpid", t, RUNS);
}

/* (b) brk(0): a query that takes the address space's lock on Linux. */
static void bench_brk0(void)
{
	uint64_t t[RUNS];
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < SYSCALL_N; i++)
			sys1(SYS_BRK, 0);
		t[r] = tenths(rdtsc() - t0, SYSCALL_N);
	}
	report("brk0", t, RUNS);
}

/* Writes one byte in each of npages pages from p; returns the ticks taken. */
static uint64_t touch(volatile char *p, unsigned long npages)
{
	uint64_t t0 = rdtsc();
	for (unsigned long i = 0; i < npages; i++)
		p[i * PAGE] = 1;
	return rdtsc() - t0;
}

/* (c) first-touch fault per page on memory from brk. */
static void bench_brk_fault(void)
{
	uint64_t t[BIG_RUNS];
	int n = 0;
	for (int r = 0; r < BIG_RUNS; r++) {
		long old = sys1(SYS_BRK, 0);
		long start = (old + (long)PAGE - 1) & -(long)PAGE;
		long want = start + (long)BIG;
		long got = sys1(SYS_BRK, want);
		if (got != want) {
			fail("brk(+16 MiB)", got);
			return;
		}
		t[n++] = tenths(touch((volatile char *)start, BIG_PAGES), BIG_PAGES);
		got = sys1(SYS_BRK, old);
		if (got != old) {
			fail("brk(shrink)", got);
			return;
		}
	}
	report("brk_fault_per_page", t, n);
}

/* (d) first-touch fault per page on an anonymous mapping, and
 * (f) munmap of the whole 16 MiB once touched. */
static void bench_mmap_fault(void)
{
	uint64_t tf[BIG_RUNS], tu[BIG_RUNS];
	for (int r = 0; r < BIG_RUNS; r++) {
		long m = sys6(SYS_MMAP, 0, BIG, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
		if (m < 0) {
			fail("mmap(16 MiB)", m);
			return;
		}
		tf[r] = tenths(touch((volatile char *)m, BIG_PAGES), BIG_PAGES);
		uint64_t t0 = rdtsc();
		long u = sys2(SYS_MUNMAP, m, BIG);
		tu[r] = tenths(rdtsc() - t0, 1);
		if (u != 0) {
			fail("munmap(16 MiB)", u);
			return;
		}
	}
	report("mmap_fault_per_page", tf, BIG_RUNS);
	report("munmap_16m_touched", tu, BIG_RUNS);
}

/* (e) mmap of one page, one write to it, munmap. */
static void bench_map1(void)
{
	uint64_t t[RUNS];
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < MAP1_N; i++) {
			long m = sys6(SYS_MMAP, 0, PAGE, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
			if (m < 0) {
				fail("mmap(4 KiB)", m);
				return;
			}
			*(volatile char *)m = 1;
			long u = sys2(SYS_MUNMAP, m, PAGE);
			if (u != 0) {
				fail("munmap(4 KiB)", u);
				return;
			}
		}
		t[r] = tenths(rdtsc() - t0, MAP1_N);
	}
	report("mmap_touch_munmap_page", t, RUNS);
}

/* Calibration, not a comparison: how many "instructions" icount charges for
 * zeroing one page with rep stosb (each iteration of a rep-prefixed string
 * instruction counts as one under TCG), and with a loop of 8-byte stores. */
static char calib[PAGE] __attribute__((aligned(4096)));

static void bench_calibration(void)
{
	uint64_t t[RUNS], u[RUNS];
	for (int r = 0; r < RUNS; r++) {
		void *d = calib;
		unsigned long c = PAGE;
		uint64_t t0 = rdtsc();
		__asm__ volatile("rep stosb" : "+D"(d), "+c"(c) : "a"(0) : "memory");
		t[r] = tenths(rdtsc() - t0, 1);
		t0 = rdtsc();
		for (unsigned long i = 0; i < PAGE / 8; i++)
			((volatile uint64_t *)calib)[i] = 0;
		u[r] = tenths(rdtsc() - t0, 1);
	}
	report("calib_rep_stosb_4k", t, RUNS);
	report("calib_store_loop_4k", u, RUNS);
}

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	static struct utsname u;
	long r = sys1(SYS_UNAME, &u);
	int on_linux = r == 0 && streq(u.sysname, "Linux");
	rt_puts("probe-system ");
	rt_puts(r == 0 ? u.sysname : "unknown");
	rt_puts(" ");
	rt_puts(r == 0 ? u.release : "");
	rt_puts("\n");

	bench_getpid();
	bench_brk0();
	bench_brk_fault();
	bench_mmap_fault();
	bench_map1();
	bench_calibration();
	rt_puts(failures ? "probe-done failed\n" : "probe-done ok\n");

	if (on_linux && sys0(SYS_GETPID) == 1) {
		/* tcdrain: ioctl(TCSBRK, 1) returns once the console has sent it all. */
		sys3(SYS_IOCTL, 1, 0x5409, 1);
		sys6(SYS_REBOOT, 0xfee1dead, 672274793, 0x4321fedc, 0, 0, 0);
		for (;;)
			; /* not reached: power off does not return */
	}
	return failures ? 1 : 0;
}
