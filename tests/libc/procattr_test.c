/*
 * procattr_test.c - what a process is beside its memory, compared between
 * Linux and Interlude: process groups and sessions (setpgid's rules,
 * kill and waitpid on a group, setsid), the umask, its name (prctl
 * PR_SET_NAME/PR_GET_NAME), what a thread library registers
 * (set_robust_list, rseq: Linux's checks in Linux's order) and sysinfo.
 * Only relations are printed: pids and memory sizes differ.
 *
 * test-run: ktap
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define BAD_POINTER ((void *)8)
#define RSEQ_SIG 0x53053053
#define RSEQ_FLAG_UNREGISTER 1

/* Linux's struct rseq (32 bytes, 32-aligned). */
struct rseq_area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
	char end[];
} __attribute__((aligned(32)));

/* Returns the raw system call's result, -errno on failure. */
static long raw(long nr, long a, long b, long c, long d)
{
	long r = syscall(nr, a, b, c, d);
	return r < 0 ? -errno : r;
}

/* Forks a child that waits for a byte on fd r, then exits 0; returns its pid. */
static pid_t child_waiting(int fds[2])
{
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 0 : 3);
	}
	close(fds[0]);
	return pid;
}

static void t_groups(void)
{
	pid_t me = getpid();
	EXPECT_EQ(getpgid(0), getpgrp(), "getpgid(0) is getpgrp()");
	EXPECT_EQ(getpgid(me), getpgrp(), "getpgid(getpid()) too");
	EXPECT_EQ(getsid(0), getsid(me), "getsid(0) is getsid(getpid())");
	errno = 0;
	EXPECT(getpgid(0x3fffffff) == -1 && errno == ESRCH, "getpgid of no process: ESRCH");
	errno = 0;
	EXPECT(getsid(0x3fffffff) == -1 && errno == ESRCH, "getsid of no process: ESRCH");
	errno = 0;
	EXPECT(setpgid(0, -1) == -1 && errno == EINVAL, "setpgid(0, -1): EINVAL");
	errno = 0;
	EXPECT(setpgid(0x3fffffff, 0) == -1 && errno == ESRCH, "setpgid of no process: ESRCH");

	int fds[2];
	pid_t c = child_waiting(fds);
	EXPECT_EQ(getpgid(c), getpgrp(), "a child starts in its parent's group");
	EXPECT_EQ(getsid(c), getsid(0), "and session");
	EXPECT_EQ(setpgid(c, c), 0, "setpgid(child, child): a group of its own");
	EXPECT_EQ(getpgid(c), c, "its group is its pid");
	errno = 0;
	EXPECT(setpgid(c, 0x3ffffffe) == -1 && errno == EPERM,
	       "into a group that does not exist: EPERM");
	EXPECT_EQ(setpgid(c, getpgrp()), 0, "back into the parent's group");
	EXPECT_EQ(setpgid(c, c), 0, "and out again");
	errno = 0;
	EXPECT(kill(-c, 0) == 0, "kill(-group, 0): the group exists");
	EXPECT_EQ(waitpid(-c, NULL, WNOHANG), 0, "waitpid(-group, WNOHANG): alive");
	errno = 0;
	EXPECT(waitpid(-0x3ffffffe, NULL, WNOHANG) == -1 && errno == ECHILD,
	       "waitpid(-no group): ECHILD");
	EXPECT_EQ(kill(-c, SIGTERM), 0, "kill(-group, SIGTERM)");
	int status = 0;
	EXPECT_EQ(waitpid(-c, &status, 0), c, "waitpid(-group) reaps it");
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "killed by SIGTERM");
	close(fds[1]);
	errno = 0;
	EXPECT(kill(-c, 0) == -1 && errno == ESRCH, "the group is gone: ESRCH");

	/* A child moves itself; the parent's group is untouched by kill(-child). */
	pid_t c2 = fork();
	if (c2 == 0) {
		if (setpgid(0, 0) || getpgrp() != getpid())
			_exit(1);
		pause(); /* until the group's signal */
		_exit(2);
	}
	struct timespec nap = {0, 100 * 1000000L};
	nanosleep(&nap, NULL);
	EXPECT_EQ(getpgid(c2), c2, "a child's setpgid(0, 0)");
	EXPECT_EQ(kill(-c2, SIGUSR1), 0, "kill(-its group, SIGUSR1)");
	waitpid(c2, &status, 0);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "reached it, not us");
}

static void t_sessions(void)
{
	pid_t c = fork();
	if (c == 0) {
		pid_t me = getpid();
		if (setsid() != me || getsid(0) != me || getpgrp() != me)
			_exit(1);
		errno = 0;
		if (setsid() != -1 || errno != EPERM) /* a group leader now */
			_exit(2);
		errno = 0;
		if (setpgid(0, 0) != -1 || errno != EPERM) /* a session leader */
			_exit(3);
		pid_t g = fork(); /* a grandchild in the new session, not a group leader */
		if (g == 0) {
			if (getsid(0) != me || getpgrp() != me)
				_exit(4);
			_exit(setsid() == getpid() ? 0 : 5);
		}
		int st;
		waitpid(g, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 6);
	}
	int status;
	waitpid(c, &status, 0);
	EXPECT(WIFEXITED(status), "the session child exited");
	EXPECT_EQ(WEXITSTATUS(status), 0,
		  "setsid: a new session and group; twice EPERM; setpgid on a leader EPERM");
	/* A child in another session cannot be moved. */
	int fds[2];
	pipe(fds);
	c = fork();
	if (c == 0) {
		char ch;
		close(fds[1]);
		setsid();
		read(fds[0], &ch, 1);
		_exit(0);
	}
	close(fds[0]);
	nanosleep(&(struct timespec){0, 100 * 1000000L}, NULL);
	errno = 0;
	EXPECT(setpgid(c, c) == -1 && errno == EPERM,
	       "setpgid on a child in another session: EPERM");
	close(fds[1]);
	waitpid(c, &status, 0);
	c = fork();
	if (c == 0) /* its parent is neither itself nor its child */
		_exit(setpgid(getppid(), 0) == -1 && errno == ESRCH ? 0 : 1);
	waitpid(c, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "setpgid on a process not a child: ESRCH");
}

static void t_umask(void)
{
	mode_t old = umask(027);
	EXPECT_EQ(umask(old), 027, "umask reads back 027");
	EXPECT_EQ(umask(old), old, "and the old one was restored");
	umask(01777);
	EXPECT_EQ(umask(old), 0777, "only the 0777 bits are kept");
	umask(077);
	pid_t c = fork();
	if (c == 0)
		_exit(umask(0) == 077 ? 0 : 1);
	int status;
	waitpid(c, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child inherits it");
	umask(old);
}

static void t_name(void)
{
	char name[32];
	memset(name, 'x', sizeof name);
	EXPECT_EQ(prctl(PR_SET_NAME, "worker", 0, 0, 0), 0, "PR_SET_NAME worker");
	EXPECT_EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0, "PR_GET_NAME");
	EXPECT_STR(name, "worker", "reads worker back");
	EXPECT(name[15] == 0 && name[16] == 'x', "16 bytes written, NUL-padded");
	EXPECT_EQ(prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0, 0), 0, "a long name");
	prctl(PR_GET_NAME, name, 0, 0, 0);
	EXPECT_STR(name, "a-name-longer-t", "is cut to 15 bytes");
	errno = 0;
	EXPECT(prctl(PR_SET_NAME, BAD_POINTER, 0, 0, 0) == -1 && errno == EFAULT,
	       "PR_SET_NAME(bad pointer): EFAULT");
	errno = 0;
	EXPECT(prctl(PR_GET_NAME, BAD_POINTER, 0, 0, 0) == -1 && errno == EFAULT,
	       "PR_GET_NAME(bad pointer): EFAULT");
	errno = 0;
	EXPECT(prctl(0x7fff0001, 0, 0, 0, 0) == -1 && errno == EINVAL, "an unknown option: EINVAL");
	pid_t c = fork();
	if (c == 0) {
		char n[16];
		prctl(PR_GET_NAME, n, 0, 0, 0);
		_exit(strcmp(n, "a-name-longer-t") == 0 ? 0 : 1);
	}
	int status;
	waitpid(c, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child has its parent's name");
}

static struct {
	void *next;
	long futex_offset;
	void *pending;
} robust_head = {&robust_head, 0, NULL};

static void t_thread_library_registrations(void)
{
	EXPECT_EQ(raw(SYS_set_robust_list, (long)&robust_head, 23, 0, 0), -EINVAL,
		  "set_robust_list with length 23: EINVAL");
	EXPECT_EQ(raw(SYS_set_robust_list, (long)&robust_head, sizeof robust_head, 0, 0), 0,
		  "set_robust_list of an empty list");

	static struct rseq_area area, other;
	char *misaligned = (char *)&other + 8;
	area.cpu_id = 12345;
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 16, 0, RSEQ_SIG), -EINVAL, "rseq length 16: EINVAL");
	EXPECT_EQ(raw(SYS_rseq, (long)misaligned, 32, 0, RSEQ_SIG), -EINVAL,
		  "rseq misaligned: EINVAL");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, 2, RSEQ_SIG), -EINVAL, "rseq flags 2: EINVAL");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), -EINVAL,
		  "unregistering what is not registered: EINVAL");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, 0, RSEQ_SIG), 0, "rseq registers");
	EXPECT(area.cpu_id == area.cpu_id_start && area.cpu_id < 4096, "cpu_id is filled in");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, 0, RSEQ_SIG), -EBUSY, "again: EBUSY");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, 0, RSEQ_SIG + 1), -EPERM,
		  "again with another signature: EPERM");
	EXPECT_EQ(raw(SYS_rseq, (long)&other, 32, 0, RSEQ_SIG), -EINVAL, "another area: EINVAL");
	pid_t c = fork();
	if (c == 0) /* the registration is inherited */
		_exit(raw(SYS_rseq, (long)&area, 32, 0, RSEQ_SIG) == -EBUSY ? 0 : 1);
	int status;
	waitpid(c, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a fork child has it registered too");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG + 1), -EPERM,
		  "unregistering with another signature: EPERM");
	EXPECT_EQ(raw(SYS_rseq, (long)&area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), 0,
		  "unregistering");
	EXPECT_EQ(area.cpu_id, 0xffffffffu, "cpu_id reads RSEQ_CPU_ID_UNINITIALIZED");
	EXPECT_EQ(raw(SYS_rseq, (long)BAD_POINTER, 32, 0, RSEQ_SIG), -EINVAL,
		  "a misaligned bad pointer: EINVAL first");
}

static void t_sysinfo(void)
{
	struct sysinfo si;
	memset(&si, 0xff, sizeof si);
	EXPECT_EQ(sysinfo(&si), 0, "sysinfo");
	EXPECT(si.uptime > 0, "uptime > 0");
	EXPECT(si.mem_unit >= 1, "mem_unit >= 1");
	EXPECT(si.totalram > 0 && si.freeram > 0 && si.freeram <= si.totalram,
	       "0 < freeram <= totalram");
	EXPECT(si.freeswap <= si.totalswap, "freeswap <= totalswap");
	EXPECT(si.procs >= 1, "at least one process");
	pid_t c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	struct sysinfo two;
	sysinfo(&two);
	EXPECT(two.procs >= 2, "a child makes at least two");
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	errno = 0;
	EXPECT(sysinfo(BAD_POINTER) == -1 && errno == EFAULT, "sysinfo(bad pointer): EFAULT");
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_groups),
    KTAP_CASE(t_sessions),
    KTAP_CASE(t_umask),
    KTAP_CASE(t_name),
    KTAP_CASE(t_thread_library_registrations),
    KTAP_CASE(t_sysinfo),
};

int main(void)
{
	return ktap_run_cases("procattr", cases, KTAP_NCASES(cases));
}
