/*
 * sys_trace.c - the memory trace's system-call lines, and trace_event(),
 * Interlude's system call 1002, by which the C library adds its own.
 *
 * Theory of operation. While tracing, syscall_dispatch (syscall.c) has
 * trace_call make the call, so that the untraced path costs one test.
 * When the call returns, with its arguments still in the trap frame and
 * its result in hand, a memory call (brk, sbrk, mmap, munmap, mprotect,
 * mremap, madvise, msync, mlock, mlock2, munlock, mlockall, munlockall)
 * becomes one line with its arguments and its result, as
 * Linux returns it (an address, or -errno). (The fork line is proc/fork.c's:
 * written before the child can run, so before any line of the child's.)
 *
 * The allocator of the C library is invisible to the kernel: it carves
 * the heap that brk and mmap gave it. So while tracing, the kernel puts
 * AT_INTERLUDE_TRACE = 1 in each new program's auxiliary vector; the
 * libc reads it once at start and then reports each malloc, free and
 * realloc with trace_event (libc/malloc/trace.c). A program that is not
 * traced makes no such call. On Linux the number is unknown: -ENOSYS, and
 * the same binary runs silently (it never sees AT_INTERLUDE_TRACE anyway).
 */
#include "arch/x86_64/trap.h"
#include "lib/errno.h"
#include "lib/trace.h"
#include "proc/proc.h"
#include "sys/syscall.h"

/* Opens the line of system call ev for the running process. */
static struct trace_line *begin(const char *ev)
{
	struct proc *p = proc_current();
	return trace_begin(ev, p ? p->pid : -1);
}

/* The line of a call with an area's address and length first (munmap, mprotect, madvise,
 * msync, the mlocks). */
static void range_line(const char *ev, const struct trap_frame *f, const char *third, int64_t ret)
{
	struct trace_line *l = begin(ev);
	if (!l)
		return;
	trace_addr(l, "addr", f->rdi);
	trace_num(l, "len", (int64_t)f->rsi);
	if (third)
		trace_num(l, third, (int64_t)f->rdx);
	trace_num(l, "ret", ret);
	trace_end(l);
}

/* The line of mlockall (its flags) or munlockall (f NULL: no argument). */
static void flags_line(const char *ev, const struct trap_frame *f, int64_t ret)
{
	struct trace_line *l = begin(ev);
	if (!l)
		return;
	if (f)
		trace_num(l, "flags", (int64_t)f->rdi);
	trace_num(l, "ret", ret);
	trace_end(l);
}

/* The mmap line: its six arguments and the result. */
static void mmap_line(const struct trap_frame *f, int64_t ret)
{
	struct trace_line *l = begin("mmap");
	if (!l)
		return;
	trace_addr(l, "addr", f->rdi);
	trace_num(l, "len", (int64_t)f->rsi);
	trace_num(l, "prot", (int64_t)f->rdx);
	trace_num(l, "flags", (int64_t)f->r10);
	trace_num(l, "fd", (int)f->r8);
	trace_num(l, "off", (int64_t)f->r9);
	trace_num(l, "ret", ret);
	trace_end(l);
}

/* The brk or sbrk line: the break before and after, and what the call returned. */
static void break_line(uint64_t nr, const struct trap_frame *f, int64_t ret, uint64_t old_brk)
{
	struct proc *p = proc_current();
	struct trace_line *l = begin(nr == SYS_brk ? "brk" : "sbrk");
	if (!l)
		return;
	if (nr == SYS_brk)
		trace_addr(l, "addr", f->rdi);
	else
		trace_num(l, "incr", (int64_t)f->rdi);
	trace_addr(l, "old", old_brk);
	trace_addr(l, "new", p->mm.brk);
	trace_num(l, "ret", ret);
	trace_end(l);
}

/* The mremap line (an addition to the format's calls). */
static void mremap_line(const struct trap_frame *f, int64_t ret)
{
	struct trace_line *l = begin("mremap");
	if (!l)
		return;
	trace_addr(l, "addr", f->rdi);
	trace_num(l, "old_len", (int64_t)f->rsi);
	trace_num(l, "new_len", (int64_t)f->rdx);
	trace_num(l, "flags", (int64_t)f->r10);
	trace_num(l, "ret", ret);
	trace_end(l);
}

/* Writes the line of system call nr, which returned ret; old_brk is the break before it. */
static void trace_syscall(uint64_t nr, const struct trap_frame *f, int64_t ret, uint64_t old_brk)
{
	switch (nr) {
	case SYS_brk:
	case SYS_sbrk: break_line(nr, f, ret, old_brk); break;
	case SYS_mmap: mmap_line(f, ret); break;
	case SYS_munmap: range_line("munmap", f, NULL, ret); break;
	case SYS_mprotect: range_line("mprotect", f, "prot", ret); break;
	case SYS_madvise: range_line("madvise", f, "advice", ret); break;
	case SYS_mremap: mremap_line(f, ret); break;
	case SYS_msync: range_line("msync", f, "flags", ret); break;
	case SYS_mlock: range_line("mlock", f, NULL, ret); break;
	case SYS_mlock2: range_line("mlock2", f, "flags", ret); break;
	case SYS_munlock: range_line("munlock", f, NULL, ret); break;
	case SYS_mlockall: flags_line("mlockall", f, ret); break;
	case SYS_munlockall: flags_line("munlockall", NULL, ret); break;
	}
}

void trace_call(syscall_fn fn, uint64_t nr, struct trap_frame *f)
{
	struct proc *p = proc_current();
	uint64_t old_brk = p->has_mm ? p->mm.brk : 0; /* for a brk or sbrk line */
	f->rax = (uint64_t)fn(f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9);
	trace_syscall(nr, f, (int64_t)f->rax, old_brk);
}

static const char *const path_names[TRACE_PATH_COUNT] = {
    [TRACE_PATH_NONE] = NULL, [TRACE_PATH_CLASS] = "class", [TRACE_PATH_MID] = "mid",
    [TRACE_PATH_RUN] = "run", [TRACE_PATH_MMAP] = "mmap",   [TRACE_PATH_SPARSE] = "sparse",
};

/* Returns 0 after writing the libc's line (none while not tracing); -EINVAL
 * for a kind or path it does not know. */
int64_t sys_trace_event(uint64_t kind, uint64_t a, uint64_t b, uint64_t c, uint64_t path,
			uint64_t site)
{
	if (kind < TRACE_USER_MALLOC || kind > TRACE_USER_REALLOC || path >= TRACE_PATH_COUNT)
		return -EINVAL;
	if (!TRACE_ON())
		return 0;
	static const char *const names[] = {NULL, "malloc", "free", "realloc"};
	struct trace_line *l = begin(names[kind]);
	if (!l)
		return 0;
	if (kind == TRACE_USER_MALLOC) {
		trace_num(l, "size", (int64_t)a);
		trace_addr(l, "ret", b);
		if (c) /* aligned_alloc, memalign, posix_memalign */
			trace_num(l, "align", (int64_t)c);
	} else if (kind == TRACE_USER_FREE) {
		trace_addr(l, "addr", a);
	} else {
		trace_addr(l, "addr", a);
		trace_num(l, "size", (int64_t)b);
		trace_addr(l, "ret", c);
	}
	if (path_names[path])
		trace_str(l, "path", path_names[path]);
	if (kind != TRACE_USER_FREE)
		trace_addr(l, "site", site);
	trace_end(l);
	return 0;
}
