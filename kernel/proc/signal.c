/*
 * signal.c - running a program's own handler for a fault, and coming back
 * from it (rt_sigreturn), with Linux's x86-64 signal frame.
 *
 * Theory of operation. Only synchronous signals exist here: the fault
 * signals, raised by the instruction that faulted (fault.c works out which
 * signal, si_code and si_addr). When that signal has a handler and is not
 * blocked, signal_deliver_fault builds Linux's frame on the user stack,
 * below the 128-byte red zone of the interrupted code, or at the top of
 * the alternate stack when the action has SA_ONSTACK, one is set, and the
 * program is not already on it:
 *
 *	higher	the interrupted code's stack, then its red zone
 *		FXSAVE area (512 bytes, 64-byte aligned): x87/MMX/SSE registers
 *		siginfo_t (128): si_signo, si_errno, si_code, si_addr
 *		struct ucontext: uc_flags, uc_link, uc_stack, uc_mcontext (every
 *		    register, the error code, vector, old mask, cr2, a pointer to
 *		    the FXSAVE area), uc_sigmask (the mask to restore)
 *	rsp ->	the return address: sa_restorer
 *
 * It then points the trap frame at the handler, rdi = signal, rsi =
 * &siginfo, rdx = &ucontext, rax = 0, with rsp + 8 16-byte aligned (as
 * just after a call), blocks the signal (unless SA_NODEFER) and sa_mask,
 * gives the handler fresh FPU registers, and the exception's return path
 * (isr.S's iretq) enters it. If anything fails (no SA_RESTORER, a stack
 * that cannot be written) the fault kills as it does without a handler.
 *
 * The handler returns to sa_restorer, the C library's __restore_rt, which
 * calls rt_sigreturn with rsp just past the popped return address: the
 * ucontext is at rsp. signal_return reads it back (the handler may have
 * changed it: skip the instruction, resume elsewhere), restores every
 * register, the user-changeable flags, the mask, the FPU registers and
 * the alternate stack, and sys_rt_sigreturn leaves through the full-frame
 * iretq path, since sysret would overwrite rcx and r11. A handler that
 * returned without changing anything retries the faulting instruction:
 * after an mprotect it succeeds; after resetting the action to SIG_DFL it
 * faults again and the kernel kills the program with its diagnosis.
 */
#include "proc/signal.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "arch/x86_64/uaccess.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "arch/x86_64/cpu_bits.h"

/* Copies the registers of f into a sigcontext's gregs (REG_* order). */
static void save_registers(uint64_t *g, const struct trap_frame *f)
{
	g[REG_R8] = f->r8;
	g[REG_R9] = f->r9;
	g[REG_R10] = f->r10;
	g[REG_R11] = f->r11;
	g[REG_R12] = f->r12;
	g[REG_R13] = f->r13;
	g[REG_R14] = f->r14;
	g[REG_R15] = f->r15;
	g[REG_RDI] = f->rdi;
	g[REG_RSI] = f->rsi;
	g[REG_RBP] = f->rbp;
	g[REG_RBX] = f->rbx;
	g[REG_RDX] = f->rdx;
	g[REG_RAX] = f->rax;
	g[REG_RCX] = f->rcx;
	g[REG_RSP] = f->rsp;
	g[REG_RIP] = f->rip;
	g[REG_EFL] = f->rflags;
	/* cs, gs, fs, ss in 16-bit fields; gs and fs are 0 as on Linux. */
	g[REG_CSGSFS] = (f->cs & 0xffff) | ((f->ss & 0xffff) << 48);
}

/* Copies a sigcontext's general registers, rsp and rip into f. */
static void load_registers(struct trap_frame *f, const uint64_t *g)
{
	f->r8 = g[REG_R8];
	f->r9 = g[REG_R9];
	f->r10 = g[REG_R10];
	f->r11 = g[REG_R11];
	f->r12 = g[REG_R12];
	f->r13 = g[REG_R13];
	f->r14 = g[REG_R14];
	f->r15 = g[REG_R15];
	f->rdi = g[REG_RDI];
	f->rsi = g[REG_RSI];
	f->rbp = g[REG_RBP];
	f->rbx = g[REG_RBX];
	f->rdx = g[REG_RDX];
	f->rax = g[REG_RAX];
	f->rcx = g[REG_RCX];
	f->rsp = g[REG_RSP];
	f->rip = g[REG_RIP];
}

/*
 * Writes the frame for fs and act at frame, its FPU area at fpstate;
 * returns 0, or the user address that could not be written.
 */
static uint64_t write_frame(const struct sigstate *s, const struct trap_frame *f,
			    const struct fault_signal *fs, const struct ksigaction *act,
			    uint64_t frame, uint64_t fpstate)
{
	struct fxstate fx;
	memset(&fx, 0, sizeof fx); /* FXSAVE leaves its last 48 bytes alone */
	fpu_save(&fx);
	if (copy_to_user(fpstate, &fx, sizeof fx))
		return fpstate;

	struct rt_sigframe sf;
	memset(&sf, 0, sizeof sf);
	sf.restorer = act->restorer;
	/* No UC_FP_XSTATE: the area is FXSAVE's, which Linux and the C
	 * libraries also accept back (they check for XSAVE's magic). */
	sf.uc.flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	sf.uc.stack =
	    (struct kstack){.sp = s->alt_sp, .flags = (int32_t)s->alt_flags, .size = s->alt_size};
	uint64_t *g = sf.uc.mcontext.gregs;
	save_registers(g, f);
	g[REG_ERR] = fs->err;
	g[REG_TRAPNO] = fs->trapno;
	/* The mask sigreturn restores: the one from before a sigsuspend-like wait. */
	uint64_t old_mask = s->restore_blocked ? s->saved_blocked : s->blocked;
	g[REG_OLDMASK] = old_mask;
	g[REG_CR2] = s->cr2;
	sf.uc.mcontext.fpstate = fpstate;
	sf.uc.sigmask = old_mask;
	/* The siginfo is written whether or not SA_SIGINFO asked for it:
	 * rsi points at it either way. */
	sf.info.signo = fs->signo;
	sf.info.code = fs->code;
	sf.info.addr = fs->addr;
	if (copy_to_user(frame, &sf, sizeof sf))
		return frame;
	return 0;
}

/*
 * Returns true when p's handler for fs will run (the frame is on its
 * stack, f enters the handler); false when the fault must kill, after
 * logging why an installed handler could not run.
 */
bool signal_deliver_fault(struct proc *p, struct trap_frame *f, const struct fault_signal *fs)
{
	struct sigstate *s = &p->sig;
	struct ksigaction act;
	uint64_t handler = s->action[fs->signo - 1].handler;
	uint64_t frame = 0, fpstate = 0, bad;
	char why[120] = "";
	if (!sigstate_fault_handler(s, fs->signo, &act)) {
		if (handler == (uint64_t)SIG_DFL || handler == (uint64_t)SIG_IGN)
			return false; /* no handler: the usual death, nothing more to say */
		ksnprintf(why, sizeof why, "%s is blocked (a fault in its own handler?)",
			  sigstate_name(fs->signo));
	} else if (!(act.flags & SA_RESTORER))
		ksnprintf(why, sizeof why, "its action has no SA_RESTORER, which x86-64 requires");
	else if (act.handler >= LOWER_HALF_END)
		ksnprintf(why, sizeof why, "the handler 0x%lx is not a user address", act.handler);
	else if (!(frame = sigstate_frame_address(s, act.flags, f->rsp, &fpstate)))
		ksnprintf(why, sizeof why, "its frame does not fit on the stack (rsp 0x%lx)",
			  f->rsp);
	else if ((bad = write_frame(s, f, fs, &act, frame, fpstate)))
		ksnprintf(why, sizeof why, "its frame cannot be written at 0x%lx (rsp 0x%lx)", bad,
			  f->rsp);
	if (why[0]) {
		/* The fault kills as without a handler; this says why the
		 * handler the program installed did not run. */
		kprintf("signal: %s[%d]: cannot run the %s handler: %s\n", p->name, p->pid,
			sigstate_name(fs->signo), why);
		return false;
	}

	sigstate_handler_entered(s, fs->signo, &act);
	f->rdi = (uint64_t)fs->signo;
	f->rsi = frame + offsetof(struct rt_sigframe, info);
	f->rdx = frame + offsetof(struct rt_sigframe, uc);
	f->rax = 0; /* no vector registers used by a variadic call: for unprototyped handlers */
	f->rip = act.handler;
	f->rsp = frame;
	f->cs = GDT_USER_CODE | 3;
	f->ss = GDT_USER_DATA | 3;
	/* The ABI wants DF clear at a function's entry; no single-stepping
	 * into the handler, no leftover resume flag. */
	f->rflags &= ~(RFLAGS_DF | RFLAGS_TF | RFLAGS_RF);
	fpu_reset();
	return true;
}

/* Kills p for an rt_sigreturn it cannot honour; what names the problem. */
__attribute__((noreturn)) static void bad_frame(const struct trap_frame *f, const char *what)
{
	proc_kill("SEGFAULT", "bad-sigreturn", what, SIGSEGV, f);
}

/*
 * Restores f, p's mask, FPU registers and alternate stack from the
 * ucontext at f->rsp; returns only if the frame was valid (else p is
 * killed: resuming garbage would fault somewhere meaningless).
 */
void signal_return(struct proc *p, struct trap_frame *f)
{
	char what[160];
	struct kucontext uc;
	if (copy_from_user(&uc, f->rsp, sizeof uc)) {
		ksnprintf(what, sizeof what,
			  "rt_sigreturn found no signal frame at 0x%lx (it must be called by the "
			  "handler's return, with the stack the kernel set up)",
			  f->rsp - 8);
		bad_frame(f, what);
	}
	const uint64_t *g = uc.mcontext.gregs;
	/* iretq to a non-canonical rip would fault in the kernel. */
	if (g[REG_RIP] >= LOWER_HALF_END) {
		ksnprintf(what, sizeof what,
			  "rt_sigreturn: the frame's rip 0x%lx is not a user address", g[REG_RIP]);
		bad_frame(f, what);
	}
	struct fxstate fx;
	if (uc.mcontext.fpstate && copy_from_user(&fx, uc.mcontext.fpstate, sizeof fx)) {
		ksnprintf(what, sizeof what,
			  "rt_sigreturn: the frame's FPU area at 0x%lx cannot be read",
			  uc.mcontext.fpstate);
		bad_frame(f, what);
	}

	p->sig.blocked = uc.sigmask & ~SIG_UNBLOCKABLE;
	uint64_t rflags = sigstate_sigreturn_rflags(f->rflags, g[REG_EFL]);
	load_registers(f, g);
	f->rflags = rflags;
	f->cs = GDT_USER_CODE | 3; /* whatever the frame says: back to ring 3, 64-bit */
	f->ss = GDT_USER_DATA | 3;
	if (uc.mcontext.fpstate) {
		fx.mxcsr &= fpu_mxcsr_mask(); /* a reserved bit would make FXRSTOR fault */
		fpu_load(&fx);
	} else {
		fpu_reset(); /* no area: Linux gives the registers their initial state */
	}
	/* The handler may have changed uc_stack (SS_AUTODISARM re-arms that
	 * way). As on Linux, a refusal (e.g. still on that stack) is ignored. */
	(void)sigstate_altstack(&p->sig, &uc.stack, NULL, f->rsp);
}

void sigstate_wait_with_mask(struct sigstate *s, uint64_t mask)
{
	if (!s->restore_blocked)
		s->saved_blocked = s->blocked;
	s->restore_blocked = true;
	s->blocked = mask & ~SIG_UNBLOCKABLE;
}

void sigstate_restore_mask(struct sigstate *s)
{
	if (s->restore_blocked)
		s->blocked = s->saved_blocked;
	s->restore_blocked = false;
}
