/*
 * sigset.c - signal sets: sigemptyset, sigfillset, sigaddset, sigdelset,
 * sigismember. Signal n is bit n - 1 of the 1024-bit set; only 1..64
 * exist (the kernel's range), anything else is EINVAL as in glibc.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#define WORD_BITS (8 * sizeof(unsigned long))

/* Returns 1 if sig is a signal number a set may hold, else sets errno. */
static int valid(int sig)
{
	if (sig >= 1 && sig < NSIG)
		return 1;
	errno = EINVAL;
	return 0;
}

/* Empties *set: 0. */
int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof *set);
	return 0;
}

/* Fills *set with every signal: 0. */
int sigfillset(sigset_t *set)
{
	memset(set, 0xff, sizeof *set);
	return 0;
}

/* Adds sig to *set: 0, or -1 with EINVAL. */
int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	set->__val[(sig - 1) / WORD_BITS] |= 1UL << ((sig - 1) % WORD_BITS);
	return 0;
}

/* Removes sig from *set: 0, or -1 with EINVAL. */
int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	set->__val[(sig - 1) / WORD_BITS] &= ~(1UL << ((sig - 1) % WORD_BITS));
	return 0;
}

/* 1 if sig is in *set, 0 if not, -1 with EINVAL. */
int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	return (set->__val[(sig - 1) / WORD_BITS] >> ((sig - 1) % WORD_BITS)) & 1;
}
