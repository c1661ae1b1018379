/*
 * setjmp_test.c - setjmp/longjmp, _setjmp/_longjmp and
 * sigsetjmp/siglongjmp: the two returns and their values (0 becomes 1),
 * callee-saved registers and volatile locals across the jump, a jump out
 * of deep recursion, a jump out of a SIGSEGV handler, and the signal
 * mask: saved and restored only with sigsetjmp(env, 1), as in glibc.
 *
 * test-run: ktap glibc
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include "ktap.h"

static jmp_buf env;
static sigjmp_buf senv;

/* Jumps back to env from depth levels of recursion, with val. */
static __attribute__((noinline)) int dive(int depth, int val)
{
	volatile char pad[64];
	pad[0] = (char)depth;
	if (depth < 0)
		return 0;
	if (depth == 0)
		longjmp(env, val);
	return dive(depth - 1, val) + pad[0];
}

/* Whether sig is blocked now. */
static int blocked(int sig)
{
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, sig);
}

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(senv, 7);
}

/* Values held in callee-saved registers across setjmp: the compiler may keep them there. */
static __attribute__((noinline)) long registers_survive(void)
{
	register long a = 11, b = 22, c = 33, d = 44, e = 55;
	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e));
	if (setjmp(env) == 0) {
		__asm__ volatile("" ::: "rbx", "r12", "r13", "r14", "r15");
		dive(3, 1);
	}
	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e));
	return a + b * 10 + c * 100 + d * 1000 + e * 10000;
}

static void tests(void)
{
	volatile int count = 0;
	int r = setjmp(env);
	count++;
	if (r == 0) {
		EXPECT(count == 1, "setjmp returns 0 the first time");
		longjmp(env, 42);
	}
	EXPECT(r == 42 && count == 2, "longjmp(env, 42): setjmp returns 42 a second time");

	r = setjmp(env);
	if (r == 0)
		longjmp(env, 0);
	EXPECT_EQ(r, 1, "longjmp(env, 0) makes setjmp return 1");

	r = _setjmp(env);
	if (r == 0)
		_longjmp(env, -3);
	EXPECT_EQ(r, -3, "_setjmp/_longjmp");

	r = setjmp(env);
	if (r == 0)
		dive(1000, 5);
	EXPECT_EQ(r, 5, "longjmp out of 1000 nested calls");

	EXPECT_EQ(registers_survive(), 11L + 220 + 3300 + 44000 + 550000,
		  "callee-saved registers hold their values after longjmp");

	/* The mask: sigsetjmp(env, 1) restores it, setjmp and sigsetjmp(env, 0) do not. */
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigsetjmp(senv, 1) == 0) {
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		siglongjmp(senv, 1);
	}
	EXPECT(!blocked(SIGUSR1), "siglongjmp restores the mask sigsetjmp(env, 1) saved");
	if (sigsetjmp(senv, 0) == 0) {
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		siglongjmp(senv, 1);
	}
	EXPECT(blocked(SIGUSR1), "sigsetjmp(env, 0) leaves the mask as it is at the jump");
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	if (setjmp(env) == 0) {
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		longjmp(env, 1);
	}
	EXPECT(blocked(SIGUSR1), "setjmp does not save the mask (glibc)");
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);

	/* Out of a signal handler: SIGSEGV is blocked inside it, siglongjmp unblocks it. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	volatile int faults = 0;
	int *volatile bad = (int *)8; /* an unmapped page */
	for (volatile int i = 0; i < 2; i++) {
		r = sigsetjmp(senv, 1);
		if (r == 0)
			*bad = 1;
		faults++;
		EXPECT(r == 7 && !blocked(SIGSEGV),
		       "fault %d: the handler's siglongjmp returns 7, SIGSEGV unblocked", i);
	}
	EXPECT_EQ(faults, 2, "a second fault is caught too (the mask was restored)");
	EXPECT_EQ((int)sizeof(jmp_buf), 200, "jmp_buf has glibc's size");
}

int main(void)
{
	return ktap_run(tests);
}
