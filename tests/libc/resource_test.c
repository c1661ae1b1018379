/*
 * resource_test.c - resource limits and usage, compared between Linux and
 * Interlude: getrlimit/setrlimit/prlimit read back what was set, refuse
 * what Linux refuses, and bind where they should (RLIMIT_NOFILE bounds
 * new descriptors, dup2, F_DUPFD and poll; RLIMIT_STACK kills a recursion
 * that a larger limit lets finish); getrusage, times, clock() and
 * CLOCK_PROCESS_CPUTIME_ID count a busy loop and not a sleep, page faults
 * and the resident size grow with touched pages, and a reaped child's
 * usage reaches wait4 and RUSAGE_CHILDREN. Only relations are printed:
 * the values differ between the two systems.
 *
 * test-run: ktap
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define BAD_POINTER ((void *)8)

/* Returns the clock's reading in ms. */
static long long ms_of(clockid_t clk)
{
	struct timespec ts;
	if (clock_gettime(clk, &ts))
		return -1;
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Spins until the process has used ms more milliseconds of CPU (at most 10 s of wall time). */
static void burn_ms(long ms)
{
	long long cpu0 = ms_of(CLOCK_PROCESS_CPUTIME_ID), wall0 = ms_of(CLOCK_MONOTONIC);
	volatile unsigned long x = 0;
	while (ms_of(CLOCK_PROCESS_CPUTIME_ID) - cpu0 < ms &&
	       ms_of(CLOCK_MONOTONIC) - wall0 < 10000)
		for (int i = 0; i < 200000; i++) /* mostly user time, few clock reads */
			x += (unsigned long)i;
}

/* Returns a timeval in ms. */
static long long tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1000LL + tv.tv_usec / 1000;
}

/* Maps n fresh pages (no huge pages, so each touch is one fault) and touches them. */
static char *touch_pages(size_t n)
{
	char *p = mmap(NULL, n * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, n * 4096, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < n; i++)
		p[i * 4096] = 1;
	return p;
}

static void t_limits_read_back(void)
{
	struct rlimit r, saved, back;
	EXPECT_EQ(getrlimit(RLIMIT_STACK, &saved), 0, "getrlimit(RLIMIT_STACK)");
	EXPECT(saved.rlim_cur <= saved.rlim_max, "its soft value is at most its hard one");
	r.rlim_cur = 4 << 20;
	r.rlim_max = saved.rlim_max;
	EXPECT_EQ(setrlimit(RLIMIT_STACK, &r), 0, "setrlimit(RLIMIT_STACK, 4 MiB)");
	EXPECT(getrlimit(RLIMIT_STACK, &back) == 0 && back.rlim_cur == 4 << 20 &&
		   back.rlim_max == saved.rlim_max,
	       "getrlimit reads 4 MiB back");
	EXPECT(prlimit(0, RLIMIT_STACK, &saved, &back) == 0 && back.rlim_cur == 4 << 20,
	       "prlimit sets and returns the old value at once");
	EXPECT(prlimit(getpid(), RLIMIT_STACK, NULL, &back) == 0 && back.rlim_cur == saved.rlim_cur,
	       "prlimit(getpid()) reads the restored value");
	for (int res = 0; res < RLIMIT_NLIMITS; res++) {
		if (getrlimit(res, &r) || r.rlim_cur > r.rlim_max)
			EXPECT(0, "getrlimit(%d): soft <= hard", res);
	}
	EXPECT(1, "all 16 limits read, each soft <= hard");
	EXPECT(getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_max == RLIM_INFINITY,
	       "RLIMIT_AS: no hard limit");
}

static void t_limit_errors(void)
{
	struct rlimit r;
	errno = 0;
	EXPECT(getrlimit(RLIMIT_NLIMITS, &r) == -1 && errno == EINVAL, "resource 16: EINVAL");
	errno = 0;
	EXPECT(getrlimit(-1, &r) == -1 && errno == EINVAL, "resource -1: EINVAL");
	getrlimit(RLIMIT_STACK, &r);
	struct rlimit bad = {r.rlim_max == RLIM_INFINITY ? RLIM_INFINITY : r.rlim_max + 1,
			     r.rlim_max == RLIM_INFINITY ? 1 << 20 : r.rlim_max};
	errno = 0;
	EXPECT(setrlimit(RLIMIT_STACK, &bad) == -1 && errno == EINVAL, "soft above hard: EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_getrlimit, RLIMIT_STACK, BAD_POINTER) == -1 && errno == EFAULT,
	       "getrlimit(bad pointer): EFAULT");
	errno = 0;
	EXPECT(syscall(SYS_setrlimit, RLIMIT_STACK, BAD_POINTER) == -1 && errno == EFAULT,
	       "setrlimit(bad pointer): EFAULT");
	errno = 0;
	EXPECT(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, BAD_POINTER) == -1 && errno == EFAULT,
	       "prlimit64(old = bad pointer): EFAULT");
	errno = 0;
	EXPECT(prlimit(0x3fffffff, RLIMIT_STACK, NULL, &r) == -1 && errno == ESRCH,
	       "prlimit of no process: ESRCH");
	EXPECT(getrlimit(RLIMIT_STACK, &r) == 0 && r.rlim_cur <= r.rlim_max,
	       "nothing changed by the refusals");
}

static void t_nofile_binds(void)
{
	struct rlimit saved, r;
	getrlimit(RLIMIT_NOFILE, &saved);
	r.rlim_cur = 16;
	r.rlim_max = saved.rlim_max;
	ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &r), 0, "RLIMIT_NOFILE soft 16");
	int fds[32], n = 0, last;
	errno = 0;
	while (n < 32 && (last = dup(0)) >= 0)
		fds[n++] = last;
	EXPECT(n < 32 && errno == EMFILE, "dup stops with EMFILE");
	int highest = -1;
	for (int i = 0; i < n; i++)
		highest = fds[i] > highest ? fds[i] : highest;
	EXPECT_EQ(highest, 15, "the highest descriptor is 15");
	for (int i = 0; i < n; i++)
		close(fds[i]);
	errno = 0;
	EXPECT(dup2(0, 16) == -1 && errno == EBADF, "dup2(0, 16): EBADF");
	EXPECT_EQ(dup2(0, 15), 15, "dup2(0, 15) works");
	close(15);
	errno = 0;
	EXPECT(fcntl(0, F_DUPFD, 16) == -1 && errno == EINVAL, "F_DUPFD 16: EINVAL");
	struct pollfd pfd[17];
	memset(pfd, 0, sizeof pfd);
	for (int i = 0; i < 17; i++)
		pfd[i].fd = -1;
	errno = 0;
	EXPECT(poll(pfd, 17, 0) == -1 && errno == EINVAL, "poll of 17 entries: EINVAL");
	EXPECT_EQ(poll(pfd, 16, 0), 0, "poll of 16 entries works");
	EXPECT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0, "RLIMIT_NOFILE restored");
	int fd = fcntl(0, F_DUPFD, 16);
	EXPECT(fd >= 16, "F_DUPFD 16 works again");
	close(fd);
}

/* Recurses `depth` frames of 4 KiB each; returns a sum that uses them all. */
static __attribute__((noinline)) int recurse(int depth)
{
	volatile char frame[4096];
	frame[0] = (char)depth;
	frame[4095] = 1;
	if (depth == 0)
		return 1;
	return recurse(depth - 1) + frame[0] * 0 + frame[4095];
}

/* Forks a child that sets its stack limit to limit bytes and recurses 2 MiB deep; returns its wait
 * status. */
static int child_recursion(rlim_t limit)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit r;
		getrlimit(RLIMIT_STACK, &r);
		r.rlim_cur = limit;
		if (setrlimit(RLIMIT_STACK, &r))
			_exit(2);
		_exit(recurse(512) > 0 ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void t_stack_limit_binds(void)
{
	int st = child_recursion(8 << 20);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "2 MiB of recursion under an 8 MiB limit");
	st = child_recursion(512 << 10);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	       "2 MiB of recursion under a 512 KiB limit: SIGSEGV");
	struct rlimit r;
	EXPECT(getrlimit(RLIMIT_STACK, &r) == 0 && r.rlim_cur != 512 << 10,
	       "the child's limit was its own");
}

static void t_limits_are_inherited(void)
{
	struct rlimit saved, r;
	getrlimit(RLIMIT_NOFILE, &saved);
	r.rlim_cur = 20;
	r.rlim_max = saved.rlim_max;
	setrlimit(RLIMIT_NOFILE, &r);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit c;
		_exit(getrlimit(RLIMIT_NOFILE, &c) == 0 && c.rlim_cur == 20 ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "a fork child has its parent's limits");
	/* The parent may set its child's limits (prlimit with a pid). */
	int p[2];
	pipe(p);
	pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		read(p[0], &c, 1); /* until the parent has set the limit */
		struct rlimit l;
		_exit(getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur == 12 ? 0 : 1);
	}
	close(p[0]);
	struct rlimit twelve = {12, saved.rlim_max};
	EXPECT_EQ(prlimit(pid, RLIMIT_NOFILE, &twelve, NULL), 0, "prlimit(child, NOFILE 12)");
	write(p[1], "x", 1);
	close(p[1]);
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child sees 12");
	setrlimit(RLIMIT_NOFILE, &saved);
}

static void t_cpu_time_counts_work_not_sleep(void)
{
	struct rusage a, b;
	struct tms ta, tb;
	clock_t c0 = clock();
	EXPECT(c0 != (clock_t)-1, "clock() answers");
	long long cpu0 = ms_of(CLOCK_PROCESS_CPUTIME_ID);
	EXPECT(cpu0 >= 0 && ms_of(CLOCK_THREAD_CPUTIME_ID) >= 0, "the CPU-time clocks answer");
	getrusage(RUSAGE_SELF, &a);
	times(&ta);
	burn_ms(150);
	getrusage(RUSAGE_SELF, &b);
	times(&tb);
	long long used =
	    tv_ms(b.ru_utime) + tv_ms(b.ru_stime) - tv_ms(a.ru_utime) - tv_ms(a.ru_stime);
	EXPECT(used >= 140, "getrusage counts 150 ms of work (at least 140)");
	EXPECT(tv_ms(b.ru_utime) - tv_ms(a.ru_utime) >= 75, "mostly as user time");
	EXPECT((tb.tms_utime + tb.tms_stime) - (ta.tms_utime + ta.tms_stime) >= 13,
	       "times counts it in ticks (at least 13 of 100 Hz)");
	EXPECT(clock() - c0 >= 140 * (CLOCKS_PER_SEC / 1000), "clock() counts it");
	long long cpu1 = ms_of(CLOCK_PROCESS_CPUTIME_ID);
	struct timespec nap = {0, 200 * 1000000L};
	nanosleep(&nap, NULL);
	EXPECT(ms_of(CLOCK_PROCESS_CPUTIME_ID) - cpu1 < 100,
	       "a 200 ms sleep uses under 100 ms of CPU");
	struct rusage c;
	getrusage(RUSAGE_SELF, &c);
	EXPECT(c.ru_nvcsw > b.ru_nvcsw, "the sleep is a voluntary context switch");
	EXPECT(ms_of(CLOCK_PROCESS_CPUTIME_ID) >= cpu1, "the CPU clock never goes back");
	struct timespec res;
	EXPECT(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res) == 0 && res.tv_sec == 0 &&
		   res.tv_nsec > 0 && res.tv_nsec <= 1000000,
	       "its resolution is at most a millisecond");
	struct timespec ts = {0, 0};
	errno = 0;
	EXPECT(clock_settime(CLOCK_PROCESS_CPUTIME_ID, &ts) == -1 && errno == EINVAL,
	       "clock_settime of a CPU clock: EINVAL");
}

static void t_faults_and_resident_size(void)
{
	struct rusage a, b;
	getrusage(RUSAGE_SELF, &a);
	char *p = touch_pages(512);
	ASSERT(p != NULL, "2 MiB mapped");
	getrusage(RUSAGE_SELF, &b);
	EXPECT(b.ru_minflt - a.ru_minflt >= 512, "touching 512 new pages is 512 minor faults");
	EXPECT_EQ(b.ru_majflt - a.ru_majflt, 0, "and no major one");
	/* Up to 64 pages short on Linux (its per-thread counts, see
	 * t_children_usage): at least 1.5 MiB of the 2. */
	EXPECT(b.ru_maxrss >= a.ru_maxrss && b.ru_maxrss >= 1536, "maxrss covers the 2 MiB (KiB)");
	munmap(p, 512 * 4096);
	errno = 0;
	EXPECT(getrusage(5, &a) == -1 && errno == EINVAL, "getrusage(5): EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_getrusage, RUSAGE_SELF, BAD_POINTER) == -1 && errno == EFAULT,
	       "getrusage(bad pointer): EFAULT");
}

static void t_children_usage(void)
{
	struct rusage before, ru, after;
	getrusage(RUSAGE_CHILDREN, &before);
	struct tms t0, t1;
	times(&t0);
	pid_t pid = fork();
	if (pid == 0) {
		touch_pages(1024); /* 4 MiB */
		burn_ms(100);
		_exit(0);
	}
	int status;
	memset(&ru, 0, sizeof ru);
	EXPECT_EQ(wait4(pid, &status, 0, &ru), pid, "wait4 reaps the child");
	EXPECT(tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime) >= 90, "its rusage has its 100 ms of work");
	/* Linux counts a process's resident pages per thread and folds them
	 * into the total every 64 faults or so, so a child's peak may be
	 * reported up to 256 KiB short of its 4 MiB: at least 3.5 MiB. */
	EXPECT(ru.ru_maxrss >= 3584, "and its 4 MiB (maxrss, KiB)");
	EXPECT(ru.ru_minflt >= 1024, "and its 1024 faults");
	getrusage(RUSAGE_CHILDREN, &after);
	EXPECT(tv_ms(after.ru_utime) + tv_ms(after.ru_stime) -
		       (tv_ms(before.ru_utime) + tv_ms(before.ru_stime)) >=
		   90,
	       "RUSAGE_CHILDREN adds the reaped child's time");
	EXPECT(after.ru_maxrss >= 3584, "RUSAGE_CHILDREN's maxrss is the largest child's");
	times(&t1);
	EXPECT((t1.tms_cutime + t1.tms_cstime) - (t0.tms_cutime + t0.tms_cstime) >= 8,
	       "times' cutime + cstime grew by the child's ticks");
	/* A child not yet reaped is not counted. */
	pid = fork();
	if (pid == 0) {
		burn_ms(50);
		_exit(0);
	}
	struct timespec nap = {0, 300 * 1000000L};
	nanosleep(&nap, NULL); /* it has ended, but is a zombie */
	struct rusage zombie;
	getrusage(RUSAGE_CHILDREN, &zombie);
	EXPECT(tv_ms(zombie.ru_utime) + tv_ms(zombie.ru_stime) ==
		   tv_ms(after.ru_utime) + tv_ms(after.ru_stime),
	       "an unreaped child is not in RUSAGE_CHILDREN");
	waitpid(pid, &status, 0);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_limits_read_back),
    KTAP_CASE(t_limit_errors),
    KTAP_CASE(t_nofile_binds),
    KTAP_CASE(t_stack_limit_binds),
    KTAP_CASE(t_limits_are_inherited),
    KTAP_CASE(t_cpu_time_counts_work_not_sleep),
    KTAP_CASE(t_faults_and_resident_size),
    KTAP_CASE(t_children_usage),
};

int main(void)
{
	return ktap_run_cases("resource", cases, KTAP_NCASES(cases));
}
