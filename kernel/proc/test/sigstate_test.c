/*
 * sigstate_test.c - the rules of signal state (suite "signal"): what
 * rt_sigaction, rt_sigprocmask and sigaltstack accept, which faults reach
 * a handler, the mask while it runs, where its frame goes, the flags
 * rt_sigreturn may restore and the si_code of FPU exceptions. Pure logic:
 * runs in the kernel and on the host. Delivery itself is tested by
 * tests/libc/signal_test.c, on Linux and Interlude alike.
 */
#include "lib/errno.h"
#include "proc/signal.h"
#include "test/ktest.h"

static struct sigstate fresh(void)
{
	struct sigstate s = {0};
	return s;
}

static struct ksigaction handler(uint64_t flags, uint64_t mask)
{
	return (struct ksigaction){0x401000, flags, 0x401800, mask};
}

KTEST(signal, action_checks_the_number_and_sigkill_sigstop)
{
	struct sigstate s = fresh();
	struct ksigaction a = handler(SA_SIGINFO | SA_RESTORER, 0), old;
	EXPECT_EQ(sigstate_set_action(&s, 0, &a, NULL), -EINVAL);
	EXPECT_EQ(sigstate_set_action(&s, 65, &a, NULL), -EINVAL);
	EXPECT_EQ(sigstate_set_action(&s, -1, NULL, &old), -EINVAL);
	EXPECT_EQ(sigstate_set_action(&s, SIGKILL, &a, NULL), -EINVAL);
	EXPECT_EQ(sigstate_set_action(&s, SIGSTOP, &a, NULL), -EINVAL);
	EXPECT_EQ(sigstate_set_action(&s, SIGKILL, NULL, &old), 0); /* reading is fine */
	EXPECT_EQ(old.handler, (uint64_t)SIG_DFL);
	EXPECT_EQ(sigstate_set_action(&s, 64, &a, NULL), 0);
}

KTEST(signal, action_keeps_known_flags_and_blockable_mask)
{
	struct sigstate s = fresh();
	struct ksigaction a = handler(SA_SIGINFO | SA_RESTORER | SA_UNSUPPORTED | 0x1000, ~0ull);
	struct ksigaction old;
	ASSERT_EQ(sigstate_set_action(&s, SIGSEGV, &a, &old), 0);
	EXPECT_EQ(old.handler, (uint64_t)SIG_DFL); /* a new program's action */
	ASSERT_EQ(sigstate_set_action(&s, SIGSEGV, NULL, &old), 0);
	EXPECT_EQ(old.handler, 0x401000);
	EXPECT_EQ(old.restorer, 0x401800);
	EXPECT_EQ(old.flags, SA_SIGINFO | SA_RESTORER);
	EXPECT_EQ(old.mask, ~SIG_UNBLOCKABLE);
}

KTEST(signal, procmask_blocks_unblocks_sets_never_sigkill)
{
	struct sigstate s = fresh();
	uint64_t set = SIGBIT(SIGSEGV) | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP), old = 1;
	EXPECT_EQ(sigstate_procmask(&s, SIG_BLOCK, &set, &old), 0);
	EXPECT_EQ(old, 0);
	EXPECT_EQ(s.blocked, SIGBIT(SIGSEGV));
	set = SIGBIT(SIGUSR1);
	EXPECT_EQ(sigstate_procmask(&s, SIG_BLOCK, &set, NULL), 0);
	set = SIGBIT(SIGSEGV);
	EXPECT_EQ(sigstate_procmask(&s, SIG_UNBLOCK, &set, &old), 0);
	EXPECT_EQ(old, SIGBIT(SIGSEGV) | SIGBIT(SIGUSR1));
	EXPECT_EQ(s.blocked, SIGBIT(SIGUSR1));
	set = ~0ull;
	EXPECT_EQ(sigstate_procmask(&s, SIG_SETMASK, &set, NULL), 0);
	EXPECT_EQ(s.blocked, ~SIG_UNBLOCKABLE);
}

KTEST(signal, procmask_looks_at_how_only_with_a_set)
{
	struct sigstate s = fresh();
	uint64_t set = SIGBIT(SIGSEGV), old;
	EXPECT_EQ(sigstate_procmask(&s, 3, &set, &old), -EINVAL);
	EXPECT_EQ(s.blocked, 0);
	EXPECT_EQ(sigstate_procmask(&s, 3, NULL, &old), 0);
}

KTEST(signal, altstack_errors)
{
	struct sigstate s = fresh();
	struct kstack ss = {.sp = 0x10000, .flags = 0, .size = MINSIGSTKSZ - 1}, old;
	EXPECT_EQ(sigstate_altstack(&s, NULL, &old, 0x7fff0000), 0);
	EXPECT_EQ(old.flags, SS_DISABLE);
	EXPECT_EQ(old.size, 0);
	EXPECT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), -ENOMEM);
	ss.size = MINSIGSTKSZ;
	ss.flags = 5;
	EXPECT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), -EINVAL);
	ss.flags = SS_ONSTACK; /* accepted and stored, as Linux does */
	EXPECT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), 0);
	EXPECT_EQ(s.alt_flags, SS_ONSTACK);
	/* On it (its top counts, its base does not): no change allowed. */
	EXPECT_EQ(sigstate_altstack(&s, &ss, NULL, 0x10000 + MINSIGSTKSZ), -EPERM);
	EXPECT_EQ(sigstate_altstack(&s, NULL, &old, 0x10000 + 16), 0);
	EXPECT_EQ(old.flags, SS_ONSTACK);
	EXPECT_EQ(sigstate_altstack(&s, NULL, &old, 0x10000), 0);
	EXPECT_EQ(old.flags, 0);
}

KTEST(signal, altstack_disable_and_autodisarm)
{
	struct sigstate s = fresh();
	struct kstack ss = {.sp = 0x10000, .flags = (int32_t)SS_AUTODISARM, .size = 8192}, old;
	ASSERT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), 0);
	/* Never "on" it: a handler running there may replace it. */
	EXPECT_FALSE(sigstate_on_altstack(&s, 0x11000));
	EXPECT_EQ(sigstate_altstack(&s, NULL, &old, 0x11000), 0);
	EXPECT_EQ((uint32_t)old.flags, SS_AUTODISARM);
	ss.flags = SS_DISABLE;
	ss.size = 1; /* ignored when disabling */
	EXPECT_EQ(sigstate_altstack(&s, &ss, NULL, 0x11000), 0);
	EXPECT_EQ(s.alt_size, 0);
	EXPECT_EQ(s.alt_sp, 0);
	EXPECT_EQ(sigstate_altstack(&s, NULL, &old, 0x11000), 0);
	EXPECT_EQ(old.flags, SS_DISABLE);
}

KTEST(signal, faults_reach_only_an_unblocked_handler)
{
	struct sigstate s = fresh();
	struct ksigaction a = handler(SA_SIGINFO | SA_RESTORER, 0), got;
	EXPECT_FALSE(sigstate_fault_handler(&s, SIGSEGV, &got)); /* SIG_DFL */
	a.handler = (uint64_t)SIG_IGN;
	sigstate_set_action(&s, SIGSEGV, &a, NULL);
	EXPECT_FALSE(sigstate_fault_handler(&s, SIGSEGV, &got)); /* a fault cannot be ignored */
	a.handler = 0x401000;
	sigstate_set_action(&s, SIGSEGV, &a, NULL);
	EXPECT_TRUE(sigstate_fault_handler(&s, SIGSEGV, &got));
	EXPECT_EQ(got.handler, 0x401000);
	s.blocked = SIGBIT(SIGSEGV);
	EXPECT_FALSE(sigstate_fault_handler(&s, SIGSEGV, &got));
	EXPECT_FALSE(sigstate_fault_handler(&s, SIGBUS, &got));
}

KTEST(signal, entering_a_handler_masks_and_resets)
{
	struct sigstate s = fresh();
	struct ksigaction a =
	    handler(SA_RESTORER | SA_RESETHAND, SIGBIT(SIGUSR1) | SIGBIT(SIGKILL));
	sigstate_set_action(&s, SIGSEGV, &a, NULL);
	sigstate_handler_entered(&s, SIGSEGV, &a);
	EXPECT_EQ(s.blocked, SIGBIT(SIGSEGV) | SIGBIT(SIGUSR1));
	EXPECT_EQ(s.action[SIGSEGV - 1].handler, (uint64_t)SIG_DFL);
	EXPECT_EQ(s.action[SIGSEGV - 1].flags, SA_RESTORER | SA_RESETHAND);

	s = fresh();
	a = handler(SA_RESTORER | SA_NODEFER, 0);
	sigstate_set_action(&s, SIGFPE, &a, NULL);
	sigstate_handler_entered(&s, SIGFPE, &a);
	EXPECT_EQ(s.blocked, 0);
	EXPECT_EQ(s.action[SIGFPE - 1].handler, 0x401000);

	struct kstack ss = {.sp = 0x10000, .flags = (int32_t)SS_AUTODISARM, .size = 8192};
	sigstate_altstack(&s, &ss, NULL, 0x7fff0000);
	sigstate_handler_entered(&s, SIGFPE, &a);
	EXPECT_EQ(s.alt_size, 0);
	EXPECT_EQ(s.alt_flags, SS_DISABLE);
}

KTEST(signal, frame_goes_below_the_red_zone_aligned)
{
	struct sigstate s = fresh();
	for (uint64_t sp = 0x7ffffff0e000; sp < 0x7ffffff0e000 + 64; sp += 8) {
		uint64_t fp = 0, frame = sigstate_frame_address(&s, SA_ONSTACK, sp, &fp);
		ASSERT_NE(frame, 0);
		EXPECT_EQ((frame + 8) % 16, 0); /* as right after a call */
		EXPECT_EQ(fp % 64, 0);
		EXPECT_LE(fp + SIGFRAME_FPU_SIZE, sp - SIGFRAME_RED_ZONE);
		EXPECT_LE(frame + sizeof(struct rt_sigframe), fp);
		EXPECT_GT(frame + sizeof(struct rt_sigframe) + 16 + 64,
			  fp); /* no more than padding */
	}
	uint64_t fp;
	EXPECT_EQ(sigstate_frame_address(&s, 0, 1000, &fp), 0); /* would wrap below 0 */
	/* SA_ONSTACK with an SS_AUTODISARM stack: the frame goes on that stack */
	struct kstack ss = {.sp = 0x10000, .flags = (int32_t)SS_AUTODISARM, .size = 8192};
	ASSERT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), 0);
	uint64_t on = sigstate_frame_address(&s, SA_ONSTACK, 0x7fff0000, &fp);
	EXPECT_GE(on, 0x10000);
	EXPECT_LT(on, 0x10000 + 8192);
}

KTEST(signal, frame_on_the_alternate_stack)
{
	struct sigstate s = fresh();
	struct kstack ss = {.sp = 0x10000, .flags = 0, .size = 0x4000};
	ASSERT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), 0);
	uint64_t fp, frame = sigstate_frame_address(&s, 0, 0x7fff0000, &fp);
	EXPECT_GT(frame, 0x7fff0000 - 0x1000); /* no SA_ONSTACK: the normal stack */
	frame = sigstate_frame_address(&s, SA_ONSTACK, 0x7fff0000, &fp);
	EXPECT_LT(fp, 0x14000);
	EXPECT_GE(fp, 0x14000 - SIGFRAME_FPU_SIZE - 64);
	EXPECT_EQ((frame + 8) % 16, 0);
	/* Already on it: nested, below the interrupted handler's red zone. */
	uint64_t nested = sigstate_frame_address(&s, SA_ONSTACK, frame, &fp);
	EXPECT_LT(nested, frame - SIGFRAME_RED_ZONE);
	EXPECT_GT(nested, 0x10000);
	/* Near its base: it would overflow, so no frame at all. */
	EXPECT_EQ(sigstate_frame_address(&s, SA_ONSTACK, 0x10000 + 1024, &fp), 0);
	/* MINSIGSTKSZ holds one frame; a smaller stack is refused. */
	ss = (struct kstack){.sp = 0x20000, .flags = 0, .size = MINSIGSTKSZ};
	ASSERT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), 0);
	EXPECT_NE(sigstate_frame_address(&s, SA_ONSTACK, 0x7fff0000, &fp), 0);
	ss.size = 0;
	EXPECT_EQ(sigstate_altstack(&s, &ss, NULL, 0x7fff0000), -ENOMEM);
}

KTEST(signal, sigreturn_takes_only_user_flags)
{
	uint64_t current = 0x202; /* IF and the always-1 bit */
	/* IOPL 3, IF off, NT, VM: ignored. CF, DF, AC, TF, RF: taken. */
	uint64_t r = sigstate_sigreturn_rflags(current, 0x3000 | 0x4000 | 0x20000 | 0x1 | 0x400 |
							    0x40000 | 0x100 | 0x10000);
	EXPECT_EQ(r, 0x202 | 0x1 | 0x400 | 0x40000 | 0x100 | 0x10000);
	EXPECT_EQ(sigstate_sigreturn_rflags(current, 0), 0x202);
}

KTEST(signal, fpe_code_from_the_unmasked_exception)
{
	EXPECT_EQ(sigstate_fpe_code(19, 0, 0, 0x1f80), 0); /* nothing pending: spurious */
	/* x87: divide-by-zero flagged; masked (0x37f) means no signal. */
	EXPECT_EQ(sigstate_fpe_code(16, 0x37f, 0x04, 0), 0);
	EXPECT_EQ(sigstate_fpe_code(16, 0x37f & ~0x04, 0x04, 0), FPE_FLTDIV);
	EXPECT_EQ(sigstate_fpe_code(16, 0x340, 0x3f, 0), FPE_FLTINV); /* invalid comes first */
	EXPECT_EQ(sigstate_fpe_code(16, 0x340, 0x08, 0), FPE_FLTOVF);
	EXPECT_EQ(sigstate_fpe_code(16, 0x340, 0x10, 0), FPE_FLTUND);
	EXPECT_EQ(sigstate_fpe_code(16, 0x340, 0x02, 0), FPE_FLTUND); /* denormal */
	EXPECT_EQ(sigstate_fpe_code(16, 0x340, 0x20, 0), FPE_FLTRES);
	/* SIMD: MXCSR's flags against its own mask bits. */
	EXPECT_EQ(sigstate_fpe_code(19, 0, 0, 0x1f80 | 0x04), 0);
	EXPECT_EQ(sigstate_fpe_code(19, 0, 0, (0x1f80 & ~0x200) | 0x04), FPE_FLTDIV);
	EXPECT_EQ(sigstate_fpe_code(19, 0, 0, (0x1f80 & ~0x1000) | 0x20), FPE_FLTRES);
}

KTEST(signal, names)
{
	EXPECT_STREQ(sigstate_name(SIGSEGV), "SIGSEGV");
	EXPECT_STREQ(sigstate_name(SIGKILL), "SIGKILL");
	EXPECT_STREQ(sigstate_name(SIGSYS), "SIGSYS");
	EXPECT_STREQ(sigstate_name(40), "a real-time signal");
	EXPECT_STREQ(sigstate_name(0), "an invalid signal");
}
