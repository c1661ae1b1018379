/*
 * probe.c - the cost of a few system calls and page faults, measured the
 * same way on Interlude and on Linux (tools/bench-syscalls.py runs it on
 * both, under QEMU/TCG with -icount shift=0,sleep=off).
 *
 * Under -icount shift=0 the guest's time-stamp counter advances by one per
 * guest instruction, so every rdtsc delta here is a count of guest
 * instructions (user and kernel alike), the same on every host. Each
 * figure is the median of 7 runs (5 for 16 MiB); a run times N operations back to
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

#define P_SYS_MMAP 9
#define P_SYS_MUNMAP 11
#define P_SYS_BRK 12
#define P_SYS_IOCTL 16
#define P_SYS_GETPID 39
#define P_SYS_UNAME 63
#define P_SYS_REBOOT 169

#define P_PROT_RW 3
#define P_MAP_PRIVATE_ANON 0x22
#define P_PAGE 4096UL
#define P_BIG (16UL << 20) /* 16 MiB */
#define P_BIG_PAGES (P_BIG / P_PAGE)

#define P_RUNS 7
#define P_SYSCALL_N 2000 /* getpid, brk(0) per run */
#define P_MAP1_N 200     /* mmap + touch + munmap of one page per run */
#define P_BIG_RUNS 5     /* runs over 16 MiB */

static int probe_failures;

static inline uint64_t probe_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static void probe_put_u(uint64_t v)
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
static uint64_t probe_tenths(uint64_t ticks, uint64_t n)
{
	return (ticks * 10 + n / 2) / n;
}

static uint64_t probe_median(uint64_t *v, int n)
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
static void probe_report(const char *name, uint64_t *t, int n)
{
	uint64_t m = probe_median(t, n);
	rt_puts("probe ");
	rt_puts(name);
	rt_puts(" ");
	probe_put_u(m / 10);
	rt_puts(".");
	probe_put_u(m % 10);
	rt_puts("\n");
}

static void probe_fail(const char *what, long r)
{
	rt_puts("probe-error ");
	rt_puts(what);
	rt_puts(" returned ");
	if (r < 0) {
		rt_puts("-");
		probe_put_u((uint64_t)-r);
	} else {
		probe_put_u((uint64_t)r);
	}
	rt_puts("\n");
	probe_failures++;
}

/* (a) the cheapest system call's round trip. */
static void bench_getpid(void)
{
	uint64_t t[P_RUNS];
	for (int r = 0; r < P_RUNS; r++) {
		uint64_t t0 = probe_rdtsc();
		for (int i = 0; i < P_SYSCALL_N; i++)
			__syscall0(P_SYS_GETPID);
		t[r] = probe_tenths(probe_rdtsc() - t0, P_SYSCALL_N);
	}
	probe_report("getpid", t, P_RUNS);
}

/* (b) brk(0): a query that takes the address space's lock on Linux. */
static void bench_brk0(void)
{
	uint64_t t[P_RUNS];
	for (int r = 0; r < P_RUNS; r++) {
		uint64_t t0 = probe_rdtsc();
		for (int i = 0; i < P_SYSCALL_N; i++)
			__syscall1(P_SYS_BRK, 0);
		t[r] = probe_tenths(probe_rdtsc() - t0, P_SYSCALL_N);
	}
	probe_report("brk0", t, P_RUNS);
}

/* Writes one byte in each of npages pages from p; returns the ticks taken. */
static uint64_t probe_touch(volatile char *p, unsigned long npages)
{
	uint64_t t0 = probe_rdtsc();
	for (unsigned long i = 0; i < npages; i++)
		p[i * P_PAGE] = 1;
	return probe_rdtsc() - t0;
}

/* (c) first-touch fault per page on memory from brk. */
static void bench_brk_fault(void)
{
	uint64_t t[P_BIG_RUNS];
	int n = 0;
	for (int r = 0; r < P_BIG_RUNS; r++) {
		long old = __syscall1(P_SYS_BRK, 0);
		long start = (old + (long)P_PAGE - 1) & -(long)P_PAGE;
		long want = start + (long)P_BIG;
		long got = __syscall1(P_SYS_BRK, want);
		if (got != want) {
			probe_fail("brk(+16 MiB)", got);
			return;
		}
		t[n++] = probe_tenths(probe_touch((volatile char *)start, P_BIG_PAGES), P_BIG_PAGES);
		got = __syscall1(P_SYS_BRK, old);
		if (got != old) {
			probe_fail("brk(shrink)", got);
			return;
		}
	}
	probe_report("brk_fault_per_page", t, n);
}

/* (d) first-touch fault per page on an anonymous mapping, and
 * (f) munmap of the whole 16 MiB once touched. */
static void bench_mmap_fault(void)
{
	uint64_t tf[P_BIG_RUNS], tu[P_BIG_RUNS];
	for (int r = 0; r < P_BIG_RUNS; r++) {
		long m = __syscall6(P_SYS_MMAP, 0, P_BIG, P_PROT_RW, P_MAP_PRIVATE_ANON, -1, 0);
		if (m < 0) {
			probe_fail("mmap(16 MiB)", m);
			return;
		}
		tf[r] = probe_tenths(probe_touch((volatile char *)m, P_BIG_PAGES), P_BIG_PAGES);
		uint64_t t0 = probe_rdtsc();
		long u = __syscall2(P_SYS_MUNMAP, m, P_BIG);
		tu[r] = probe_tenths(probe_rdtsc() - t0, 1);
		if (u != 0) {
			probe_fail("munmap(16 MiB)", u);
			return;
		}
	}
	probe_report("mmap_fault_per_page", tf, P_BIG_RUNS);
	probe_report("munmap_16m_touched", tu, P_BIG_RUNS);
}

/* (e) mmap of one page, one write to it, munmap. */
static void bench_map1(void)
{
	uint64_t t[P_RUNS];
	for (int r = 0; r < P_RUNS; r++) {
		uint64_t t0 = probe_rdtsc();
		for (int i = 0; i < P_MAP1_N; i++) {
			long m = __syscall6(P_SYS_MMAP, 0, P_PAGE, P_PROT_RW, P_MAP_PRIVATE_ANON, -1, 0);
			if (m < 0) {
				probe_fail("mmap(4 KiB)", m);
				return;
			}
			*(volatile char *)m = 1;
			long u = __syscall2(P_SYS_MUNMAP, m, P_PAGE);
			if (u != 0) {
				probe_fail("munmap(4 KiB)", u);
				return;
			}
		}
		t[r] = probe_tenths(probe_rdtsc() - t0, P_MAP1_N);
	}
	probe_report("mmap_touch_munmap_page", t, P_RUNS);
}

/* Calibration, not a comparison: how many "instructions" icount charges for
 * zeroing one page with rep stosb (each iteration of a rep-prefixed string
 * instruction counts as one under TCG), with rep stosq, and with a loop of
 * 8-byte stores. Linux clears a new page with rep stosb (clear_page_erms on
 * this CPU), Interlude with rep stosq (like Linux's clear_page_rep). */
static char calib[P_PAGE] __attribute__((aligned(4096)));

static void bench_calibration(void)
{
	uint64_t t[P_RUNS], u[P_RUNS], q[P_RUNS];
	for (int r = 0; r < P_RUNS; r++) {
		void *d = calib;
		unsigned long c = P_PAGE;
		uint64_t t0 = probe_rdtsc();
		__asm__ volatile("rep stosb" : "+D"(d), "+c"(c) : "a"(0) : "memory");
		t[r] = probe_tenths(probe_rdtsc() - t0, 1);
		t0 = probe_rdtsc();
		for (unsigned long i = 0; i < P_PAGE / 8; i++)
			((volatile uint64_t *)calib)[i] = 0;
		u[r] = probe_tenths(probe_rdtsc() - t0, 1);
		d = calib;
		c = P_PAGE / 8;
		t0 = probe_rdtsc();
		__asm__ volatile("rep stosq" : "+D"(d), "+c"(c) : "a"(0) : "memory");
		q[r] = probe_tenths(probe_rdtsc() - t0, 1);
	}
	probe_report("calib_rep_stosb_4k", t, P_RUNS);
	probe_report("calib_store_loop_4k", u, P_RUNS);
	probe_report("calib_rep_stosq_4k", q, P_RUNS);
}

struct probe_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static int probe_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	static struct probe_utsname u;
	long r = __syscall1(P_SYS_UNAME, &u);
	int on_linux = r == 0 && probe_streq(u.sysname, "Linux");
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
	rt_puts(probe_failures ? "probe-done failed\n" : "probe-done ok\n");

	if (on_linux && __syscall0(P_SYS_GETPID) == 1) {
		/* tcdrain: ioctl(TCSBRK, 1) returns once the console has sent it all. */
		__syscall3(P_SYS_IOCTL, 1, 0x5409, 1);
		__syscall6(P_SYS_REBOOT, 0xfee1dead, 672274793, 0x4321fedc, 0, 0, 0);
		for (;;)
			; /* not reached: power off does not return */
	}
	return probe_failures ? 1 : 0;
}
