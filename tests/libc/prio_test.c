/*
 * prio_test.c - the nice value: getpriority, setpriority, nice, as renice
 * and nice use them. Raised from where it starts (lowering needs root on
 * Linux): by setpriority, by nice, clamped at 19, inherited by a fork
 * child, shown in /proc/self/stat; Linux's errors (EINVAL for an unknown
 * `which`, ESRCH for no such process). Run on Linux and on Interlude and
 * compared. Then the I/O priority (ioprio_get/ioprio_set, which ionice
 * uses): NONE at first, a best-effort level set and read back, kept by a
 * fork child, EINVAL for an unknown class, a NONE with a level, an
 * unknown `which`; ESRCH for no such process.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

/* The nice value in /proc/self/stat (its nineteenth field). */
static int stat_nice(void)
{
	FILE *f = fopen("/proc/self/stat", "r");
	int nice = 99;
	if (f &&
	    fscanf(f, "%*d %*s %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %d",
		   &nice) != 1)
		nice = 98;
	if (f)
		fclose(f);
	return nice;
}

int main(void)
{
	ktap_begin(13);
	errno = 0;
	int start = getpriority(PRIO_PROCESS, 0);
	EXPECT(errno == 0 && start >= -20 && start <= 19, "getpriority of the caller");
	int base = start < 2 ? 2 : start;
	EXPECT(setpriority(PRIO_PROCESS, 0, base) == 0 && getpriority(PRIO_PROCESS, 0) == base &&
		   getpriority(PRIO_PROCESS, getpid()) == base,
	       "setpriority raises it; getpriority by pid 0 and by own pid agree");
	EXPECT(nice(3) == base + 3, "nice(3) adds 3 and returns the new value");
	EXPECT(stat_nice() == base + 3, "/proc/self/stat shows it");
	EXPECT(setpriority(PRIO_PROCESS, 0, 100) == 0 && getpriority(PRIO_PROCESS, 0) == 19,
	       "a value over 19 is clamped to 19");
	setpgid(0, 0); /* a group of its own (on Interlude, process 1 leads one already) */
	EXPECT(getpriority(PRIO_PGRP, 0) == 19, "PRIO_PGRP 0: the caller's group");
	pid_t c = fork();
	if (c == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 19 ? 0 : 1);
	int st = -1;
	waitpid(c, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child inherits it");
	errno = 0;
	EXPECT(getpriority(7, 0) == -1 && errno == EINVAL && setpriority(7, 0, 0) == -1 &&
		   errno == EINVAL,
	       "an unknown which: EINVAL");
	errno = 0;
	EXPECT(getpriority(PRIO_PROCESS, 999999) == -1 && errno == ESRCH &&
		   setpriority(PRIO_PROCESS, 999999, 5) == -1 && errno == ESRCH,
	       "no such process: ESRCH");
	long none = syscall(SYS_ioprio_get, 1, 0);
	EXPECT(none == 0, "ioprio_get: class NONE, level 0 at first");
	long be4 = (2 << 13) | 4;
	EXPECT(syscall(SYS_ioprio_set, 1, 0, be4) == 0 &&
		   syscall(SYS_ioprio_get, 1, getpid()) == be4,
	       "ioprio_set best-effort 4, read back by pid");
	c = fork();
	if (c == 0)
		_exit(syscall(SYS_ioprio_get, 1, 0) == be4 ? 0 : 1);
	waitpid(c, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child inherits the I/O priority");
	errno = 0;
	int e1 = syscall(SYS_ioprio_set, 1, 0, 5 << 13) == -1 ? errno : 0;
	int e2 = syscall(SYS_ioprio_set, 1, 0, 3) == -1 ? errno : 0;
	int e3 = syscall(SYS_ioprio_get, 0, 0) == -1 ? errno : 0;
	int e4 = syscall(SYS_ioprio_get, 1, 999999) == -1 ? errno : 0;
	EXPECT(e1 == EINVAL && e2 == EINVAL && e3 == EINVAL && e4 == ESRCH,
	       "EINVAL: class 5, NONE with a level, which 0; ESRCH: no such process");
	return ktap_end();
}
