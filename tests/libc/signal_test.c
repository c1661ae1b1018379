/*
 * signal_test.c - synchronous signals, as a malloc debugger or a memory
 * prober uses them: a SA_SIGINFO handler catches its own faults, reads
 * si_code, si_addr and the ucontext (REG_ERR, REG_TRAPNO, REG_CR2, every
 * register, the FPU area), repairs the cause (mprotect) and returns to
 * retry the instruction, or edits the ucontext to skip it or to resume
 * elsewhere. Also: register and SSE state across a handler, SA_ONSTACK on
 * a sigaltstack after a stack overflow, SA_RESETHAND, SA_NODEFER, the
 * masks, and the error returns of sigaction, sigprocmask and sigaltstack.
 * The deaths (a handler that gives up) are signal_death.c; the assembly
 * probes the tests fault in are signal_probes.h.
 *
 * Only booleans and Linux-defined numbers are printed, never an address,
 * so the output is the same on Linux and on Interlude.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "ktap.h"
#include "signal_probes.h"

#define PAGE 4096
#define ALT_SIZE (64 * 1024)

/* --- one handler for every test; what it saw ------------------------------------ */

enum mode { FIX, SKIP, ESCAPE, FIX_REGS };

static struct {
	enum mode mode;
	char *fix;	/* FIX: made read-write */
	char *alt;	/* the alternate stack, if set */
	int extra_mask; /* a signal the handler adds to uc_sigmask, or 0 */
} todo;

static struct {
	int calls, signo, code, errno_;
	void *addr;
	greg_t gregs[NGREG];
	unsigned long uc_mask, blocked, uc_flags;
	stack_t uc_stack, alt_now;
	int on_alt, altstack_rc, altstack_errno;
	int fp_ok, df_clear, mxcsr_init, aligned;
	struct _libc_fpstate fp;
} seen;

static struct regs reg_in; /* what reg_fault loaded, for the handler to compare */

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	char here;
	sigset_t now;
	seen.calls++;
	seen.signo = sig == si->si_signo ? sig : -1;
	seen.code = si->si_code;
	seen.errno_ = si->si_errno;
	seen.addr = si->si_addr;
	memcpy(seen.gregs, g, sizeof seen.gregs);
	seen.uc_mask = uc->uc_sigmask.__val[0];
	seen.uc_flags = uc->uc_flags;
	seen.uc_stack = uc->uc_stack;
	sigprocmask(SIG_BLOCK, NULL, &now);
	seen.blocked = now.__val[0];
	sigaltstack(NULL, &seen.alt_now);
	seen.on_alt = todo.alt && &here >= todo.alt && &here < todo.alt + ALT_SIZE;
	seen.df_clear = !(__builtin_ia32_readeflags_u64() & (1 << 10));
	seen.mxcsr_init = __builtin_ia32_stmxcsr() == 0x1f80;
	/* The ucontext is at rsp + 8 on entry: 16-byte aligned as after a call. */
	seen.aligned = ((uintptr_t)ctx & 15) == 0 && ((uintptr_t)si & 15) == 0;
	fpregset_t fp = uc->uc_mcontext.fpregs;
	seen.fp_ok = fp && ((uintptr_t)fp & 15) == 0;
	if (seen.fp_ok)
		seen.fp = *fp;
	/* A handler that uses the SSE registers and MXCSR for itself. */
	__builtin_ia32_ldmxcsr(0x3f80);
	__asm__ volatile("pxor %%xmm0, %%xmm0; pxor %%xmm1, %%xmm1; pxor %%xmm7, %%xmm7\n"
			 "pxor %%xmm8, %%xmm8; pxor %%xmm15, %%xmm15"
			 :
			 :
			 : "xmm0", "xmm1", "xmm7", "xmm8", "xmm15");
	if (todo.extra_mask)
		sigaddset(&uc->uc_sigmask, todo.extra_mask);

	const char *rip = (const char *)g[REG_RIP];
	switch (todo.mode) {
	case FIX:
	case FIX_REGS: mprotect(todo.fix, PAGE, PROT_READ | PROT_WRITE); break;
	case SKIP: /* resume past the instruction, or after a call to bad code */
		if (rip == probe_read_insn)
			g[REG_RIP] = (greg_t)probe_read_resume;
		else if (rip == probe_write_insn)
			g[REG_RIP] = (greg_t)probe_write_resume;
		else if (rip == ud2_insn)
			g[REG_RIP] += 2; /* ud2 is two bytes */
		else if (rip == div_insn)
			g[REG_RIP] = (greg_t)div_resume, g[REG_RAX] = 12345;
		else if (rip == int3_after || rip == icebp_after)
			g[REG_RAX] = 33;
		else if (rip == x87_wait && fp)
			fp->swd &= ~0x80ff;    /* no exception pending any more: fwait goes on */
		else if (rip == si->si_addr) { /* a call into non-executable memory: return */
			g[REG_RIP] = *(greg_t *)g[REG_RSP];
			g[REG_RSP] += 8;
		}
		break;
	case ESCAPE:
		seen.altstack_rc = sigaltstack(&seen.alt_now, NULL);
		seen.altstack_errno = errno;
		g[REG_RSP] = (greg_t)guarded_rsp;
		g[REG_RIP] = (greg_t)guarded_escape;
		break;
	}
	__builtin_ia32_ldmxcsr(0x1f80);
}

/* Installs on_fault for sig with flags (SA_SIGINFO added) and todo's mode. */
static int install(int sig, int flags, enum mode mode, char *fix)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	todo.mode = mode;
	todo.fix = fix;
	memset(&seen, 0, sizeof seen);
	return sigaction(sig, &sa, NULL);
}

/* A faulting access, then a compiler barrier: the compiler does not know
 * the handler runs in between and would otherwise move the access past
 * the checks of what the handler saw. */
#define FAULTING(access)                                                                           \
	do {                                                                                       \
		access;                                                                            \
		__asm__ volatile("" : : : "memory");                                               \
	} while (0)

static char *map(int prot)
{
	char *p = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* 1 on Interlude (uname's sysname), 0 on Linux. */
static int on_interlude(void)
{
	char u[6 * 65];
	return syscall(SYS_uname, u) == 0 && strcmp(u, "Interlude") == 0;
}

/* --- the tests ------------------------------------------------------------------ */

static void prot_none_write(void)
{
	char *p = map(PROT_NONE);
	EXPECT_EQ(install(SIGSEGV, 0, FIX, p), 0, "sigaction(SIGSEGV, SA_SIGINFO handler)");
	FAULTING(*(volatile char *)&p[100] =
		     42); /* faults; the handler mprotects; the write is retried */
	EXPECT_EQ(seen.calls, 1, "PROT_NONE write: the handler ran once");
	EXPECT_EQ(seen.signo, SIGSEGV, "si_signo == SIGSEGV (and the first argument)");
	EXPECT_EQ(seen.code, SEGV_ACCERR, "si_code == SEGV_ACCERR");
	EXPECT_EQ(seen.errno_, 0, "si_errno == 0");
	EXPECT(seen.addr == p + 100, "si_addr is the exact address");
	EXPECT(seen.gregs[REG_ERR] & 2, "REG_ERR has the write bit");
	EXPECT(seen.gregs[REG_ERR] & 4, "REG_ERR has the user bit");
	EXPECT_EQ(seen.gregs[REG_TRAPNO], 14, "REG_TRAPNO == 14 (page fault)");
	EXPECT(seen.gregs[REG_CR2] == (greg_t)(p + 100), "REG_CR2 is the address");
	EXPECT(seen.fp_ok, "uc_mcontext.fpregs points at a 16-byte aligned area");
	EXPECT(seen.uc_flags & UC_SIGCONTEXT_SS, "uc_flags has UC_SIGCONTEXT_SS");
	EXPECT(seen.aligned, "the handler's stack is 16-byte aligned (the ucontext at rsp + 8)");
	EXPECT(p[100] == 42, "after mprotect and return, the write landed");
	EXPECT(seen.blocked & (1UL << (SIGSEGV - 1)), "SIGSEGV is blocked inside its handler");
	EXPECT(!(seen.uc_mask & (1UL << (SIGSEGV - 1))), "uc_sigmask: not blocked before");
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(!sigismember(&now, SIGSEGV), "rt_sigreturn unblocked SIGSEGV");
	munmap(p, PAGE);
}

static void read_only_write(void)
{
	char *p = map(PROT_READ);
	install(SIGSEGV, 0, FIX, p);
	EXPECT_EQ(p[5], 0, "a read-only page reads");
	FAULTING(*(volatile char *)&p[5] = 7);
	EXPECT(seen.calls == 1 && seen.code == SEGV_ACCERR && seen.addr == p + 5,
	       "write to read-only: SEGV_ACCERR at the address");
	EXPECT(p[5] == 7, "the retried write landed");
	munmap(p, PAGE);
}

static void unmapped_and_null(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(p + PAGE, PAGE);
	install(SIGSEGV, 0, SKIP, NULL);
	EXPECT_EQ(probe_read(p + PAGE + 8), -1, "read of an unmapped page faults (skipped)");
	EXPECT(seen.calls == 1 && seen.code == SEGV_MAPERR, "unmapped: SEGV_MAPERR");
	EXPECT(seen.addr == p + PAGE + 8, "unmapped: si_addr exact");
	EXPECT(!(seen.gregs[REG_ERR] & 3), "unmapped read: REG_ERR neither present nor write");
	EXPECT(seen.gregs[REG_RIP] == (greg_t)probe_read_insn,
	       "REG_RIP is the faulting instruction");
	EXPECT_EQ(probe_read(p), 0, "the mapped page still reads");
	EXPECT_EQ(probe_write(p + PAGE, 1), 1, "write to the unmapped page faults (skipped)");
	EXPECT(seen.code == SEGV_MAPERR && (seen.gregs[REG_ERR] & 2),
	       "unmapped write: MAPERR, write bit");
	munmap(p, PAGE);

	install(SIGSEGV, 0, SKIP, NULL);
	EXPECT_EQ(probe_read(NULL), -1, "NULL read faults (skipped)");
	EXPECT(seen.code == SEGV_MAPERR && seen.addr == NULL, "NULL: SEGV_MAPERR, si_addr NULL");
	EXPECT(seen.gregs[REG_CR2] == 0, "NULL: REG_CR2 == 0");

	install(SIGSEGV, 0, SKIP, NULL);
	char *kernel = (char *)0xffffffff80000000UL;
	EXPECT_EQ(probe_read(kernel), -1, "read of a kernel address faults (skipped)");
	EXPECT(seen.code == SEGV_MAPERR && seen.addr == kernel, "kernel address: MAPERR, si_addr");
	EXPECT((seen.gregs[REG_ERR] & 5) == 5, "kernel address: REG_ERR present and user");
}

static void general_protection(void)
{
	const char *bad = (const char *)0xdead000000001000UL; /* not canonical */
	install(SIGSEGV, 0, SKIP, NULL);
	EXPECT_EQ(probe_read(bad), -1, "non-canonical read: #GP, skipped");
	EXPECT(seen.calls == 1 && seen.signo == SIGSEGV, "#GP: SIGSEGV");
	EXPECT_EQ(seen.code, SI_KERNEL, "#GP: si_code == SI_KERNEL (0x80)");
	EXPECT(seen.addr == NULL, "#GP: si_addr == NULL");
	EXPECT_EQ(seen.gregs[REG_TRAPNO], 13, "#GP: REG_TRAPNO == 13");
	EXPECT(seen.gregs[REG_RDI] == (greg_t)bad, "#GP: the pointer is in REG_RDI");
}

static void exec_nx(void)
{
	char *p = map(PROT_READ | PROT_WRITE);
	p[0] = (char)0xc3; /* ret: never executed */
	install(SIGSEGV, 0, SKIP, NULL);
	((void (*)(void))p)();
	EXPECT(seen.calls == 1 && seen.code == SEGV_ACCERR && seen.addr == p,
	       "call into non-executable memory: SEGV_ACCERR at it");
	EXPECT(seen.gregs[REG_ERR] & 16, "REG_ERR has the instruction-fetch bit");
	munmap(p, PAGE);
}

static void other_signals(void)
{
	EXPECT_EQ(install(SIGILL, 0, SKIP, NULL), 0, "sigaction(SIGILL)");
	EXPECT_EQ(ud2_probe(), 7, "ud2: the handler skipped it (REG_RIP += 2)");
	EXPECT(seen.calls == 1 && seen.signo == SIGILL && seen.code == ILL_ILLOPN,
	       "ud2: SIGILL, ILL_ILLOPN");
	EXPECT(seen.addr == ud2_insn && seen.gregs[REG_TRAPNO] == 6, "ud2: si_addr, REG_TRAPNO 6");

	install(SIGFPE, 0, SKIP, NULL);
	EXPECT_EQ(div_probe(7, 0), 12345, "division by zero: the handler set rax and skipped it");
	EXPECT(seen.calls == 1 && seen.signo == SIGFPE && seen.code == FPE_INTDIV,
	       "division by zero: SIGFPE, FPE_INTDIV");
	EXPECT(seen.addr == div_insn && seen.gregs[REG_TRAPNO] == 0,
	       "divide: si_addr, REG_TRAPNO 0");
	EXPECT_EQ(div_probe(7, 2), 3, "division still works");
	install(SIGFPE, 0, SKIP, NULL);
	x87_probe();
	EXPECT(seen.calls == 1 && seen.signo == SIGFPE && seen.code == FPE_FLTDIV,
	       "x87 1.0 / 0.0, unmasked: SIGFPE, FPE_FLTDIV");
	EXPECT(seen.addr == x87_wait && seen.gregs[REG_TRAPNO] == 16,
	       "x87: si_addr is the waiting instruction, REG_TRAPNO 16");
	EXPECT(seen.fp_ok && (seen.fp.swd & 0x04) && !(seen.fp.cwd & 0x04),
	       "x87: fpregs shows the flag and the unmasked control word");

	install(SIGTRAP, 0, SKIP, NULL);
	EXPECT_EQ(int3_probe(), 33, "int3: the handler ran and set rax");
	EXPECT(seen.calls == 1 && seen.signo == SIGTRAP && seen.code == SI_KERNEL,
	       "int3: SIGTRAP, SI_KERNEL");
	EXPECT(seen.gregs[REG_RIP] == (greg_t)int3_after && seen.gregs[REG_TRAPNO] == 3,
	       "int3: REG_RIP after the int3, REG_TRAPNO 3");
	install(SIGTRAP, 0, SKIP, NULL);
	EXPECT_EQ(icebp_probe(), 33, "icebp: the handler ran and set rax");
	EXPECT(seen.calls == 1 && seen.signo == SIGTRAP && seen.code == TRAP_BRKPT,
	       "icebp: SIGTRAP, TRAP_BRKPT (Linux's exc_debug_user)");
	EXPECT(seen.addr == icebp_after && seen.gregs[REG_RIP] == (greg_t)icebp_after &&
		   seen.gregs[REG_TRAPNO] == 1 && seen.gregs[REG_ERR] == 0,
	       "icebp: si_addr and REG_RIP after the icebp, REG_TRAPNO 1, REG_ERR 0");
	signal(SIGILL, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGTRAP, SIG_DFL);
}

static void registers(void)
{
	static struct regs out;
	for (int i = 0; i < 15; i++)
		reg_in.gpr[i] = 0x0123456789abcdefULL ^ ((uint64_t)(i + 1) * 0x1111111111111111ULL);
	for (int i = 0; i < 256; i++)
		reg_in.xmm[i / 16][i % 16] = (uint8_t)(i * 7 + 3);
	reg_in.mxcsr = 0x7f80; /* round toward zero */
	char *p = map(PROT_NONE);
	install(SIGSEGV, 0, FIX_REGS, p);
	reg_fault(&out, p + 9, &reg_in);
	EXPECT_EQ(seen.calls, 1, "registers: the handler ran");
	int saved = 1, kept = 1;
	for (int i = 0; i < 15; i++) {
		uint64_t want = i == 4 ? (uint64_t)(p + 9) : reg_in.gpr[i]; /* rsi: the address */
		saved &= (uint64_t)seen.gregs[greg_of[i]] == want;
		kept &= out.gpr[i] == want;
	}
	EXPECT(saved, "every general register is in uc_mcontext.gregs");
	EXPECT(kept, "every general register (rcx and r11 too) is back after the handler");
	EXPECT(seen.gregs[REG_RIP] == (greg_t)reg_fault_insn, "REG_RIP is the faulting write");
	EXPECT((seen.gregs[REG_EFL] & 0x401) == 0x401, "REG_EFL has CF and DF");
	EXPECT((out.gpr[15] & 0x401) == 0x401, "CF and DF are set again after the handler");
	EXPECT(seen.df_clear, "the handler runs with DF clear");
	EXPECT(seen.fp_ok && memcmp(seen.fp._xmm, reg_in.xmm, sizeof reg_in.xmm) == 0,
	       "fpregs holds the XMM registers");
	EXPECT(seen.fp.mxcsr == 0x7f80, "fpregs holds MXCSR");
	EXPECT(seen.mxcsr_init, "the handler starts with MXCSR's default");
	EXPECT(memcmp(out.xmm, reg_in.xmm, sizeof reg_in.xmm) == 0,
	       "XMM registers survive a handler that uses them");
	EXPECT_EQ(out.mxcsr, 0x7f80, "MXCSR survives a handler that changes it");
	EXPECT(out.redzone[0] == reg_in.gpr[0] && out.redzone[1] == reg_in.gpr[1],
	       "the 128-byte red zone below rsp is left alone");
	EXPECT(p[9] == 0x5a, "the retried write landed");
	munmap(p, PAGE);
}

static int depth;

/* Recurses until the stack overflows (stops at 64 MiB: a missed overflow). */
static void recurse(void)
{
	volatile char frame[1000];
	frame[0] = (char)depth;
	if (++depth < 64 * 1024)
		recurse();
	frame[1] = frame[0];
}

static void stack_overflow(void)
{
	static char alt[ALT_SIZE] __attribute__((aligned(16)));
	if (!on_interlude()) {
		/* Linux: an unlimited stack would grow into the heap. */
		struct {
			unsigned long cur, max;
		} rl;
		if (syscall(SYS_getrlimit, 3 /* RLIMIT_STACK */, &rl) == 0 &&
		    rl.cur > (8UL << 20)) {
			rl.cur = 8UL << 20;
			syscall(SYS_setrlimit, 3, &rl);
		}
	}
	stack_t ss = {.ss_sp = alt, .ss_flags = 0, .ss_size = sizeof alt}, old;
	EXPECT_EQ(sigaltstack(&ss, &old), 0, "sigaltstack(64 KiB)");
	EXPECT_EQ(old.ss_flags, SS_DISABLE, "there was no alternate stack before");
	todo.alt = alt;
	install(SIGSEGV, SA_ONSTACK, ESCAPE, NULL);
	depth = 0;
	EXPECT_EQ(guarded_call(recurse), 1, "stack overflow: the handler resumed at the escape");
	EXPECT(seen.calls == 1 && seen.code == SEGV_MAPERR, "stack overflow: SIGSEGV, SEGV_MAPERR");
	EXPECT(depth > 1000, "the recursion went deep");
	EXPECT(seen.on_alt, "the handler ran on the alternate stack");
	EXPECT(seen.alt_now.ss_flags == SS_ONSTACK, "sigaltstack inside says SS_ONSTACK");
	EXPECT(seen.uc_stack.ss_sp == alt && seen.uc_stack.ss_size == sizeof alt &&
		   seen.uc_stack.ss_flags == 0,
	       "uc_stack describes the alternate stack");
	EXPECT(seen.altstack_rc == -1 && seen.altstack_errno == EPERM,
	       "sigaltstack while on it: EPERM");
	EXPECT_EQ(sigaltstack(NULL, &old), 0, "sigaltstack(NULL, &old) afterwards");
	EXPECT_EQ(old.ss_flags, 0, "afterwards: enabled, not on it");

	stack_t bad = ss;
	bad.ss_size = MINSIGSTKSZ - 1;
	errno = 0;
	EXPECT(sigaltstack(&bad, NULL) == -1 && errno == ENOMEM,
	       "sigaltstack below MINSIGSTKSZ: ENOMEM");
	bad.ss_size = sizeof alt, bad.ss_flags = 5;
	errno = 0;
	EXPECT(sigaltstack(&bad, NULL) == -1 && errno == EINVAL,
	       "sigaltstack with bad flags: EINVAL");
	errno = 0;
	EXPECT(sigaltstack((stack_t *)8, NULL) == -1 && errno == EFAULT,
	       "sigaltstack(bad pointer): EFAULT");
	bad.ss_flags = SS_DISABLE;
	EXPECT_EQ(sigaltstack(&bad, NULL), 0, "SS_DISABLE");
	sigaltstack(NULL, &old);
	EXPECT(old.ss_flags == SS_DISABLE && old.ss_size == 0, "disabled: SS_DISABLE, size 0");
	todo.alt = NULL;
}

static int plain_calls;
static char *plain_page;
static void plain_handler(int sig)
{
	plain_calls += sig == SIGSEGV;
	mprotect(plain_page, PAGE, PROT_READ | PROT_WRITE);
}

static void flags_and_masks(void)
{
	/* SA_RESETHAND: one call, then SIG_DFL (the flags stay). */
	char *p = map(PROT_NONE);
	install(SIGSEGV, SA_RESETHAND, FIX, p);
	FAULTING(*(volatile char *)&p[0] = 1);
	struct sigaction sa;
	sigaction(SIGSEGV, NULL, &sa);
	EXPECT(seen.calls == 1 && p[0] == 1, "SA_RESETHAND: the handler ran");
	EXPECT(sa.sa_handler == SIG_DFL, "SA_RESETHAND: the action is SIG_DFL afterwards");
	EXPECT(((unsigned)sa.sa_flags & (SA_RESETHAND | SA_SIGINFO | SA_RESTORER)) ==
		   (SA_RESETHAND | SA_SIGINFO | SA_RESTORER),
	       "SA_RESETHAND: the flags remain");

	/* SA_NODEFER, sa_mask, and a handler that edits uc_sigmask. */
	mprotect(p, PAGE, PROT_NONE);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR1);
	sigaction(SIGSEGV, &sa, NULL);
	todo.mode = FIX, todo.fix = p, todo.extra_mask = SIGUSR2;
	memset(&seen, 0, sizeof seen);
	sigset_t before, after;
	sigemptyset(&before);
	sigaddset(&before, SIGHUP);
	sigprocmask(SIG_SETMASK, &before, NULL);
	FAULTING(*(volatile char *)&p[0] = 2);
	todo.extra_mask = 0;
	sigprocmask(SIG_SETMASK, NULL, &after);
	EXPECT(seen.calls == 1 && p[0] == 2, "SA_NODEFER: the handler ran");
	EXPECT(!(seen.blocked & (1UL << (SIGSEGV - 1))), "SA_NODEFER: SIGSEGV not blocked inside");
	EXPECT(seen.blocked & (1UL << (SIGUSR1 - 1)), "sa_mask: SIGUSR1 blocked inside");
	EXPECT(seen.uc_mask == 1UL << (SIGHUP - 1), "uc_sigmask is the mask from before");
	EXPECT(seen.gregs[REG_OLDMASK] == 1L << (SIGHUP - 1), "REG_OLDMASK too");
	EXPECT(sigismember(&after, SIGHUP) && sigismember(&after, SIGUSR2) &&
		   !sigismember(&after, SIGUSR1),
	       "rt_sigreturn restores uc_sigmask, as the handler edited it");
	sigemptyset(&before);
	sigprocmask(SIG_SETMASK, &before, NULL);

	/* A handler without SA_SIGINFO, installed with signal(). */
	mprotect(p, PAGE, PROT_NONE);
	plain_page = p, plain_calls = 0;
	EXPECT((void *)signal(SIGSEGV, plain_handler) == (void *)on_fault,
	       "signal() returns the old handler");
	FAULTING(*(volatile char *)&p[1] = 3);
	EXPECT(plain_calls == 1 && p[1] == 3, "a plain handler(int) catches the fault");
	EXPECT(signal(SIGSEGV, SIG_DFL) == plain_handler, "signal(SIG_DFL) returns it");
	munmap(p, PAGE);
}

/* Counts every check in order; signal_death.c covers the fatal ones. */
static void all(void)
{
	prot_none_write();
	read_only_write();
	unmapped_and_null();
	general_protection();
	exec_nx();
	other_signals();
	registers();
	stack_overflow();
	flags_and_masks();
	signal(SIGSEGV, SIG_DFL);
}

int main(void)
{
	return ktap_run(all);
}
