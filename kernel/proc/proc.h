/*
 * proc.h - user processes.
 *
 * Interlude runs one user program at a time, to completion: proc_run
 * builds an address space from an ELF image, enters user mode, and
 * returns when the program exits or is killed. While it runs, the program
 * reaches the kernel only through system calls (sys/) and faults
 * (proc/fault.c); both find it as proc_current().
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/fd.h"
#include "mm/fault.h"
#include "proc/elf.h"
#include "proc/signal.h"
#include "lib/setjmp.h" /* kjmp_buf */

#define PROC_NAME_MAX 32
#define PROC_KSTACK_ORDER 2		/* 16 KiB kernel stack: KSTACK_PAGES in memlayout.h */
#define PROC_STACK_INITIAL (128 * 1024) /* the stack area at start; it grows */
#define PROC_CWD_MAX 256		/* the current directory's path, NUL included */

struct proc {
	int pid;
	char name[PROC_NAME_MAX];
	struct mm mm; /* address space: page tables and areas (image, heap, mmaps, stack) */
	struct elf_image elf;
	uint64_t kstack;	/* physical base of the kernel stack, mapped at KSTACK_BASE */
	kjmp_buf exit_jmp;	/* back into proc_run when the program ends */
	int exit_status;	/* as a shell shows it: code, or 128 + signal */
	char diagnosis[320];	/* why the kernel killed it; "" if it exited */
	struct sigstate sig;	/* handlers, blocked mask, alternate stack */
	struct fd_table files;	/* open file descriptors (fs/fd.h) */
	char cwd[PROC_CWD_MAX]; /* the current directory, an absolute path without ".." */
};

/* Returns the running process, or NULL when none runs (inline: every
 * system call asks). */
extern struct proc *proc_running;
static inline struct proc *proc_current(void)
{
	return proc_running;
}

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
};
#define EXEC_ARGS_MAX (256 * 1024) /* bytes of strings: more is -E2BIG */

/* proc_run with the arguments and environment given exactly. */
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

/* Ends the current process with a shell-style exit status; never returns. */
__attribute__((noreturn)) void proc_exit(int status);

/*
 * Loads the ELF segments and builds the initial stack (exec.c); sets *sp
 * to the initial stack pointer and returns 0, or -ENOMEM or -ENOEXEC (the
 * segments do not fit the address space, e.g. over the stack), with a
 * sentence saying what failed in why[0, whylen).
 */
int proc_exec_setup(struct proc *p, const void *image, const struct exec_args *args, uint64_t *sp,
		    char *why, size_t whylen);

/* Splits cmdline as proc_run does into buf[0, size); false if it does not fit. */
bool exec_args_from_cmdline(const char *cmdline, char *buf, size_t size, struct exec_args *out);

/* Installs the hook through which user copies page memory in (fault.c). */
void proc_fault_init(void);

#endif
