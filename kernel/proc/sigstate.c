/*
 * sigstate.c - the rules of a process's signal state, as Linux has them:
 * what rt_sigaction, rt_sigprocmask and sigaltstack accept and change,
 * which faults reach a handler, what the mask becomes while it runs, and
 * where on which stack its frame goes. Pure logic on a struct sigstate:
 * no user memory, no registers (signal.c and sys/sys_signal.c do that),
 * so the self-tests run it on the host too (proc/test/sigstate_test.c).
 */
#include "proc/signal.h"
#include "arch/x86_64/cpu_bits.h"
#include "lib/errno.h"

/* The rflags bits a handler may change through its ucontext (Linux's
 * FIX_EFLAGS): CF, PF, AF, ZF, SF, TF, DF, OF, AC and RF. Never IF, IOPL,
 * NT or VM, which would hand the program the machine. */
#define RFLAGS_USER_CHANGEABLE                                                                     \
	(RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_TF | RFLAGS_DF |       \
	 RFLAGS_OF | RFLAGS_AC | RFLAGS_RF)

/* Returns sig's name for the kernel's messages ("SIGSEGV"), or words for
 * a number that has none. */
const char *sigstate_name(int sig)
{
	static const char *const names[] = {
	    [SIGHUP] = "SIGHUP",       [SIGINT] = "SIGINT",	  [SIGQUIT] = "SIGQUIT",
	    [SIGILL] = "SIGILL",       [SIGTRAP] = "SIGTRAP",	  [SIGABRT] = "SIGABRT",
	    [SIGBUS] = "SIGBUS",       [SIGFPE] = "SIGFPE",	  [SIGKILL] = "SIGKILL",
	    [SIGUSR1] = "SIGUSR1",     [SIGSEGV] = "SIGSEGV",	  [SIGUSR2] = "SIGUSR2",
	    [SIGPIPE] = "SIGPIPE",     [SIGALRM] = "SIGALRM",	  [SIGTERM] = "SIGTERM",
	    [SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD",	  [SIGCONT] = "SIGCONT",
	    [SIGSTOP] = "SIGSTOP",     [SIGTSTP] = "SIGTSTP",	  [SIGTTIN] = "SIGTTIN",
	    [SIGTTOU] = "SIGTTOU",     [SIGURG] = "SIGURG",	  [SIGXCPU] = "SIGXCPU",
	    [SIGXFSZ] = "SIGXFSZ",     [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	    [SIGWINCH] = "SIGWINCH",   [SIGIO] = "SIGIO",	  [SIGPWR] = "SIGPWR",
	    [SIGSYS] = "SIGSYS",
	};
	if (sig > 0 && (unsigned)sig < sizeof names / sizeof names[0])
		return names[sig];
	return sig > 0 && sig <= _KERNEL_NSIG ? "a real-time signal" : "an invalid signal";
}

/* Returns true if sig is a signal number the kernel knows (1..64). */
static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _KERNEL_NSIG;
}

/* rt_sigaction's rules: 0, or -EINVAL (see signal.h). */
int sigstate_set_action(struct sigstate *s, int sig, const struct ksigaction *act,
			struct ksigaction *old)
{
	/* Linux's order: a bad number, or a change to SIGKILL/SIGSTOP, is
	 * EINVAL; asking what SIGKILL does is fine. */
	if (!valid_signal(sig) || (act && (SIGBIT(sig) & SIG_UNBLOCKABLE)))
		return -EINVAL;
	struct ksigaction *k = &s->action[sig - 1];
	if (old)
		*old = *k;
	if (act) {
		*k = *act;
		/* Unknown bits are dropped so that a program can find out, by
		 * reading the action back, which flags this kernel supports. */
		k->flags &= SA_KNOWN_FLAGS;
		k->mask &= ~SIG_UNBLOCKABLE;
	}
	return 0;
}

/* rt_sigprocmask's rules: 0, or -EINVAL for an unknown how with a set. */
int sigstate_procmask(struct sigstate *s, int how, const uint64_t *set, uint64_t *old)
{
	uint64_t before = s->blocked;
	if (set) {
		uint64_t m = *set & ~SIG_UNBLOCKABLE;
		switch (how) {
		case SIG_BLOCK: s->blocked |= m; break;
		case SIG_UNBLOCK: s->blocked &= ~m; break;
		case SIG_SETMASK: s->blocked = m; break;
		default: return -EINVAL; /* checked only when there is a set (Linux) */
		}
	}
	if (old)
		*old = before;
	return 0;
}

/* Returns true if sp is within the alternate stack, which grows down from
 * alt_sp + alt_size: a pointer at its very top counts, one at its base not. */
static bool within_altstack(const struct sigstate *s, uint64_t sp)
{
	return sp > s->alt_sp && sp - s->alt_sp <= s->alt_size;
}

/* Returns whether a handler running at sp is on the alternate stack. */
bool sigstate_on_altstack(const struct sigstate *s, uint64_t sp)
{
	/* With SS_AUTODISARM the stack is disarmed while a handler runs on
	 * it, so nothing is ever "on" it (a handler may then swapcontext). */
	if (s->alt_flags & SS_AUTODISARM)
		return false;
	return within_altstack(s, sp);
}

/* The ss_flags sigaltstack reports: SS_DISABLE, SS_ONSTACK or 0, plus SS_AUTODISARM. */
static int32_t altstack_flags(const struct sigstate *s, uint64_t sp)
{
	int32_t mode = !s->alt_size ? SS_DISABLE : sigstate_on_altstack(s, sp) ? SS_ONSTACK : 0;
	return mode | (int32_t)(s->alt_flags & SS_AUTODISARM);
}

/* sigaltstack's rules: 0, -EPERM, -EINVAL or -ENOMEM (see signal.h). */
int sigstate_altstack(struct sigstate *s, const struct kstack *ss, struct kstack *old, uint64_t sp)
{
	if (old)
		*old = (struct kstack){
		    .sp = s->alt_sp, .flags = altstack_flags(s, sp), .size = s->alt_size};
	if (!ss)
		return 0;
	/* A handler running on the stack may not pull it from under itself. */
	if (sigstate_on_altstack(s, sp))
		return -EPERM;
	uint32_t flags = (uint32_t)ss->flags;
	uint32_t mode = flags & ~SS_AUTODISARM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (s->alt_sp == ss->sp && s->alt_size == ss->size && s->alt_flags == flags)
		return 0; /* nothing changes (Linux returns before its size check too) */
	if (mode == SS_DISABLE) {
		s->alt_sp = s->alt_size = 0;
	} else {
		if (ss->size < MINSIGSTKSZ)
			return -ENOMEM;
		s->alt_sp = ss->sp;
		s->alt_size = ss->size;
	}
	s->alt_flags = flags;
	return 0;
}

/* Returns true (and the action) if a fault's signal sig has a handler to
 * run now; false means the fault kills. */
bool sigstate_fault_handler(const struct sigstate *s, int sig, struct ksigaction *act)
{
	/* A fault cannot be ignored or postponed: the instruction would only
	 * fault again. Blocked or ignored, it kills, as Linux's force_sig. */
	const struct ksigaction *k = &s->action[sig - 1];
	if (k->handler == (uint64_t)SIG_DFL || k->handler == (uint64_t)SIG_IGN ||
	    (s->blocked & SIGBIT(sig)))
		return false;
	*act = *k;
	return true;
}

/* Applies what entering act's handler for sig does to the state. */
void sigstate_handler_entered(struct sigstate *s, int sig, const struct ksigaction *act)
{
	s->blocked |= act->mask;
	if (!(act->flags & SA_NODEFER))
		s->blocked |= SIGBIT(sig);
	s->blocked &= ~SIG_UNBLOCKABLE;
	if (act->flags & SA_RESETHAND)
		s->action[sig - 1].handler = (uint64_t)SIG_DFL; /* the flags stay, as on Linux */
	if (s->alt_flags & SS_AUTODISARM) {
		/* Disarmed until rt_sigreturn puts back the frame's uc_stack. */
		s->alt_sp = s->alt_size = 0;
		s->alt_flags = SS_DISABLE;
	}
}

/* Returns the signal frame's address (and its FPU area's), 0 if it does
 * not fit: Linux's placement, below. */
uint64_t sigstate_frame_address(const struct sigstate *s, uint64_t sa_flags, uint64_t user_sp,
				uint64_t *fpstate)
{
	bool nested = sigstate_on_altstack(s, user_sp), entering = false;
	if (user_sp < SIGFRAME_RED_ZONE)
		return 0;
	uint64_t sp = user_sp - SIGFRAME_RED_ZONE; /* the interrupted code's red zone */
	/* Linux's sas_ss_flags: set up, and not on it (SS_AUTODISARM aside) */
	if ((sa_flags & SA_ONSTACK) && (altstack_flags(s, sp) & ~(int32_t)SS_AUTODISARM) == 0) {
		sp = s->alt_sp + s->alt_size;
		entering = true;
	}
	if (sp < SIGFRAME_FPU_SIZE + sizeof(struct rt_sigframe) + 128)
		return 0; /* the frame and its alignment would wrap below address 0 */
	/* The FPU area 64-byte aligned as Linux places it (FXSAVE needs 16),
	 * then the frame, so that rsp + 8 is 16-byte aligned at the handler's
	 * first instruction: as if its return address had just been pushed. */
	uint64_t fp = (sp - SIGFRAME_FPU_SIZE) & ~63ull;
	uint64_t frame = ((fp - sizeof(struct rt_sigframe)) & ~15ull) - 8;
	if ((nested || entering) && !within_altstack(s, frame))
		return 0; /* it would run off the alternate stack */
	*fpstate = fp;
	return frame;
}

/* Returns current's rflags with the user-changeable bits of saved. */
uint64_t sigstate_sigreturn_rflags(uint64_t current, uint64_t saved)
{
	return (current & ~RFLAGS_USER_CHANGEABLE) | (saved & RFLAGS_USER_CHANGEABLE);
}

/* Returns the FPE_* code of the pending unmasked FPU exception, 0 if none
 * (Linux's priority: invalid, divide, overflow, underflow, inexact). */
int sigstate_fpe_code(uint64_t vector, uint16_t fcw, uint16_t fsw, uint32_t mxcsr)
{
	/* The exceptions that are flagged and not masked. x87: status bits
	 * 0-5 against control bits 0-5. SIMD: MXCSR bits 0-5 against its
	 * mask bits 7-12. */
	unsigned err = vector == 16 ? (unsigned)(fsw & ~fcw) : (unsigned)(~(mxcsr >> 7) & mxcsr);
	if (err & 0x01) /* invalid operation (also x87 stack faults) */
		return FPE_FLTINV;
	if (err & 0x04) /* division by zero */
		return FPE_FLTDIV;
	if (err & 0x08) /* overflow */
		return FPE_FLTOVF;
	if (err & 0x12) /* underflow, or a denormal operand */
		return FPE_FLTUND;
	if (err & 0x20) /* inexact result */
		return FPE_FLTRES;
	return 0;
}
