/*
 * itimer_test.c - alarm, setitimer and getitimer, compared between Linux
 * and Interlude: SIGALRM comes when it should (measured on the monotonic
 * clock), interrupts a sleep (EINTR), repeats at its interval, ends a
 * process that does not handle it (status: killed by SIGALRM);
 * ITIMER_VIRTUAL and ITIMER_PROF fire on CPU time, not on sleeps; alarm
 * returns the seconds left; a fork child has no timers; bad arguments are
 * EINVAL and EFAULT as on Linux.
 *
 * test-run: ktap
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define BAD_POINTER ((void *)8)

static volatile sig_atomic_t alarms, vtalarms, profs;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_vtalarm(int sig)
{
	(void)sig;
	vtalarms++;
}

static void on_prof(int sig)
{
	(void)sig;
	profs++;
}

/* Returns the clock's reading in ms. */
static long long ms_of(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Installs handler for sig without SA_RESTART (so sleeps see EINTR). */
static void handle(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(sig, &sa, NULL);
}

/* Arms timer which for value ms, then every interval ms; setitimer's result. */
static int arm(int which, long value_ms, long interval_ms)
{
	struct itimerval v = {{interval_ms / 1000, interval_ms % 1000 * 1000},
			      {value_ms / 1000, value_ms % 1000 * 1000}};
	return setitimer(which, &v, NULL);
}

static void t_alarm_returns_the_seconds_left(void)
{
	EXPECT_EQ(alarm(0), 0u, "alarm(0) with none set: 0");
	EXPECT_EQ(alarm(5), 0u, "alarm(5): none was set");
	EXPECT_EQ(alarm(3), 5u, "alarm(3): 5 seconds were left");
	struct itimerval v;
	EXPECT_EQ(getitimer(ITIMER_REAL, &v), 0, "getitimer(ITIMER_REAL)");
	EXPECT(v.it_value.tv_sec == 2 || v.it_value.tv_sec == 3, "2.x seconds left");
	EXPECT(v.it_interval.tv_sec == 0 && v.it_interval.tv_usec == 0, "no interval");
	EXPECT_EQ(alarm(0), 3u, "alarm(0) cancels it: 3 (rounded) were left");
	EXPECT(getitimer(ITIMER_REAL, &v) == 0 && v.it_value.tv_sec == 0 && v.it_value.tv_usec == 0,
	       "none is left");
}

static void t_sigalrm_on_time(void)
{
	handle(SIGALRM, on_alarm);
	alarms = 0;
	long long t0 = ms_of(CLOCK_MONOTONIC);
	EXPECT_EQ(arm(ITIMER_REAL, 150, 0), 0, "ITIMER_REAL in 150 ms");
	struct timespec nap = {2, 0};
	errno = 0;
	int r = nanosleep(&nap, NULL);
	long long waited = ms_of(CLOCK_MONOTONIC) - t0;
	EXPECT(r == -1 && errno == EINTR, "a 2 s sleep ends early with EINTR");
	EXPECT_EQ(alarms, 1, "SIGALRM's handler ran once");
	EXPECT(waited >= 150 && waited < 1000, "after [150, 1000) ms");
	struct itimerval v;
	EXPECT(getitimer(ITIMER_REAL, &v) == 0 && v.it_value.tv_sec == 0 && v.it_value.tv_usec == 0,
	       "a timer without interval is disarmed once fired");
}

static void t_interval_repeats(void)
{
	handle(SIGALRM, on_alarm);
	alarms = 0;
	long long t0 = ms_of(CLOCK_MONOTONIC);
	EXPECT_EQ(arm(ITIMER_REAL, 50, 50), 0, "ITIMER_REAL every 50 ms");
	while (alarms < 4 && ms_of(CLOCK_MONOTONIC) - t0 < 5000)
		pause();
	long long took = ms_of(CLOCK_MONOTONIC) - t0;
	struct itimerval v, old;
	EXPECT(getitimer(ITIMER_REAL, &v) == 0 && v.it_interval.tv_usec == 50000 &&
		   v.it_interval.tv_sec == 0,
	       "getitimer reads the 50 ms interval back");
	EXPECT(v.it_value.tv_sec == 0 && v.it_value.tv_usec <= 50000, "at most 50 ms to the next");
	memset(&v, 0, sizeof v);
	EXPECT_EQ(setitimer(ITIMER_REAL, &v, &old), 0, "disarmed");
	EXPECT(old.it_interval.tv_usec == 50000, "the old value had the interval");
	EXPECT_EQ(alarms, 4, "four SIGALRMs");
	EXPECT(took >= 200 && took < 2000, "in [200, 2000) ms");
}

static void t_unhandled_sigalrm_kills(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(1);
		for (;;)
			pause();
	}
	long long t0 = ms_of(CLOCK_MONOTONIC);
	int status = 0;
	waitpid(pid, &status, 0);
	long long took = ms_of(CLOCK_MONOTONIC) - t0;
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM,
	       "the child was killed by SIGALRM");
	EXPECT(took >= 900 && took < 3000, "about a second later");
	/* An ignored SIGALRM does nothing. */
	pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_IGN);
		arm(ITIMER_REAL, 50, 0);
		struct timespec nap = {0, 200 * 1000000L};
		_exit(nanosleep(&nap, NULL) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "an ignored SIGALRM does not end a sleep");
}

static void t_fork_child_has_no_timer(void)
{
	handle(SIGALRM, on_alarm);
	alarm(10);
	pid_t pid = fork();
	if (pid == 0) {
		struct itimerval v;
		getitimer(ITIMER_REAL, &v);
		_exit(v.it_value.tv_sec == 0 && v.it_value.tv_usec == 0 && alarm(0) == 0 ? 0 : 1);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child starts with no alarm");
	EXPECT(alarm(0) >= 9, "the parent still has its own");
}

static void t_cpu_time_timers(void)
{
	handle(SIGVTALRM, on_vtalarm);
	handle(SIGPROF, on_prof);
	vtalarms = profs = 0;
	EXPECT_EQ(arm(ITIMER_VIRTUAL, 50, 0), 0, "ITIMER_VIRTUAL in 50 ms of user time");
	EXPECT_EQ(arm(ITIMER_PROF, 60, 0), 0, "ITIMER_PROF in 60 ms of CPU time");
	struct timespec nap = {0, 200 * 1000000L};
	nanosleep(&nap, NULL);
	EXPECT(vtalarms == 0 && profs == 0, "a 200 ms sleep uses none of them");
	struct itimerval v;
	EXPECT(getitimer(ITIMER_VIRTUAL, &v) == 0 && v.it_value.tv_sec == 0 &&
		   v.it_value.tv_usec > 0,
	       "ITIMER_VIRTUAL is still armed");
	long long t0 = ms_of(CLOCK_MONOTONIC);
	volatile unsigned long x = 0;
	while ((vtalarms == 0 || profs == 0) && ms_of(CLOCK_MONOTONIC) - t0 < 10000)
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
	EXPECT(vtalarms == 1, "SIGVTALRM came during the busy loop");
	EXPECT(profs == 1, "SIGPROF came too");
}

static void t_errors(void)
{
	struct itimerval v = {{0, 0}, {0, 1000000}}, old;
	errno = 0;
	EXPECT(setitimer(ITIMER_REAL, &v, NULL) == -1 && errno == EINVAL, "tv_usec 10^6: EINVAL");
	v.it_value.tv_usec = -1;
	errno = 0;
	EXPECT(setitimer(ITIMER_REAL, &v, NULL) == -1 && errno == EINVAL, "tv_usec -1: EINVAL");
	v.it_value.tv_usec = 0;
	v.it_value.tv_sec = -1;
	errno = 0;
	EXPECT(setitimer(ITIMER_REAL, &v, NULL) == -1 && errno == EINVAL, "tv_sec -1: EINVAL");
	v.it_value.tv_sec = 1;
	errno = 0;
	EXPECT(setitimer(3, &v, NULL) == -1 && errno == EINVAL, "timer 3: EINVAL");
	errno = 0;
	EXPECT(getitimer(3, &old) == -1 && errno == EINVAL, "getitimer(3): EINVAL");
	errno = 0;
	EXPECT(syscall(SYS_getitimer, ITIMER_REAL, BAD_POINTER) == -1 && errno == EFAULT,
	       "getitimer(bad pointer): EFAULT");
	errno = 0;
	EXPECT(syscall(SYS_setitimer, ITIMER_REAL, BAD_POINTER, NULL) == -1 && errno == EFAULT,
	       "setitimer(bad new): EFAULT");
	EXPECT(getitimer(ITIMER_REAL, &old) == 0 && old.it_value.tv_sec == 0 &&
		   old.it_value.tv_usec == 0,
	       "no refusal armed the timer");
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_alarm_returns_the_seconds_left),
    KTAP_CASE(t_sigalrm_on_time),
    KTAP_CASE(t_interval_repeats),
    KTAP_CASE(t_unhandled_sigalrm_kills),
    KTAP_CASE(t_fork_child_has_no_timer),
    KTAP_CASE(t_cpu_time_timers),
    KTAP_CASE(t_errors),
};

int main(void)
{
	return ktap_run_cases("itimer", cases, KTAP_NCASES(cases));
}
