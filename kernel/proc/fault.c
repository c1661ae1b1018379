/*
 * fault.c - what happens when a user program touches memory.
 *
 * Theory of operation. brk and mmap only record areas (uvm); no frame is
 * allocated until the program touches a page. That first touch is a page
 * fault: user_trap asks uvm_fault_check what the address means and, if
 * the area allows the access, maps a zeroed frame with the area's
 * protection and returns to the faulting instruction, which now succeeds
 * (demand paging; the stack grows the same way). The same happens when the
 * kernel touches user memory for a system call (uaccess_fault_hook).
 *
 * Anything else is the program's mistake: it is killed, with one line
 * naming the cause in plain words and the facts, and the exit status a
 * shell would show (128 + the signal Linux would send; 137, SIGKILL, when
 * no frame is left, as from Linux's out-of-memory killer).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/usermode.h"
#include "lib/kprintf.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "proc/proc.h"

#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGKILL 9
#define SIGFPE 8
#define SIGSEGV 11

/* --- the uvm operations on a process's page tables --------------------------------- */

static struct vma *op_alloc(void *ctx)
{
	(void)ctx;
	return kzalloc(sizeof(struct vma));
}

static void op_free(void *ctx, struct vma *v)
{
	(void)ctx;
	kfree(v);
}

static void op_unmap(void *ctx, uint64_t start, uint64_t end)
{
	struct proc *p = ctx;
	vmm_unmap(&p->space, start, (end - start) / PAGE_SIZE);
}

static void op_protect(void *ctx, uint64_t start, uint64_t end, unsigned prot)
{
	struct proc *p = ctx;
	if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		vmm_protect(&p->space, start, (end - start) / PAGE_SIZE, proc_vm_flags(prot));
	else /* PROT_NONE: no access at all, but the frames (the data) survive */
		vmm_protect(&p->space, start, (end - start) / PAGE_SIZE, VM_USER | VM_NONE);
}

const struct uvm_ops proc_uvm_ops = {
	.alloc = op_alloc,
	.free = op_free,
	.unmap = op_unmap,
	.protect = op_protect,
	.zap = op_unmap, /* MADV_DONTNEED: next touch gets a zero page */
};

/* --- demand paging ------------------------------------------------------------------ */

/*
 * Makes the page holding addr present for `access` (PROT_* bit). Returns
 * 1 if the access may be retried, 0 if it is a fault, -1 when no frame is
 * left; *why gets uvm's verdict.
 */
static int populate(struct proc *p, uint64_t addr, unsigned access, enum uvm_fault *why)
{
	struct vma *v;
	*why = uvm_fault_check(&p->uvm, addr, access, &v);
	if (*why != UVM_FAULT_OK)
		return 0;
	uint64_t page = addr & ~(uint64_t)(PAGE_SIZE - 1);
	if (vmm_translate(&p->space, page, NULL, NULL)) {
		/* Present, and the area allows the access: bring the entry in
		 * line with the area (which also drops a stale TLB entry), so
		 * that the retry cannot fault the same way again. */
		vmm_protect(&p->space, page, 1, proc_vm_flags(v->prot));
		return 1;
	}
	uint64_t frame = pmm_alloc_zeroed(0);
	if (!frame)
		return -1;
	if (vmm_map(&p->space, page, frame, 1, proc_vm_flags(v->prot)) < 0) {
		pmm_free(frame, 0);
		return -1;
	}
	return 1;
}

static bool uaccess_hook(uint64_t addr, bool write)
{
	struct proc *p = proc_current();
	enum uvm_fault why;
	return p && populate(p, addr, write ? PROT_WRITE : PROT_READ, &why) == 1;
}

void proc_fault_init(void)
{
	uaccess_fault_hook = uaccess_hook;
}

/* --- killing a process with a diagnosis -------------------------------------------- */

/* Kills the current process: one line of diagnosis, then the exit. */
__attribute__((noreturn)) static void kill(const char *kind, const char *id, const char *what,
					   int signal, const struct trap_frame *f)
{
	struct proc *p = proc_current();
	static const char *const names[] = { [SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP",
					     [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
					     [SIGSEGV] = "SIGSEGV" };
	ksnprintf(p->diagnosis, sizeof p->diagnosis, "%s [%s]: %s (rip 0x%lx)", kind, id, what,
		  f->rip);
	kprintf("%s%s; %s[%d] killed by %s, exit status %d\n", ktest_diag_prefix(), p->diagnosis,
		p->name, p->pid, names[signal], 128 + signal);
	proc_exit(128 + signal);
}

/* Finds a register holding a non-canonical address, for a #GP's diagnosis. */
static const char *noncanonical_register(const struct trap_frame *f, uint64_t *value)
{
	const struct {
		const char *name;
		uint64_t v;
	} regs[] = { { "rax", f->rax }, { "rbx", f->rbx }, { "rcx", f->rcx }, { "rdx", f->rdx },
		     { "rsi", f->rsi }, { "rdi", f->rdi }, { "rbp", f->rbp }, { "r8", f->r8 },
		     { "r9", f->r9 },	{ "r10", f->r10 }, { "r11", f->r11 }, { "r12", f->r12 },
		     { "r13", f->r13 }, { "r14", f->r14 }, { "r15", f->r15 } };
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
		if (!is_canonical(regs[i].v)) {
			*value = regs[i].v;
			return regs[i].name;
		}
	return NULL;
}

/*
 * Returns what a repeated-byte pointer value says about where it came from,
 * or NULL: the fill patterns of compilers and of the allocators (the same
 * bytes in the kernel heap and, in its debug mode, the user malloc).
 */
static const char *pattern_origin(uint64_t v)
{
	uint64_t byte = v & 0xff;
	if (v != byte * 0x0101010101010101ull)
		return NULL;
	switch (byte) {
	case 0xfe: return "GCC's fill for uninitialised locals (-ftrivial-auto-var-init=pattern): "
			  "a pointer that was never set";
	case 0xaa: return "clang's fill for uninitialised locals: a pointer that was never set";
	case 0x5a: return "the fill of a fresh heap block: a pointer read from memory that was "
			  "never initialised";
	case 0x6b: return "the poison of a freed heap block: a pointer read from freed memory";
	default: return NULL;
	}
}

static void page_fault(struct proc *p, struct trap_frame *f)
{
	uint64_t addr = read_cr2();
	unsigned access = (f->error_code & PF_INSTR)   ? PROT_EXEC
			  : (f->error_code & PF_WRITE) ? PROT_WRITE
						       : PROT_READ;
	enum uvm_fault why = UVM_FAULT_MAPERR;
	if (addr < USER_SPACE_END) {
		int r = populate(p, addr, access, &why);
		if (r == 1)
			return; /* demand paging: retry the instruction */
		if (r < 0) {
			char what[96];
			ksnprintf(what, sizeof what, "out of memory: no frame for 0x%lx", addr);
			kill("FATAL", "out-of-memory", what, SIGKILL, f); /* as Linux's OOM killer */
		}
	}
	const char *verb = access == PROT_EXEC ? "execute" : access == PROT_WRITE ? "write" : "read";
	char what[160];
	const char *id = "wild-pointer";
	if (addr < PAGE_SIZE) {
		id = "null-pointer";
		ksnprintf(what, sizeof what, "NULL pointer dereference: %s at 0x%lx", verb, addr);
	} else if (addr >= USER_SPACE_END) {
		ksnprintf(what, sizeof what, "access to kernel memory: %s at 0x%lx", verb, addr);
	} else if (why == UVM_FAULT_STACK_GUARD) {
		id = "stack-overflow";
		ksnprintf(what, sizeof what, "stack overflow (guard page hit): %s at 0x%lx", verb,
			  addr);
	} else if (why == UVM_FAULT_ACCERR) {
		id = "bad-access";
		ksnprintf(what, sizeof what, "%s at 0x%lx",
			  access == PROT_EXEC	 ? "execute of non-executable memory"
			  : access == PROT_WRITE ? "write to read-only memory"
						 : "read of inaccessible (PROT_NONE) memory",
			  addr);
	} else {
		ksnprintf(what, sizeof what, "%s of unmapped memory at 0x%lx", verb, addr);
	}
	kill("SEGFAULT", id, what, SIGSEGV, f);
}

void user_trap(struct trap_frame *f)
{
	struct proc *p = proc_current();
	char what[280];
	uint64_t v;
	const char *reg;
	switch (f->vector) {
	case TRAP_PAGE_FAULT:
		page_fault(p, f);
		return;
	case TRAP_GENERAL_PROTECTION:
		reg = noncanonical_register(f, &v);
		if (reg) {
			const char *origin = pattern_origin(v);
			ksnprintf(what, sizeof what,
				  "non-canonical address: %s = 0x%lx is not a valid address%s%s", reg,
				  v, origin ? ", it is " : "", origin ? origin : "");
			kill("SEGFAULT", "wild-pointer", what, SIGSEGV, f);
		}
		kill("SEGFAULT", "general-protection", "general protection fault", SIGSEGV, f);
	case TRAP_INVALID_OPCODE: kill("FATAL", "invalid-opcode", "invalid opcode", SIGILL, f);
	case TRAP_DIVIDE: kill("FATAL", "divide-error", "divide error", SIGFPE, f);
	case TRAP_BREAKPOINT: kill("FATAL", "breakpoint", "breakpoint (int3)", SIGTRAP, f);
	case 16:
	case 19: kill("FATAL", "floating-point", "floating-point exception", SIGFPE, f);
	case 17: kill("FATAL", "alignment-check", "misaligned access", SIGBUS, f);
	default:
		ksnprintf(what, sizeof what, "%s", trap_name(f->vector));
		kill("FATAL", "exception", what, SIGSEGV, f);
	}
}

int proc_populate(struct proc *p, uint64_t start, uint64_t len)
{
	for (uint64_t a = start; a < start + len; a += PAGE_SIZE) {
		enum uvm_fault why;
		if (populate(p, a, PROT_READ, &why) < 0)
			return -1;
	}
	return 0;
}
