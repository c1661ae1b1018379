/*
 * futex_test.c - futex(2) as a process of one thread meets it: a wake
 * wakes nobody (0), a wait on a changed word is EAGAIN, a wait on an
 * unchanged one lasts until its timeout (ETIMEDOUT, relative for
 * FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET) or a signal (EINTR);
 * FUTEX_WAKE_OP changes its second word; FUTEX_CMP_REQUEUE compares; and
 * Linux's errors: EINVAL (a misaligned word, a zero bitset, a bad
 * timespec), EFAULT, ENOSYS (an unknown operation). Run on Linux and on
 * Interlude and compared.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_OP(op, oparg, cmp, cmparg) (((op) << 28) | ((oparg) << 12) | ((cmp) << 24) | (cmparg))

/* -errno of a -1 result, or the result itself. */
static long res(long r)
{
	return r == -1 ? -errno : r;
}

static long futex(void *uaddr, int op, uint32_t val, const struct timespec *t, void *uaddr2,
		  uint32_t val3)
{
	return res(syscall(SYS_futex, uaddr, op, val, t, uaddr2, val3));
}

/* Nanoseconds of the monotonic clock. */
static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	ktap_begin(14);
	static uint32_t word[2] __attribute__((aligned(8))) = {7, 10};
	EXPECT_EQ(futex(word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0), 0,
		  "FUTEX_WAKE: nobody waits, 0 woken");
	EXPECT_EQ(futex(word, FUTEX_WAKE, 1, NULL, NULL, 0), 0, "FUTEX_WAKE (shared): 0");
	EXPECT_EQ(futex(word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 8, NULL, NULL, 0), -EAGAIN,
		  "FUTEX_WAIT on a word that changed: EAGAIN");
	struct timespec ten_ms = {0, 10000000};
	long long t0 = now_ns();
	EXPECT_EQ(futex(word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 7, &ten_ms, NULL, 0), -ETIMEDOUT,
		  "FUTEX_WAIT on an unchanged word: ETIMEDOUT");
	EXPECT(now_ns() - t0 >= 10000000, "... after its 10 ms");
	struct timespec at;
	clock_gettime(CLOCK_MONOTONIC, &at);
	at.tv_nsec += 20000000;
	if (at.tv_nsec >= 1000000000)
		at.tv_sec++, at.tv_nsec -= 1000000000;
	EXPECT_EQ(futex(word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 7, &at, NULL, ~0u),
		  -ETIMEDOUT, "FUTEX_WAIT_BITSET: ETIMEDOUT at an absolute monotonic time");
	EXPECT(now_ns() >= at.tv_sec * 1000000000LL + at.tv_nsec, "... not before it");
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = {{0, 0}, {0, 20000}};
	setitimer(ITIMER_REAL, &it, NULL);
	struct timespec five_s = {5, 0};
	EXPECT_EQ(futex(word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 7, &five_s, NULL, 0), -EINTR,
		  "FUTEX_WAIT ended by a signal's handler: EINTR");
	EXPECT_EQ(futex(&word[1], FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, NULL, &word[1],
			FUTEX_OP(1, 5, 0, 0)),
		  0, "FUTEX_WAKE_OP with FUTEX_OP_ADD 5: 0 woken");
	EXPECT_EQ(word[1], 15u, "... and the second word has 5 more");
	EXPECT_EQ(futex(word, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, NULL, &word[1], 8),
		  -EAGAIN, "FUTEX_CMP_REQUEUE when the word is not val3: EAGAIN");
	struct timespec bad = {0, 1000000000};
	EXPECT(futex((char *)word + 1, FUTEX_WAKE, 1, NULL, NULL, 0) == -EINVAL &&
		   futex(word, FUTEX_WAIT_BITSET, 7, NULL, NULL, 0) == -EINVAL &&
		   futex(word, FUTEX_WAIT, 7, &bad, NULL, 0) == -EINVAL,
	       "EINVAL: a misaligned word, a zero bitset, 10^9 nanoseconds");
	EXPECT_EQ(futex((void *)8, FUTEX_WAIT, 7, NULL, NULL, 0), -EFAULT,
		  "FUTEX_WAIT on an unmapped word: EFAULT");
	EXPECT_EQ(futex(word, 99, 0, NULL, NULL, 0), -ENOSYS, "an unknown operation: ENOSYS");
	return ktap_end();
}
