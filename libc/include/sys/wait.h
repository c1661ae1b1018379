/*
 * sys/wait.h - waiting for child processes: the status macros (Linux's
 * encoding: exit status in bits 8-15, the killing signal in bits 0-6,
 * 0x80 for a core dump, 0x7f in the low byte for a stopped child) and
 * wait, waitpid and wait4 over the wait4 system call (libc/wait/wait.c).
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000

#define WEXITSTATUS(s) (((s)&0xff00) >> 8)
#define WTERMSIG(s) ((s)&0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WCOREDUMP(s) ((s)&0x80)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != 0x7f)
#define WIFSTOPPED(s) (((s)&0xff) == 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

struct rusage; /* <sys/resource.h>; Interlude's is all zeros */

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);

#endif
