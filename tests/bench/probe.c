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
#define P_SYS_READ 0
#define P_SYS_WRITE 1
#define P_SYS_CLOSE 3
#define P_SYS_FORK 57
#define P_SYS_EXIT 60
#define P_SYS_WAIT4 61
#define P_SYS_PIPE2 293

#define P_PROT_RW 3
#define P_MAP_PRIVATE_ANON 0x22
#define P_PAGE 4096UL
#define P_BIG (16UL << 20) /* 16 MiB */
#define P_BIG_PAGES (P_BIG / P_PAGE)

#define P_RUNS 7
#define P_SYSCALL_N 2000    /* getpid, brk(0) per run */
#define P_MAP1_N 200	    /* mmap + touch + munmap of one page per run */
#define P_BIG_RUNS 5	    /* runs over 16 MiB */
#define P_FORK_N 20	    /* fork + exit + wait per run */
#define P_HUGE (64UL << 20) /* the 64 MiB process of the fork figure */
#define P_PIPE_N 200	    /* pipe round trips per run */

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
		t[n++] =
		    probe_tenths(probe_touch((volatile char *)start, P_BIG_PAGES), P_BIG_PAGES);
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
			long m =
			    __syscall6(P_SYS_MMAP, 0, P_PAGE, P_PROT_RW, P_MAP_PRIVATE_ANON, -1, 0);
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

/* Returns a child's pid after fork, 0 in the child; a failure is reported. */
static long probe_fork(void)
{
	long pid = __syscall0(P_SYS_FORK);
	if (pid < 0)
		probe_fail("fork", pid);
	return pid;
}

/* Waits for child pid; returns true if it exited with status 0. */
static int probe_reap(long pid)
{
	int status = -1;
	long r = __syscall4(P_SYS_WAIT4, pid, &status, 0, 0);
	if (r != pid || status != 0) {
		probe_fail("wait4", r == pid ? status : r);
		return 0;
	}
	return 1;
}

static __attribute__((noreturn)) void probe_exit(int code)
{
	for (;;)
		__syscall1(P_SYS_EXIT, code);
}

/* Forks a child that exits at once and waits for it; returns the ticks. */
static uint64_t probe_fork_exit_wait(void)
{
	uint64_t t0 = probe_rdtsc();
	long pid = probe_fork();
	if (pid == 0)
		probe_exit(0);
	if (pid < 0 || !probe_reap(pid))
		return 0;
	return probe_rdtsc() - t0;
}

/* (g) fork + exit + wait of this small process: the whole life of a child. */
static void bench_fork(void)
{
	uint64_t t[P_RUNS];
	for (int r = 0; r < P_RUNS; r++) {
		uint64_t sum = 0;
		for (int i = 0; i < P_FORK_N; i++) {
			uint64_t d = probe_fork_exit_wait();
			if (!d)
				return;
			sum += d;
		}
		t[r] = probe_tenths(sum, P_FORK_N);
	}
	probe_report("fork_exit_wait", t, P_RUNS);
}

/* (h) the same with 64 MiB of touched private memory: copy-on-write copies
 * page tables, not the 16384 pages. */
static void bench_fork_big(void)
{
	long m = __syscall6(P_SYS_MMAP, 0, P_HUGE, P_PROT_RW, P_MAP_PRIVATE_ANON, -1, 0);
	if (m < 0) {
		probe_fail("mmap(64 MiB)", m);
		return;
	}
	probe_touch((volatile char *)m, P_HUGE / P_PAGE);
	uint64_t t[P_BIG_RUNS];
	for (int r = 0; r < P_BIG_RUNS; r++) {
		t[r] = probe_tenths(probe_fork_exit_wait(), 1);
		if (!t[r])
			return;
	}
	probe_report("fork_64m_touched_exit_wait", t, P_BIG_RUNS);
	__syscall2(P_SYS_MUNMAP, m, P_HUGE);
}

/* Makes a pipe; returns 0, or reports the failure and returns -1. */
static int probe_pipe(int fds[2])
{
	long r = __syscall2(P_SYS_PIPE2, fds, 0);
	if (r != 0)
		probe_fail("pipe2", r);
	return r == 0 ? 0 : -1;
}

/* (i) the first write to each page of 16 MiB shared with a child after
 * fork: one copy-on-write break (a fault, a new frame, a 4 KiB copy) each.
 * The child waits on a pipe so that the sharing lasts. */
static void bench_cow_break(void)
{
	uint64_t t[P_BIG_RUNS];
	long m = __syscall6(P_SYS_MMAP, 0, P_BIG, P_PROT_RW, P_MAP_PRIVATE_ANON, -1, 0);
	if (m < 0) {
		probe_fail("mmap(16 MiB)", m);
		return;
	}
	for (int r = 0; r < P_BIG_RUNS; r++) {
		int fds[2];
		probe_touch((volatile char *)m, P_BIG_PAGES);
		if (probe_pipe(fds) < 0)
			return;
		long pid = probe_fork();
		if (pid == 0) {
			char c;
			__syscall1(P_SYS_CLOSE, fds[1]);
			probe_exit(__syscall3(P_SYS_READ, fds[0], &c, 1) == 0 ? 0 : 1);
		}
		if (pid < 0)
			return;
		t[r] = probe_tenths(probe_touch((volatile char *)m, P_BIG_PAGES), P_BIG_PAGES);
		__syscall1(P_SYS_CLOSE, fds[1]); /* the child reads end of file and exits */
		__syscall1(P_SYS_CLOSE, fds[0]);
		if (!probe_reap(pid))
			return;
	}
	probe_report("cow_break_per_page", t, P_BIG_RUNS);
	__syscall2(P_SYS_MUNMAP, m, P_BIG);
}

/* (j) one byte to a child and one back through two pipes: two switches. */
static void bench_pipe(void)
{
	int down[2], up[2];
	if (probe_pipe(down) < 0 || probe_pipe(up) < 0)
		return;
	long pid = probe_fork();
	if (pid == 0) {
		char c;
		__syscall1(P_SYS_CLOSE, down[1]); /* else its own copy keeps end of file away */
		__syscall1(P_SYS_CLOSE, up[0]);
		while (__syscall3(P_SYS_READ, down[0], &c, 1) == 1)
			if (__syscall3(P_SYS_WRITE, up[1], &c, 1) != 1)
				probe_exit(1);
		probe_exit(0);
	}
	if (pid < 0)
		return;
	__syscall1(P_SYS_CLOSE, down[0]);
	__syscall1(P_SYS_CLOSE, up[1]);
	uint64_t t[P_RUNS];
	for (int r = 0; r < P_RUNS; r++) {
		uint64_t t0 = probe_rdtsc();
		for (int i = 0; i < P_PIPE_N; i++) {
			char c = 'x';
			long w = __syscall3(P_SYS_WRITE, down[1], &c, 1);
			long g = __syscall3(P_SYS_READ, up[0], &c, 1);
			if (w != 1 || g != 1) {
				probe_fail("pipe round trip", w != 1 ? w : g);
				return;
			}
		}
		t[r] = probe_tenths(probe_rdtsc() - t0, P_PIPE_N);
	}
	__syscall1(P_SYS_CLOSE, down[1]);
	__syscall1(P_SYS_CLOSE, up[0]);
	if (probe_reap(pid))
		probe_report("pipe_round_trip", t, P_RUNS);
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
	bench_fork();
	bench_fork_big();
	bench_cow_break();
	bench_pipe();
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
