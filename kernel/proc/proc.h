/*
 * proc.h - user processes: the process table and a process's life.
 *
 * A kernel caller (main.c, a self-test, the console) starts a program
 * with proc_run_args, which makes it process 1 of a new run and returns
 * once it and every process it created have ended. Inside a run,
 * processes fork, exec, exit, wait and signal each other as on Linux;
 * the scheduler (sched.h) shares the one CPU among them. A process
 * reaches the kernel only through system calls (sys/) and faults
 * (proc/fault.c); both find it as proc_current().
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fd.h"
#include "fs/node.h"
#include "arch/x86_64/fpu.h"
#include "mm/fault.h"
#include "proc/elf.h"
#include "proc/signal.h"
#include "proc/usage.h"
#include "time/itimer.h"

#define PROC_NAME_MAX 32
#define PROC_MAX 64	    /* processes at once (KSTACK_SLOTS in memlayout.h): more is EAGAIN */
#define PROC_KSTACK_ORDER 2 /* 16 KiB kernel stack: KSTACK_PAGES in memlayout.h */
#define PROC_STACK_INITIAL (128 * 1024) /* the stack area at start; it grows */
#define PROC_RLIMITS 16			/* Linux's RLIM_NLIMITS */

/* A resource limit, Linux's struct rlimit64: the soft (enforced) and hard values. */
struct proc_rlimit {
	uint64_t cur, max;
};

/* The interval timers of setitimer: ITIMER_REAL on the monotonic clock,
 * ITIMER_VIRTUAL on the process's user time, ITIMER_PROF on its CPU time. */
enum { PROC_ITIMER_REAL, PROC_ITIMER_VIRTUAL, PROC_ITIMER_PROF, PROC_ITIMERS };

/* A process's life: EMBRYO while being made, then RUNNABLE <-> RUNNING
 * <-> SLEEPING, ZOMBIE from exit until its parent reaps it, then UNUSED. */
enum proc_state {
	PROC_UNUSED,
	PROC_EMBRYO,
	PROC_RUNNABLE,
	PROC_RUNNING,
	PROC_SLEEPING,
	PROC_ZOMBIE,
};

struct proc {
	enum proc_state state;
	int pid;
	int slot; /* index in the table: which kernel stack slot it has */
	char name[PROC_NAME_MAX];
	char label[PROC_NAME_MAX + 40]; /* "kernel stack of NAME[PID]", for the overflow panic */
	struct proc *parent;		/* NULL for process 1 (and orphans once it has gone) */
	struct mm mm; /* address space: page tables and areas (image, heap, mmaps, stack) */
	bool has_mm;  /* mm holds something to free (until exit frees it) */
	struct elf_image elf;
	uint64_t kstack;     /* physical base of the kernel stack */
	uint64_t kstack_top; /* its virtual top, in slot `slot` (memlayout.h) */
	uint64_t ctx_rsp;    /* the kernel stack pointer swtch saved (sched.c) */
	const void *chan;    /* what a SLEEPING process waits for */
	struct proc *q_prev; /* neighbours on the run queue or the sleepers (sched.c) */
	struct proc *q_next;
	bool queued;	   /* on one of them */
	uint64_t entry_sp; /* process 1's first user stack pointer */
	unsigned ticks;	   /* timer ticks used of the current time slice */
	/* saved while it does not run: */
	uint64_t fs_base;
	struct fxstate fpu;
	/* exit and wait */
	int wstatus;		   /* Linux's wait status once a zombie (W* macros) */
	int exit_status;	   /* as a shell shows it: code, or 128 + signal */
	int exit_signal;	   /* sent to the parent at exit: SIGCHLD or 0 (clone's low byte) */
	uint64_t clear_child_tid;  /* CLONE_CHILD_CLEARTID: user address zeroed at exit */
	struct proc *vfork_parent; /* a vfork parent waiting for this child's exec or exit */
	char diagnosis[320];	   /* why the kernel killed it; "" if it exited */
	/* signals */
	struct sigstate sig;	   /* handlers, blocked mask, alternate stack */
	uint64_t sig_pending;	   /* signals sent and not yet delivered: SIGBIT(sig) */
	int sig_sender;		   /* the pid that sent the last pending signal, for siginfo */
	struct fd_table files;	   /* open file descriptors (fs/fd.h) */
	const struct fs_node *exe; /* the file it runs (/proc/<pid>/exe); NULL if not the tree's */
	uint64_t arg_start, arg_end; /* its argument strings on its stack (/proc/<pid>/cmdline) */
	struct fs_loc cwd;	     /* the current directory, held (fs_node_hold) while it is */
	/* groups and sessions (sys/sys_pgrp.c) */
	int pgid, sid;	 /* process group and session: inherited, process 1's are 1 */
	bool did_exec;	 /* it has called execve (setpgid on it is then -EACCES) */
	unsigned umask;	 /* the file mode creation mask (umask), inherited */
	int nice;	 /* -20..19 (sys_prio.c), inherited; the scheduler ignores it */
	unsigned ioprio; /* the I/O priority (sys_prio.c), inherited; nothing uses it */
	/* limits, timers, accounting */
	struct proc_rlimit rlim[PROC_RLIMITS]; /* inherited and kept across execve */
	struct itimer itimer[PROC_ITIMERS];    /* not inherited by a fork, kept by execve */
	struct proc_usage usage;	       /* what it has used itself (usage.h) */
	struct proc_usage children_usage;      /* what its reaped descendants used */
	uint64_t usage_mark;		       /* TSC at the last accounting boundary */
	/* what a thread library registered (sys/sys_threadlib.c) */
	uint64_t robust_list, rseq;
	uint32_t rseq_len, rseq_sig;
};

/* Returns the running process, or NULL when none runs (inline: every
 * system call asks). */
extern struct proc *proc_running;
static inline struct proc *proc_current(void)
{
	return proc_running;
}

/* Calls fn(p, arg) for every process in the table that is not UNUSED
 * (zombies included), in table order. */
void proc_for_each(void (*fn)(struct proc *, void *), void *arg);

/*
 * The whole-system reference rule (refcheck.c): every frame named by the
 * page tables of the processes that have an address space, of extra (if
 * not NULL and not one of them) and by the kernel's registered holders has
 * exactly as many references as names. Returns NULL, or `why` (n bytes)
 * naming the first frame whose count is off.
 */
const char *proc_check_refs(struct mm *extra, char *why, size_t n);

/*
 * The checkpoint over the whole system: mm_check_or_panic(mm, where), then
 * proc_check_refs(mm); panics with "mmcheck: <where>: <why>" on the first
 * violation.
 */
void proc_mm_check_or_panic(struct mm *mm, const char *where);

/* Returns the process with this pid (not UNUSED), or NULL. */
struct proc *proc_find(int pid);

/*
 * Runs the ELF program image[0, size) with the command line `cmdline`
 * ("[VAR=value ...] name [arg ...]": leading VAR=value words become the
 * environment, as with env(1); at most 32 of each, 1 KiB in all).
 * Returns 0 and sets *status to the exit status once it ends, or -ENOEXEC
 * (a bad ELF file), -ENOMEM or -E2BIG: then a line "exec NAME: refused:
 * <what failed, in words>" is printed and kept for proc_last_diagnosis.
 */
int proc_run(const void *image, size_t size, const char *cmdline, int *status);

/*
 * A program's arguments and environment exactly, as execve(2) takes them:
 * argc + envc NUL-terminated strings one after the other, argv[0] first
 * and the environment after argv; `size` bytes in all.
 */
struct exec_args {
	int argc, envc;
	const char *strings;
	size_t size;
	const char *cwd; /* the directory to start in, cwd_len bytes; NULL: the root */
	size_t cwd_len;
};
#define EXEC_ARGS_MAX (256 * 1024) /* bytes of strings: more is -E2BIG */

/*
 * proc_run with the arguments and environment given exactly: the program
 * becomes process 1 of a new run, and this returns once it and all its
 * descendants have ended (orphans are re-parented to process 1, and once
 * it is gone the run reaps them). *status is process 1's.
 */
int proc_run_args(const void *image, size_t size, const struct exec_args *args, int *status);

/* Returns why the last program was killed or could not start ("" if it
 * exited by itself). */
const char *proc_last_diagnosis(void);

/*
 * Kills the current process for the fault or misuse in frame f: logs one
 * line, "KIND [id]: what (rip 0x...); name[pid] killed by SIGxxx, exit
 * status 128 + signal" (fault.c), and ends it with that status.
 */
__attribute__((noreturn)) void proc_kill(const char *kind, const char *id, const char *what,
					 int signal, const struct trap_frame *f);

/* Ends the current process as exit(code) does; never returns. */
__attribute__((noreturn)) void proc_exit(int code);

/* Ends the current process as killed by signal sig; never returns. */
__attribute__((noreturn)) void proc_exit_signal(int sig);

/*
 * Sets a function called with every process that exits, just before its
 * memory is freed, its areas and page tables still as the program left
 * them and its exit_status set (the kernel console keeps a copy for `maps`
 * and `pgwalk`); NULL for none. It must not allocate, so that the leak
 * check after a program still holds.
 */
void proc_set_exit_observer(void (*fn)(const struct proc *p));

/*
 * Loads the ELF segments and builds the initial stack (exec.c) in p->mm,
 * which must be active; sets *sp to the initial stack pointer and returns
 * 0, or -ENOMEM or -ENOEXEC (the segments do not fit the address space,
 * e.g. over the stack), with a sentence saying what failed in why[0, whylen).
 */
int proc_exec_setup(struct proc *p, const void *image, const struct exec_args *args, uint64_t *sp,
		    char *why, size_t whylen);

/* Copies the program name: argv[0], cut to fit ("" without arguments). */
void proc_set_name(struct proc *p, const struct exec_args *args);

/* Splits cmdline as proc_run does into buf[0, size); false if it does not fit. */
bool exec_args_from_cmdline(const char *cmdline, char *buf, size_t size, struct exec_args *out);

/* Gives p the resource limits process 1 of a run starts with (rlimit.c). */
void proc_rlimit_defaults(struct proc *p);

/* Makes the kernel enforce p's limits (the stack's growth, the descriptor
 * table's reach): after they change and after execve (rlimit.c). */
void proc_apply_rlimits(struct proc *p);

/* Installs the hook through which user copies page memory in (fault.c). */
void proc_fault_init(void);

/* --- the table (table.c), for fork, exit and the run ----------------------- */

/* Takes a free slot with its kernel stack mapped: an EMBRYO with a new
 * pid, everything else zero. NULL with *err = -EAGAIN (table full) or
 * -ENOMEM (no frames for the kernel stack). */
struct proc *proc_alloc(int *err);

/* Frees p's kernel stack and slot (its mm must already be freed). */
void proc_free(struct proc *p);

/* Makes l p's current directory, holding it and letting go of the old
 * one (l.node NULL: none, as a process leaves it at exit). */
void proc_set_cwd(struct proc *p, struct fs_loc l);

/* Starts pid numbering from 1 again, for a new run (the table is empty). */
void proc_reset_pids(void);

/* Returns true if no slot is in use. */
bool proc_table_empty(void);

/* Returns table entry i (0 <= i < PROC_MAX), whatever its state (sched.c). */
struct proc *proc_slot(int i);

/* Frees the ZOMBIE p for good (wait, or the run for an orphan): its status
 * is kept for proc_run_args if it is process 1 (exit.c). */
void proc_reap(struct proc *p);

/* Process 1's end, kept when it is reaped for proc_run_args (exit.c). */
struct proc_run_result {
	int status;
	char diagnosis[320];
};
extern struct proc_run_result proc_run_result;

/* Wakes the vfork parent waiting for p, if any: p has exec'd or is ending (fork.c). */
void proc_vfork_release(struct proc *p);

/* Sends signal sig (1..64) to p from process sender_pid (0: the kernel),
 * as kill(2) does once permitted: ignored ones are dropped, a sleeping
 * target is woken (signal.c's delivery happens on its way to user mode). */
void proc_send_signal(struct proc *p, int sig, int sender_pid);

#endif
