/*
 * fault.c - what happens when a user program's access faults: the policy.
 *
 * Theory of operation. A page fault is first offered to the memory
 * manager (mm_handle_fault, mm/fault.c): memory that brk or mmap only
 * reserved is paged in on the first touch, and the stack grows, and the
 * instruction is retried (demand paging). The same happens when the
 * kernel touches user memory for a system call (uaccess_hook).
 *
 * What the memory manager cannot serve is the program's mistake, and
 * this file decides what follows: it raises the signal Linux would
 * (SIGSEGV with SEGV_MAPERR or SEGV_ACCERR, SIGILL, SIGFPE...). If the
 * program installed a handler for it (and has not blocked it), signal.c
 * runs the handler, which may repair the cause and return to retry the
 * instruction. Otherwise the program is killed, with one line naming the
 * cause in plain words and the facts, and the exit status a shell would
 * show (128 + the signal; 137, SIGKILL, when no frame is left, as from
 * Linux's out-of-memory killer, which no handler sees).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/usermode.h"
#include "lib/kprintf.h"
#include "lib/panic.h" /* the lazy lab's stub (docs/labs/lazy.md) */
#include "memerr/memerr.h"
#include "proc/proc.h"

/* A user copy faulted (uaccess.c): serve it as the program's own access would be. */
static bool uaccess_hook(uint64_t addr, bool write)
{
	/* LAB(lazy) BEGIN: part 2, a kernel copy pages user memory in (docs/labs/lazy.md)
	 * stub: (void)addr; (void)write;
	 * stub: panic("not implemented: see docs/labs/lazy.md (part 2, uaccess_hook)");
	 */
	struct proc *p = proc_current();
	bool ok = p && mm_handle_fault(&p->mm, addr, write ? MM_ACCESS_WRITE : MM_ACCESS_READ) ==
			   MM_FAULT_OK;
	if (ok)
		p->usage.minflt++; /* getrusage's ru_minflt (proc/usage.c) */
	return ok;
	/* LAB(lazy) END */
}

void proc_fault_init(void)
{
	uaccess_fault_hook = uaccess_hook;
}

/* --- killing a process with a diagnosis -------------------------------------------- */

void proc_kill(const char *kind, const char *id, const char *what, int signal,
	       const struct trap_frame *f)
{
	struct proc *p = proc_current();
	ksnprintf(p->diagnosis, sizeof p->diagnosis, "%s [%s]: %s (rip 0x%lx)", kind, id, what,
		  f->rip);
	kprintf("%s; %s[%d] killed by %s, exit status %d\n", p->diagnosis, p->name, p->pid,
		sigstate_name(signal), 128 + signal);
	proc_exit_signal(signal);
}

/*
 * Raises the fault signal fs: returns if the program's handler will run
 * (f now enters it), else kills with the diagnosis kind [id]: what.
 */
static void raise_or_kill(const char *kind, const char *id, const char *what,
			  const struct fault_signal *fs, struct trap_frame *f)
{
	if (!signal_deliver_fault(proc_current(), f, fs))
		proc_kill(kind, id, what, fs->signo, f);
}

/* Finds a register holding a non-canonical address, for a #GP's diagnosis. */
static const char *noncanonical_register(const struct trap_frame *f, uint64_t *value)
{
	const struct {
		const char *name;
		uint64_t v;
	} regs[] = {{"rax", f->rax}, {"rbx", f->rbx}, {"rcx", f->rcx}, {"rdx", f->rdx},
		    {"rsi", f->rsi}, {"rdi", f->rdi}, {"rbp", f->rbp}, {"r8", f->r8},
		    {"r9", f->r9},   {"r10", f->r10}, {"r11", f->r11}, {"r12", f->r12},
		    {"r13", f->r13}, {"r14", f->r14}, {"r15", f->r15}};
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
		if (!is_canonical(regs[i].v)) {
			*value = regs[i].v;
			return regs[i].name;
		}
	return NULL;
}

static void page_fault(struct proc *p, struct trap_frame *f)
{
	uint64_t addr = read_cr2();
	if (TRACE_ON())
		trace_fault_ip = f->rip; /* for the trace's fault line (mm/fault.h) */
	unsigned access = (f->error_code & PF_INSTR)   ? MM_ACCESS_EXEC
			  : (f->error_code & PF_WRITE) ? MM_ACCESS_WRITE
						       : MM_ACCESS_READ;
	enum mm_fault why = mm_handle_fault(&p->mm, addr, access);
	if (why == MM_FAULT_OK) {
		p->usage.minflt++; /* getrusage's ru_minflt (proc/usage.c) */
		return;		   /* demand paging: retry the instruction */
	}
	if (why == MM_FAULT_OOM) {
		char what[96];
		ksnprintf(what, sizeof what, "out of memory: no frame for 0x%lx", addr);
		proc_kill("FATAL", "out-of-memory", what, SIGKILL, f); /* as the OOM killer */
	}
	if (why == MM_FAULT_SIGBUS || why == MM_FAULT_NOSPACE) {
		/* a file's page past its end, or one /tmp has no room for
		 * (mm/filemap.c): Linux's SIGBUS for both */
		bool past = why == MM_FAULT_SIGBUS;
		char what[96];
		ksnprintf(what, sizeof what,
			  past ? "%s past the end of a mapped file at 0x%lx"
			       : "%s of a mapped file of a full /tmp at 0x%lx",
			  access == MM_ACCESS_WRITE ? "write" : "read", addr);
		struct fault_signal bus = {
		    .signo = SIGBUS,
		    .code = BUS_ADRERR,
		    .addr = addr,
		    .trapno = f->vector,
		    .err = f->error_code | PF_USER,
		};
		p->sig.cr2 = addr;
		raise_or_kill("BUS ERROR", past ? "past-end-of-file" : "file-system-full", what,
			      &bus, f);
		return;
	}
	const char *verb = access == MM_ACCESS_EXEC    ? "execute"
			   : access == MM_ACCESS_WRITE ? "write"
						       : "read";
	char what[160], line[256];
	enum memerr_id err = MEMERR_WILD_POINTER;
	const char *id = NULL; /* set for a fault that is none of memerr's errors */
	if (addr < PAGE_SIZE) {
		err = MEMERR_NULL_POINTER;
		ksnprintf(what, sizeof what, "NULL pointer dereference: %s at 0x%lx", verb, addr);
	} else if (addr >= LOWER_HALF_END) {
		ksnprintf(what, sizeof what, "access to kernel memory: %s at 0x%lx", verb, addr);
	} else if (why == MM_FAULT_STACK_GUARD) {
		err = MEMERR_STACK_OVERFLOW; /* its words say "guard page" already */
		ksnprintf(what, sizeof what, "%s at 0x%lx", verb, addr);
	} else if (why == MM_FAULT_ACCERR) {
		id = "bad-access";
		struct vma *v = vma_find(&p->mm.vmas, addr);
		bool none = v && !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
		const char *how;
		if (none)
			how = access == MM_ACCESS_WRITE ? "write to inaccessible (PROT_NONE) memory"
							: "read of inaccessible (PROT_NONE) memory";
		else if (access == MM_ACCESS_EXEC)
			how = "execute of non-executable memory";
		else if (access == MM_ACCESS_WRITE)
			how = "write to read-only memory";
		else
			how = "read of inaccessible (PROT_NONE) memory";
		ksnprintf(what, sizeof what, "%s at 0x%lx", how, addr);
	} else {
		ksnprintf(what, sizeof what, "%s of unmapped memory at 0x%lx", verb, addr);
	}
	/* memerr's errors are named with its id and the textbook's words, as
	 * the heaps' reports name them (at most 66 + 56 bytes here, well
	 * inside the diagnosis of struct proc). */
	if (!id) {
		id = memerr_id_name(err);
		ksnprintf(line, sizeof line, "%s: %s", memerr_textbook(err), what);
	} else {
		ksnprintf(line, sizeof line, "%s", what);
	}
	/* What Linux tells a handler: ACCERR only when an area is there but
	 * forbids the access; a kernel address always looks like a protection
	 * fault (so the kernel's layout does not show). cr2 is remembered: a
	 * later signal's ucontext shows it too, as Linux's thread.cr2. */
	struct fault_signal fs = {
	    .signo = SIGSEGV,
	    .code = why == MM_FAULT_ACCERR ? SEGV_ACCERR : SEGV_MAPERR,
	    .addr = addr,
	    .trapno = f->vector,
	    .err = f->error_code | PF_USER | (addr >= LOWER_HALF_END ? PF_PRESENT : 0),
	};
	p->sig.cr2 = addr;
	raise_or_kill("SEGFAULT", id, line, &fs, f);
}

/* A #GP: SIGSEGV with SI_KERNEL and no address, as Linux sends it. */
static void general_protection(struct trap_frame *f)
{
	struct fault_signal fs = {SIGSEGV, SI_KERNEL, 0, f->vector, f->error_code};
	char what[280];
	uint64_t v;
	const char *reg = noncanonical_register(f, &v);
	if (!reg) {
		raise_or_kill("SEGFAULT", "general-protection", "general protection fault", &fs, f);
		return;
	}
	/* A pointer made of a heap's fill names the error that loaded it:
	 * 0x5a.. uninitialized-read, 0x6b.. use-after-free, 0xcc.. heap-overflow.
	 * The longest what (GCC's fill, r15) is 243 bytes, its diagnosis line
	 * 292: both fit (280 here, 320 in struct proc). */
	enum memerr_id err = MEMERR_WILD_POINTER;
	const char *origin = memerr_pattern_origin(v, &err);
	ksnprintf(what, sizeof what,
		  "%s: non-canonical address: %s = 0x%lx is not a valid address%s%s",
		  memerr_textbook(err), reg, v, origin ? ", it is " : "", origin ? origin : "");
	raise_or_kill("SEGFAULT", memerr_id_name(err), what, &fs, f);
}

/* An x87 (#MF) or SIMD (#XM) exception: SIGFPE, its si_code from the
 * FPU's status; one with nothing pending (spurious) just kills. */
static void floating_point(struct trap_frame *f)
{
	struct fxstate fx;
	fpu_save(&fx);
	struct fault_signal fs = {SIGFPE, sigstate_fpe_code(f->vector, fx.fcw, fx.fsw, fx.mxcsr),
				  f->rip, f->vector, f->error_code};
	if (fs.code)
		raise_or_kill("FATAL", "floating-point", "floating-point exception", &fs, f);
	else
		proc_kill("FATAL", "floating-point", "floating-point exception", SIGFPE, f);
}

/*
 * A #DB from user mode, icebp (int1, the byte 0xf1) or a single step
 * (TF): SIGTRAP with TRAP_BRKPT or TRAP_TRACE, si_addr the next
 * instruction (a trap: rip is already past the one that raised it), as
 * Linux's exc_debug_user. DR6 is reset, since the CPU never clears it.
 */
static void debug_trap(struct trap_frame *f, bool single_step)
{
	struct fault_signal fs = {SIGTRAP, single_step ? TRAP_TRACE : TRAP_BRKPT, f->rip,
				  TRAP_DEBUG, 0};
	write_dr6(DR6_INIT);
	raise_or_kill("FATAL", "debug-trap",
		      single_step ? "single step (trap flag)" : "debug trap (icebp)", &fs, f);
}

/*
 * Returns true if the invalid opcode at rip is icebp. Real CPUs run icebp
 * in 64-bit mode and raise #DB; QEMU's TCG (7.2) raises #UD for it
 * instead. The kernel then does what the CPU should have, so a program
 * sees Linux's SIGTRAP on either.
 */
static bool is_icebp(const struct trap_frame *f)
{
	uint8_t op;
	return copy_from_user(&op, f->rip, 1) == 0 && op == 0xf1;
}

void user_trap(struct trap_frame *f)
{
	struct proc *p = proc_current();
	/* si_addr is the faulting instruction for SIGILL and SIGFPE, nothing
	 * for int3 and #AC (Linux's choices). */
	struct fault_signal fs = {0, 0, f->rip, f->vector, f->error_code};
	char what[280];
	switch (f->vector) {
	case TRAP_PAGE_FAULT: page_fault(p, f); return;
	case TRAP_GENERAL_PROTECTION: general_protection(f); return;
	case TRAP_INVALID_OPCODE:
		if (is_icebp(f)) {
			f->rip++; /* what the CPU would have done: a trap after it */
			debug_trap(f, false);
			return;
		}
		fs.signo = SIGILL, fs.code = ILL_ILLOPN;
		raise_or_kill("FATAL", "invalid-opcode", "invalid opcode", &fs, f);
		return;
	case TRAP_DIVIDE:
		fs.signo = SIGFPE, fs.code = FPE_INTDIV;
		raise_or_kill("FATAL", "divide-error", "divide error", &fs, f);
		return;
	case TRAP_BREAKPOINT:
		fs.signo = SIGTRAP, fs.code = SI_KERNEL, fs.addr = 0;
		raise_or_kill("FATAL", "breakpoint", "breakpoint (int3)", &fs, f);
		return;
	case TRAP_DEBUG: debug_trap(f, read_dr6() & DR6_BS); return;
	case TRAP_X87_FPU:
	case TRAP_SIMD_FPU: floating_point(f); return;
	case TRAP_ALIGNMENT_CHECK:
		fs.signo = SIGBUS, fs.code = BUS_ADRALN, fs.addr = 0;
		raise_or_kill("FATAL", "alignment-check", "misaligned access", &fs, f);
		return;
	case 12: /* #SS: a non-canonical stack address; Linux sends SIGBUS (TCG raises #GP) */
		fs.signo = SIGBUS, fs.code = SI_KERNEL, fs.addr = 0;
		raise_or_kill("FATAL", "stack-segment", "stack-segment fault", &fs, f);
		return;
	default:
		/* Exceptions a correct user program cannot raise: no handler. */
		ksnprintf(what, sizeof what, "%s", trap_name(f->vector));
		proc_kill("FATAL", "exception", what, SIGSEGV, f);
	}
}
