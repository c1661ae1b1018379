/*
 * signal.h - a process's signal state and the synchronous fault signals.
 *
 * Interlude delivers only the signals a fault raises (SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE, SIGTRAP) to the program's own handler, with Linux's
 * x86-64 frame, so that the same static binary behaves the same on both
 * kernels. The numbers are in <interlude/signal.h> and
 * <interlude/ucontext.h>; the structures below are Linux's kernel-side
 * layouts (what rt_sigaction and sigaltstack copy, what the signal frame
 * holds). The theory of operation is at the top of signal.c; the pure
 * rules (which action, which mask, where the frame goes) are sigstate.c,
 * which also builds on the host for its tests.
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <interlude/signal.h>
#include <interlude/ucontext.h>

/* Bit of signal sig (1..64) in a kernel signal set. */
#define SIGBIT(sig) (1ull << ((sig)-1))
/* The signals nothing may catch or block. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* The sa_flags bits the kernel keeps (Linux's UAPI_SA_FLAGS on x86-64). */
#define SA_KNOWN_FLAGS                                                                             \
	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_EXPOSE_TAGBITS | SA_RESTORER | SA_ONSTACK | \
	 SA_RESTART | SA_NODEFER | SA_RESETHAND)

/* rt_sigaction's struct sigaction: Linux's kernel layout, not the libc's. */
struct ksigaction {
	uint64_t handler;  /* (uint64_t)SIG_DFL, SIG_IGN or the handler's address */
	uint64_t flags;	   /* SA_* */
	uint64_t restorer; /* where the handler returns: code that calls rt_sigreturn */
	uint64_t mask;	   /* also blocked while the handler runs: bit sig - 1 */
};

/* stack_t, as sigaltstack and uc_stack have it. */
struct kstack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};

/* A process's signal state (zero is the state of a new program). */
struct sigstate {
	struct ksigaction action[_KERNEL_NSIG]; /* action[sig - 1] */
	uint64_t blocked;			/* signals that may not be delivered now */
	uint64_t alt_sp, alt_size;		/* the alternate stack; size 0: none */
	uint32_t alt_flags;			/* as given to sigaltstack (SS_AUTODISARM...) */
	uint64_t cr2; /* the last page-fault address reported, as Linux's thread.cr2 */
	/* sigsuspend, ppoll and pselect6 wait with a mask of their own: the
	 * mask to put back once the signal that ended the wait is handled
	 * (the handler's frame saves it, so sigreturn restores it). */
	uint64_t saved_blocked;
	bool restore_blocked;
};

/* Waits with mask blocked; the old mask comes back after the next
 * signal_on_return (sigsuspend, ppoll, pselect6: Linux's saved_sigmask). */
void sigstate_wait_with_mask(struct sigstate *s, uint64_t mask);
/* Puts the saved mask back now (the wait ended without a signal). */
void sigstate_restore_mask(struct sigstate *s);

/* struct sigcontext: the registers, in the order REG_* index them. */
struct ksigcontext {
	uint64_t gregs[__NGREG];
	uint64_t fpstate; /* user address of the FXSAVE area, or 0 */
	uint64_t reserved[8];
};

/* struct ucontext (Linux's kernel one: a 64-bit signal mask). */
struct kucontext {
	uint64_t flags; /* UC_* */
	uint64_t link;
	struct kstack stack;
	struct ksigcontext mcontext;
	uint64_t sigmask; /* the mask rt_sigreturn restores */
};

/* siginfo_t: 128 bytes; fault signals use the first four fields. */
struct ksiginfo {
	int32_t signo, errno_, code, pad;
	uint64_t addr; /* si_addr */
	uint8_t rest[104];
};

/* What sits at the handler's stack pointer. */
struct rt_sigframe {
	uint64_t restorer; /* the handler's return address */
	struct kucontext uc;
	struct ksiginfo info;
};

_Static_assert(sizeof(struct kstack) == 24, "stack_t");
_Static_assert(sizeof(struct ksigcontext) == 256, "struct sigcontext");
_Static_assert(sizeof(struct kucontext) == 304, "struct ucontext");
_Static_assert(sizeof(struct ksiginfo) == 128, "siginfo_t");
_Static_assert(offsetof(struct rt_sigframe, info) == 312, "rt_sigframe");
_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe");

#define SIGFRAME_FPU_SIZE 512 /* FXSAVE's area */
#define SIGFRAME_RED_ZONE 128 /* below rsp, the interrupted code's own (System V ABI) */

/* A fault turned into a signal: what the handler is told. */
struct fault_signal {
	int signo, code;
	uint64_t addr;	 /* si_addr */
	uint64_t trapno; /* the exception vector */
	uint64_t err;	 /* its error code */
};

/* --- the pure rules (sigstate.c) ---------------------------------------------- */

/* Returns the name of signal sig, e.g. "SIGSEGV". */
const char *sigstate_name(int sig);

/* rt_sigaction on s: stores *act unless NULL, returns the old action in
 * *old unless NULL; 0, or -EINVAL for a bad signal or SIGKILL/SIGSTOP. */
int sigstate_set_action(struct sigstate *s, int sig, const struct ksigaction *act,
			struct ksigaction *old);

/* rt_sigprocmask on s (how = SIG_BLOCK...; set NULL only queries); *old
 * gets the mask from before; 0, or -EINVAL for an unknown how. */
int sigstate_procmask(struct sigstate *s, int how, const uint64_t *set, uint64_t *old);

/* sigaltstack on s for a program whose stack pointer is sp; 0, or -EPERM
 * (running on it), -EINVAL (bad flags), -ENOMEM (below MINSIGSTKSZ). */
int sigstate_altstack(struct sigstate *s, const struct kstack *ss, struct kstack *old, uint64_t sp);

/* Returns true if sp lies on s's alternate stack (never with SS_AUTODISARM). */
bool sigstate_on_altstack(const struct sigstate *s, uint64_t sp);

/* Returns true and *act = the action if signal sig has a handler to run
 * now; false when the fault must kill (SIG_DFL, SIG_IGN or blocked). */
bool sigstate_fault_handler(const struct sigstate *s, int sig, struct ksigaction *act);

/* Records that act's handler for sig is entered: the mask grows, and
 * SA_RESETHAND and SS_AUTODISARM take effect. */
void sigstate_handler_entered(struct sigstate *s, int sig, const struct ksigaction *act);

/* Returns the address of the signal frame (its FPU area in *fpstate) for
 * a handler with flags sa_flags interrupting code whose stack pointer is
 * user_sp, or 0 if it does not fit (the alternate stack would overflow). */
uint64_t sigstate_frame_address(const struct sigstate *s, uint64_t sa_flags, uint64_t user_sp,
				uint64_t *fpstate);

/* Returns the rflags rt_sigreturn resumes with: current's, with only the
 * user-changeable bits (arithmetic flags, DF, TF, AC, RF) taken from saved. */
uint64_t sigstate_sigreturn_rflags(uint64_t current, uint64_t saved);

/* Returns the si_code of a floating-point exception: vector 16 (x87,
 * from its control and status words) or 19 (SIMD, from MXCSR); 0 if no
 * unmasked exception is pending. */
int sigstate_fpe_code(uint64_t vector, uint16_t fcw, uint16_t fsw, uint32_t mxcsr);

/* --- delivery (signal.c, kernel only) --------------------------------------- */

struct proc;
struct trap_frame;

/* Sends the fault signal fs to p's handler: returns true when the frame is
 * built and f now enters the handler, false when the fault must kill. */
bool signal_deliver_fault(struct proc *p, struct trap_frame *f, const struct fault_signal *fs);

/* rt_sigreturn: restores f from the frame at f->rsp - 8, or kills p. */
void signal_return(struct proc *p, struct trap_frame *f);

/*
 * A blocking call interrupted by a signal returns this (Linux's internal
 * ERESTARTSYS, never seen by a program): signal_on_return turns it into
 * a restart of the call (SA_RESTART, or no handler ran) or -EINTR.
 */
#define ERESTARTSYS 512

/*
 * On the way back to user mode with signals pending (sys/syscall.c after
 * a system call, numbered nr, or -1 after an interrupt): acts on the
 * unblocked ones, lowest first: default action (end the process, or
 * nothing for SIGCHLD, SIGCONT, SIGURG, SIGWINCH), ignore, or enter the
 * handler (one frame); may not return (the process ends).
 */
void signal_on_return(struct trap_frame *f, int64_t nr);

/* Returns true if sig's default action is to do nothing. */
bool signal_default_ignores(int sig);

#endif
