/*
 * malloc_bench.c - the harness of the malloc benchmark: arguments, timing,
 * peak RSS, output and the power-off around the single-threaded
 * malloc/free/realloc workloads of malloc_bench_workloads.c. The two files
 * are one program, built against every allocator that tools/bench-malloc.py
 * compares (glibc, musl, jemalloc, mimalloc, tcmalloc, Interlude's libc).
 *
 *   malloc_bench WORKLOAD [SCALE] [tsc]
 *
 * WORKLOAD is one of the names below or "all" (every workload in turn, in
 * one process: used under QEMU, where each boot is expensive). SCALE (a
 * decimal, default 1) multiplies the number of operations; at 1 each
 * workload takes roughly 0.2-0.5 s with glibc's malloc on the reference
 * machine. "tsc" times with rdtsc instead of clock_gettime (under QEMU
 * with -icount shift=0 one tick is one guest instruction).
 *
 * Each workload prints one line:
 *
 *   workload NAME ops N time_ns T checksum C maxrss_kb R
 *
 * "ops" counts allocation calls (malloc or realloc); every block is freed
 * again inside the timed region, so an op is one allocation plus its share
 * of frees. If clock_gettime fails (Interlude has no clock yet: -ENOSYS)
 * or "tsc" is given, "time_ns T" becomes "ticks T" (rdtsc). maxrss_kb is
 * the peak RSS of the process so far: VmHWM from /proc/self/status, else
 * getrusage(RUSAGE_SELF).ru_maxrss, else -1 (see maxrss_kb()). On Linux
 * both are approximate for a small program (per-CPU counters), so
 * tools/bench-malloc.py samples /proc/PID/smaps_rollup from outside for
 * its tables and uses this figure only where it has no sample.
 *
 * Fairness (the same requests for every allocator, every block written
 * and read back into the checksum): see malloc_bench_workloads.c.
 *
 * From the C library it uses malloc, free and realloc only. Clock, rusage,
 * /proc, output and the power-off are raw x86-64 Linux system calls (Interlude
 * implements the same ABI), so that the program builds unchanged against
 * any libc, including an unfinished one. When it runs as pid 1 on Linux
 * (as /init of tools/linux-bench-kernel.py) it powers the machine off at
 * the end, since an /init that exits panics the kernel.
 */
#include <stddef.h>
#include <stdint.h>

#include "malloc_bench.h"

#if !defined(__x86_64__)
#error "malloc_bench.c uses x86-64 Linux system calls and rdtsc"
#endif

/* ---- system calls, output ------------------------------------------------ */

#define SYS_READ 0
#define SYS_WRITE 1
#define SYS_OPEN 2
#define SYS_CLOSE 3
#define SYS_IOCTL 16
#define SYS_GETPID 39
#define SYS_UNAME 63
#define SYS_GETRUSAGE 98
#define SYS_REBOOT 169
#define SYS_CLOCK_GETTIME 228
#define SYS_EXIT_GROUP 231

static long sc(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;
	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "0"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return r;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static char obuf[512];
static size_t olen;

static void out_flush(void)
{
	size_t off = 0;
	while (off < olen) {
		long r = sc(SYS_WRITE, 1, (long)(obuf + off), (long)(olen - off), 0);
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	olen = 0;
}

static void out_s(const char *s)
{
	while (*s) {
		if (olen == sizeof obuf)
			out_flush();
		obuf[olen++] = *s++;
	}
}

static void out_u(uint64_t v)
{
	char t[24];
	int i = 0;
	do
		t[i++] = (char)('0' + v % 10);
	while (v /= 10);
	char s[24];
	int j = 0;
	while (i)
		s[j++] = t[--i];
	s[j] = 0;
	out_s(s);
}

static void out_i(int64_t v)
{
	if (v < 0) {
		out_s("-");
		out_u((uint64_t)-v);
	} else {
		out_u((uint64_t)v);
	}
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* ---- timing ---------------------------------------------------------------- */

static int use_tsc;

struct ts {
	int64_t sec, nsec;
};

static uint64_t now(void)
{
	if (!use_tsc) {
		struct ts t;
		if (sc(SYS_CLOCK_GETTIME, 1 /* CLOCK_MONOTONIC */, (long)&t, 0, 0) == 0)
			return (uint64_t)t.sec * 1000000000u + (uint64_t)t.nsec;
		use_tsc = 1; /* -ENOSYS (Interlude): guest ticks from now on */
	}
	return rdtsc();
}

/*
 * Peak RSS in KiB. Linux's getrusage(RUSAGE_SELF).ru_maxrss carries over
 * the peak of the process image before execve (a runner written in
 * Python passes on its ~13 MiB), so /proc/self/status's VmHWM (the
 * high-water mark of this address space only) is preferred; getrusage
 * where there is no /proc (Interlude), -1 where neither works.
 */
static int64_t maxrss_kb(void)
{
	static char buf[4096];
	long fd = sc(SYS_OPEN, (long)"/proc/self/status", 0 /* O_RDONLY */, 0, 0);
	if (fd >= 0) {
		long n = 0, r;
		while (n < (long)sizeof buf - 1 &&
		       (r = sc(SYS_READ, fd, (long)(buf + n), (long)sizeof buf - 1 - n, 0)) > 0)
			n += r;
		sc(SYS_CLOSE, fd, 0, 0, 0);
		buf[n < 0 ? 0 : n] = 0;
		for (char *p = buf; *p; p++) {
			if ((p == buf || p[-1] == '\n') && p[0] == 'V' && p[1] == 'm' &&
			    p[2] == 'H' && p[3] == 'W' && p[4] == 'M' && p[5] == ':') {
				int64_t v = 0;
				for (p += 6; *p == ' ' || *p == '\t'; p++)
					;
				for (; *p >= '0' && *p <= '9'; p++)
					v = v * 10 + (*p - '0');
				return v;
			}
		}
	}
	long ru[18]; /* struct rusage: 2 timevals + 14 longs */
	if (sc(SYS_GETRUSAGE, 0 /* RUSAGE_SELF */, (long)ru, 0, 0) != 0)
		return -1;
	return ru[4]; /* ru_maxrss, KiB */
}

/* ---- the workloads' failures, and running them ------------------------- */

/* Reports a failed allocation and exits with status 3 (malloc_bench.h). */
void mb_oom(size_t n)
{
	out_s("malloc_bench: allocation of ");
	out_u(n);
	out_s(" bytes failed\n");
	out_flush();
	sc(SYS_EXIT_GROUP, 3, 0, 0, 0);
}

/* Runs workload w once, timing the workload only, and prints its line. */
static void run(size_t w, double scale)
{
	mb_workload_begin(w);
	uint64_t t0 = now();
	uint64_t ops = mb_workloads[w].fn(scale);
	uint64_t t1 = now();
	out_s("workload ");
	out_s(mb_workloads[w].name);
	out_s(" ops ");
	out_u(ops);
	out_s(use_tsc ? " ticks " : " time_ns ");
	out_u(t1 - t0);
	out_s(" checksum ");
	out_u(mb_checksum());
	out_s(" maxrss_kb ");
	out_i(maxrss_kb());
	out_s("\n");
	out_flush();
}

/* "0.05" -> 0.05, without strtod (an unfinished libc may lack it). */
static double parse_scale(const char *s)
{
	double v = 0, f = 0;
	int ok = 0;
	for (; *s >= '0' && *s <= '9'; s++, ok = 1)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (f = 0.1, s++; *s >= '0' && *s <= '9'; s++, f /= 10, ok = 1)
			v += (*s - '0') * f;
	return ok && !*s && v > 0 ? v : -1;
}

static void usage(int argc, char **argv)
{
	out_s("malloc_bench: arguments:");
	for (int i = 1; i < argc; i++) {
		out_s(" '");
		out_s(argv[i]);
		out_s("'");
	}
	out_s("\nusage: malloc_bench WORKLOAD|all [SCALE] [tsc]\nworkloads:");
	for (size_t w = 0; w < mb_nworkloads; w++) {
		out_s(" ");
		out_s(mb_workloads[w].name);
	}
	out_s("\n");
	out_flush();
}

static int is_workload(const char *s)
{
	for (size_t w = 0; w < mb_nworkloads; w++)
		if (streq(s, mb_workloads[w].name))
			return 1;
	return 0;
}

/* As Linux's pid 1: drain the console and power off (never returns). */
static void maybe_power_off(void)
{
	struct {
		char sysname[65], rest[5 * 65];
	} u;
	if (sc(SYS_GETPID, 0, 0, 0, 0) != 1 || sc(SYS_UNAME, (long)&u, 0, 0, 0) != 0 ||
	    !streq(u.sysname, "Linux"))
		return;
	sc(SYS_IOCTL, 1, 0x5409 /* TCSBRK */, 1, 0);
	sc(SYS_REBOOT, 0xfee1dead, 672274793, 0x4321fedc /* POWER_OFF */, 0);
	for (;;)
		;
}

int main(int argc, char **argv)
{
	/* As Linux's /init, the kernel passes on the command-line words it does
	 * not know (e.g. "nokaslr") before those after "--": skip them. */
	int a = 1;
	if (sc(SYS_GETPID, 0, 0, 0, 0) == 1)
		while (a < argc && !streq(argv[a], "all") && !is_workload(argv[a]))
			a++;
	const char *name = a < argc ? argv[a] : "";
	double scale = a + 1 < argc ? parse_scale(argv[a + 1]) : 1.0;
	if (a + 2 < argc && streq(argv[a + 2], "tsc"))
		use_tsc = 1;
	int status = 0;
	if (scale <= 0) {
		usage(argc, argv);
		status = 2;
	} else if (streq(name, "all")) {
		for (size_t w = 0; w < mb_nworkloads; w++)
			run(w, scale);
		out_s("malloc_bench done\n");
		out_flush();
	} else {
		size_t w = 0;
		while (w < mb_nworkloads && !streq(name, mb_workloads[w].name))
			w++;
		if (w < mb_nworkloads) {
			run(w, scale);
		} else {
			usage(argc, argv);
			status = 2;
		}
	}
	maybe_power_off();
	return status;
}
