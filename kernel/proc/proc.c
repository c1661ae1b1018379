/*
 * proc.c - a run: a kernel caller starting a program as process 1 and
 * waiting for it and everything it starts.
 *
 * Theory of operation. proc_run_args makes process 1 of a new run (pids
 * count from 1 again): a table slot and kernel stack (table.c), an
 * address space (struct mm: page tables that share the kernel half, no
 * areas yet, mm_create) into which exec.c loads the ELF segments and
 * writes argc/argv/envp/auxv on the user stack, done here on the
 * caller's stack so that a program that cannot start is refused with an
 * errno and a sentence, and nothing else happens. Its first kernel
 * context (swtch.h) "returns" into first_entry, which enters ring 3 at
 * the program's entry point (user_enter). The caller then becomes the
 * scheduler loop (sched.c) until the table is empty again: process 1
 * may fork, its children exec and fork in turn, orphans go to process 1,
 * and once it has ended the loop reaps whatever is left. Every process
 * frees its address space when it ends (exit.c) and its slot and kernel
 * stack when reaped, so nothing a run allocated outlives it: main.c
 * checks that free frames and live heap objects are back to their values
 * from before.
 */
#include "proc/proc.h"
#include "arch/x86_64/swtch.h"
#include "arch/x86_64/usermode.h"
#include "fs/node.h"
#include "fs/path.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/sched.h"

struct proc *proc_running; /* see proc_current() */
static char last_diagnosis[320];

void proc_set_name(struct proc *p, const struct exec_args *args)
{
	size_t n = args->argc ? strnlen(args->strings, args->size) : 0;
	const char *s = args->strings;
	/* The last path component, as Linux's comm: "/bin/sh" is "sh". */
	for (size_t i = 0; i < n; i++)
		if (args->strings[i] == '/' && i + 1 < n) {
			s = args->strings + i + 1;
		}
	n -= (size_t)(s - args->strings);
	if (n > PROC_NAME_MAX - 1)
		n = PROC_NAME_MAX - 1;
	memmove(p->name, s, n);
	p->name[n] = '\0';
	ksnprintf(p->label, sizeof p->label, "kernel stack of %s[%d]", p->name, p->pid);
}

/* Says why the program cannot start, on the log and for proc_last_diagnosis;
 * returns err, the errno for proc_run to return. */
static int refuse(const char *name, int err, const char *why)
{
	ksnprintf(last_diagnosis, sizeof last_diagnosis, "exec %s: refused: %s", name, why);
	kprintf("%s\n", last_diagnosis);
	return err;
}

int proc_run(const void *image, size_t size, const char *cmdline, int *status)
{
	static char buf[1024];
	struct exec_args args;
	if (!exec_args_from_cmdline(cmdline, buf, sizeof buf, &args))
		return -E2BIG;
	return proc_run_args(image, size, &args, status);
}

/* Process 1's first moment in its own context: into user mode. */
static void first_entry(void)
{
	struct proc *p = proc_current();
	user_enter(p->elf.entry, p->entry_sp);
}

/* Undoes a process 1 that could not start; returns refuse()'s err. */
/* Makes p's current directory the one args names (the root if none):
 * 0, or the walk's error (-ENOTDIR for a file, -ENAMETOOLONG). */
static int start_dir(struct proc *p, const struct exec_args *args)
{
	static char path[FS_PATH_MAX]; /* one program starts at a time */
	struct fs_loc l = fs_root();
	if (args->cwd) {
		if (args->cwd_len >= sizeof path)
			return -ENAMETOOLONG;
		memcpy(path, args->cwd, args->cwd_len);
		path[args->cwd_len] = '\0';
		int r = fs_walk(fs_root(), path, FS_FOLLOW, &l, NULL);
		if (r < 0)
			return r;
		if (!FS_ISDIR(l.node->mode))
			return -ENOTDIR;
	}
	proc_set_cwd(p, l);
	return 0;
}

static int abandon(struct proc *p, int err, const char *why)
{
	char name[PROC_NAME_MAX];
	memcpy(name, p->name, sizeof name);
	proc_running = NULL;
	vmm_activate(vmm_kernel_space());
	if (p->has_mm)
		mm_destroy(&p->mm);
	fd_table_close_all(&p->files); /* none open yet, or the standard three */
	proc_free(p);
	return refuse(name, err, why);
}

int proc_run_args(const void *image, size_t size, const struct exec_args *args, int *status)
{
	last_diagnosis[0] = '\0';
	proc_reset_pids();
	char err[160];
	int r;
	struct proc *p = proc_alloc(&r);
	if (!p)
		return refuse(args->argc ? args->strings : "", -ENOMEM,
			      "out of memory: no frames for its kernel stack");
	proc_set_name(p, args);
	if (args->size > EXEC_ARGS_MAX)
		return abandon(p, -E2BIG, "its arguments and environment are over 256 KiB");
	if (elf_parse(image, size, &p->elf, err, sizeof err) < 0)
		return abandon(p, -ENOEXEC, err);
	if (mm_create(&p->mm) < 0)
		return abandon(p, -ENOMEM, "out of memory: no frame for its page tables");
	p->has_mm = true;
	int e = start_dir(p, args);
	if (e < 0) {
		static char why[160];
		ksnprintf(why, sizeof why, "the directory to start in, \"%.*s\", %s",
			  (int)(args->cwd_len < 100 ? args->cwd_len : 100), args->cwd,
			  e == -ENOTDIR ? "is not a directory (or lies below a file)"
			  : e == -ENOENT
			      ? "does not exist in the tree"
			      : "cannot be reached (too long a path, or a loop of links)");
		return abandon(p, e, why);
	}
	p->exe = fs_find_file(fs_boot_tree.root, image, size);
	if (fd_table_init_std(&p->files) < 0)
		return abandon(p, -ENOMEM, "out of memory: no room for its standard streams");
	p->pgid = p->sid = 1; /* the leader of group 1 and session 1, as init */
	p->umask = 022;
	proc_rlimit_defaults(p);
	proc_running = p; /* for the user copies' demand paging */
	vmm_activate(&p->mm.pt);
	uint64_t sp = 0;
	r = proc_exec_setup(p, image, args, &sp, err, sizeof err);
	if (r < 0)
		return abandon(p, r, err);
	proc_running = NULL;
	vmm_activate(vmm_kernel_space());
	p->entry_sp = sp;
	p->ctx_rsp = swtch_initial_stack(p->kstack_top, first_entry);
	sched_set_runnable(p);

	sched_run(); /* until process 1 and every process of the run have ended */
	usermode_set_fs_base(0);
	*status = proc_run_result.status;
	memcpy(last_diagnosis, proc_run_result.diagnosis, sizeof last_diagnosis);
	return 0;
}

const char *proc_last_diagnosis(void)
{
	return last_diagnosis;
}
