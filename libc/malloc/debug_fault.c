/*
 * debug_fault.c - in the checking modes, a SIGSEGV handler that says which
 * mistake a fault is, the way the kernel's own diagnosis does (kernel/
 * proc/fault.c), but from inside the program, so that it works the same
 * on Linux and on Interlude, and can use what the allocator knows.
 *
 * What the handler reads (Linux's signal ABI): si_addr, the faulting
 * address of a page fault (0 for a general-protection fault, which a
 * non-canonical pointer causes), and in the saved registers the page
 * fault's error code (REG_ERR: bit 1 = write), the exception number
 * (REG_TRAPNO: 14 page fault, 13 general protection) and the registers,
 * where a non-canonical pointer made of one repeated byte names its
 * origin: 0x5a.. a new block never written, 0x6b.. a freed block, 0xcc..
 * a red zone (memerr_pattern_origin).
 *
 * In mode 2 the fault may be the checker's own doing (a page not opened
 * yet): guard_fault opens it and the handler returns, so the access runs
 * again. Any other fault is reported, the action reset to the default,
 * and the handler returns: the access faults again and the process dies
 * of SIGSEGV (status 139), as it would have without the checker.
 *
 * The handler runs on an alternate stack, so a stack overflow is named
 * too.
 */
#define _GNU_SOURCE
#include "malloc/debug.h"

#include <signal.h>
#include <ucontext.h>

#define ALTSTACK_SIZE (64 * 1024)

void fault_die(void)
{
	struct sigaction sa;
	__builtin_memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGSEGV, &sa, NULL);
}

/* The first general register holding a non-canonical address, by name. */
static const char *noncanonical(const greg_t *gr, uint64_t *value)
{
	static const struct {
		const char *name;
		int reg;
	} regs[] = {{"rax", REG_RAX}, {"rbx", REG_RBX}, {"rcx", REG_RCX}, {"rdx", REG_RDX},
		    {"rsi", REG_RSI}, {"rdi", REG_RDI}, {"rbp", REG_RBP}, {"r8", REG_R8},
		    {"r9", REG_R9},   {"r10", REG_R10}, {"r11", REG_R11}, {"r12", REG_R12},
		    {"r13", REG_R13}, {"r14", REG_R14}, {"r15", REG_R15}};
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++) {
		uint64_t v = (uint64_t)gr[regs[i].reg];
		if ((uint64_t)((int64_t)(v << 16) >> 16) != v) {
			*value = v;
			return regs[i].name;
		}
	}
	return NULL;
}

/* A fault the checker did not cause: says what it is. */
static void diagnose(const siginfo_t *si, const greg_t *gr)
{
	static struct memerr_line why; /* static: the alternate stack is small */
	struct memerr_report r = {.kind = "SEGFAULT",
				  .id = MEMERR_WILD_POINTER,
				  .pc = (uintptr_t)gr[REG_RIP],
				  .action = "killed by SIGSEGV (exit status 139)"};
	uintptr_t addr = (uintptr_t)si->si_addr, sp = (uintptr_t)gr[REG_RSP];
	bool page_fault = gr[REG_TRAPNO] == 14, write = gr[REG_ERR] & 2;
	why.len = 0;
	if (!page_fault) {
		uint64_t v = 0;
		const char *reg = noncanonical(gr, &v);
		if (!reg) { /* not a pointer's fault: a privileged instruction, say */
			static const char msg[] =
			    "SEGFAULT [general-protection]: a general-protection "
			    "fault that no pointer explains (a privileged or "
			    "malformed instruction?)\n";
			im_os_write_err(msg, sizeof msg - 1);
			return;
		}
		const char *origin = memerr_pattern_origin(v, &r.id);
		memerr_put(&why, "the pointer in ");
		memerr_put(&why, reg);
		memerr_put(&why, " = ");
		memerr_put_hex(&why, v);
		memerr_put(&why, " is not an address");
		if (origin) {
			memerr_put(&why, ", it is ");
			memerr_put(&why, origin);
		}
		r.addr = v;
	} else {
		r.addr = addr;
		memerr_put(&why, write ? "a write " : "a read ");
		if (addr < PAGE) {
			r.id = MEMERR_NULL_POINTER;
			memerr_put(&why, "through a NULL pointer");
		} else if (addr < sp + PAGE && sp - addr < 65536) {
			r.id = MEMERR_STACK_OVERFLOW;
			memerr_put(&why, "below the end of the stack");
		} else if (si->si_code == SEGV_ACCERR) {
			memerr_put(&why, write ? "to memory that is read-only"
					       : "of inaccessible memory");
		} else {
			memerr_put(&why, "of memory that is not mapped");
		}
	}
	r.detail = why.text;
	report_print(&r);
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	const greg_t *gr = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	if (si->si_code <= 0) { /* sent by a process (kill), not a fault: as if unhandled */
		fault_die();
		raise(sig);
		return;
	}
	if (gr[REG_TRAPNO] == 14 && dbg_mode == 2 &&
	    guard_fault((uintptr_t)si->si_addr, gr[REG_ERR] & 2, (uintptr_t)gr[REG_RIP]))
		return; /* a page opened: the access runs again; or reported and dying */
	diagnose(si, gr);
	fault_die();
}

void fault_handler_install(void)
{
	stack_t ss;
	ss.ss_sp = im_os_mmap(NULL, ALTSTACK_SIZE, 0);
	ss.ss_size = ALTSTACK_SIZE;
	ss.ss_flags = 0;
	struct sigaction sa;
	__builtin_memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	if (ss.ss_sp && sigaltstack(&ss, NULL) == 0)
		sa.sa_flags |= SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
}
