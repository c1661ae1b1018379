/*
 * proc.c - running a user program from start to exit.
 *
 * Theory of operation. proc_run creates an address space (struct mm:
 * page tables that share the kernel half, no areas yet, mm_create) and a
 * kernel stack for the process's system calls and faults; exec.c loads
 * the ELF segments and writes argc/argv/envp/auxv on the user stack. It
 * then saves its own context with ksetjmp and enters ring 3 (user_enter).
 * The program runs until it calls exit or is killed by a fault; either
 * way proc_exit jumps back (klongjmp) to proc_run's saved context, on the
 * boot stack, which tears everything down: the areas (which unmaps and
 * frees every frame), the page tables, the kernel stack. Nothing a
 * process allocated outlives it; main.c checks that free frames and live
 * heap objects are back to their values from before.
 */
#include "proc/proc.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/mm_check.h"
#include "mm/pmm.h"

struct proc *proc_running; /* see proc_current() */
static char last_diagnosis[320];
static int next_pid = 1;

/* Copies the program name: argv[0], cut to fit ("" without arguments). */
static void set_name(struct proc *p, const struct exec_args *args)
{
	size_t n = args->argc ? strnlen(args->strings, args->size) : 0;
	if (n > PROC_NAME_MAX - 1)
		n = PROC_NAME_MAX - 1;
	memcpy(p->name, args->strings, n);
	p->name[n] = '\0';
}

/* Frees everything p holds; p must not be the active address space. */
static void teardown(struct proc *p)
{
	/* The exit path is a checkpoint: the areas and page tables as the program left them. */
	if (mm_check_enabled)
		mm_check_or_panic(&p->mm, p->name);
	mm_destroy(&p->mm); /* unmaps every area (frames go back), frees the page tables */
	fd_table_close_all(&p->files);
	vmm_unmap(vmm_kernel_space(), KSTACK_BASE, KSTACK_PAGES);
	pmm_free(p->kstack, PROC_KSTACK_ORDER);
}

/* Says why p cannot start, on the log and for proc_last_diagnosis;
 * returns err, the errno for proc_run to return. */
static int refuse(struct proc *p, int err, const char *why)
{
	ksnprintf(last_diagnosis, sizeof last_diagnosis, "exec %s: refused: %s", p->name, why);
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

int proc_run_args(const void *image, size_t size, const struct exec_args *args, int *status)
{
	static struct proc proc; /* one process at a time */
	struct proc *p = &proc;
	memset(p, 0, sizeof *p);
	last_diagnosis[0] = '\0';
	set_name(p, args);
	if (args->size > EXEC_ARGS_MAX)
		return refuse(p, -E2BIG, "its arguments and environment are over 256 KiB");

	char err[160];
	if (elf_parse(image, size, &p->elf, err, sizeof err) < 0)
		return refuse(p, -ENOEXEC, err);
	/* The kernel stack: frames mapped above a guard page (memlayout.h). */
	p->kstack = pmm_alloc(PROC_KSTACK_ORDER);
	if (!p->kstack)
		return refuse(p, -ENOMEM, "out of memory: no frames for its kernel stack");
	if (vmm_map(vmm_kernel_space(), KSTACK_BASE, p->kstack, KSTACK_PAGES, VM_WRITE) < 0 ||
	    mm_create(&p->mm) < 0) {
		vmm_unmap(vmm_kernel_space(), KSTACK_BASE, KSTACK_PAGES);
		pmm_free(p->kstack, PROC_KSTACK_ORDER);
		return refuse(p, -ENOMEM, "out of memory: no frame for its page tables");
	}
	p->pid = next_pid++;
	memcpy(p->cwd, "/", 2);
	if (fd_table_init_std(&p->files) < 0) {
		teardown(p);
		return refuse(p, -ENOMEM, "out of memory: no room for its standard streams");
	}

	proc_running = p;
	vmm_activate(&p->mm.pt);
	uint64_t sp = 0;
	int r = proc_exec_setup(p, image, args, &sp, err, sizeof err);
	if (r < 0) {
		proc_running = NULL;
		vmm_activate(vmm_kernel_space());
		teardown(p);
		return refuse(p, r, err);
	}
	usermode_set_kernel_stack(KSTACK_TOP);
	usermode_set_fs_base(0);
	if (ksetjmp(p->exit_jmp) == 0)
		user_enter(p->elf.entry, sp);

	/* Back from proc_exit: the program is over. */
	proc_running = NULL;
	usermode_set_fs_base(0);
	vmm_activate(vmm_kernel_space());
	teardown(p);
	*status = p->exit_status;
	memcpy(last_diagnosis, p->diagnosis, sizeof last_diagnosis);
	return 0;
}

const char *proc_last_diagnosis(void)
{
	return last_diagnosis;
}

void proc_exit(int status)
{
	proc_running->exit_status = status;
	klongjmp(proc_running->exit_jmp, 1);
}
