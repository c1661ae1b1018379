/*
 * system.c - running a shell command: system, popen and pclose, with
 * /bin/sh -c (on Interlude, BusyBox's ash from the boot tree).
 *
 * system waits for the command as POSIX says a caller must see it: while
 * it runs, SIGCHLD is blocked (so a handler cannot reap it first) and
 * SIGINT and SIGQUIT are ignored in the caller (a ^C is the command's),
 * and the child starts with the caller's own dispositions and mask back.
 * popen connects the command's standard output (mode "r") or input ("w")
 * to a stream by a pipe; pclose closes it and waits for the command. A
 * child of popen closes the pipes of the other popen streams, so that
 * each command's end of file comes when its own caller closes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define MAX_POPEN 16 /* open popen streams at once */

/* Runs cmd with sh -c in this (child) process; never returns. */
static _Noreturn void exec_shell(const char *cmd)
{
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	execve(SHELL, argv, environ);
	_exit(127); /* as the shell says when it cannot run a command */
}

int system(const char *cmd)
{
	if (!cmd) /* is there a shell? */
		return access(SHELL, X_OK) == 0;
	struct sigaction ignore = {.sa_handler = SIG_IGN}, old_int, old_quit;
	sigset_t chld, old_mask;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old_mask);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		exec_shell(cmd);
	}
	int saved = errno;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		saved = errno;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	errno = saved;
	return pid > 0 ? status : -1;
}

/* The open popen streams and their commands' pids. */
static struct {
	FILE *f;
	pid_t pid;
} opened[MAX_POPEN];

FILE *popen(const char *cmd, const char *mode)
{
	int reading = mode[0] == 'r', cloexec = mode[0] && mode[1] == 'e';
	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && !cloexec) || (cloexec && mode[2])) {
		errno = EINVAL;
		return NULL;
	}
	int slot = 0;
	while (slot < MAX_POPEN && opened[slot].f)
		slot++;
	if (slot == MAX_POPEN) {
		errno = EMFILE;
		return NULL;
	}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return NULL;
	int mine = reading ? fds[0] : fds[1], theirs = reading ? fds[1] : fds[0];
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < MAX_POPEN; i++) /* the other commands' pipes */
			if (opened[i].f)
				close(fileno(opened[i].f));
		int want = reading ? 1 : 0;
		if (theirs == want)
			fcntl(theirs, F_SETFD, 0);
		else
			dup2(theirs, want); /* without FD_CLOEXEC */
		exec_shell(cmd);
	}
	int saved = errno;
	close(theirs);
	if (pid < 0) {
		close(mine);
		errno = saved;
		return NULL;
	}
	if (!cloexec)
		fcntl(mine, F_SETFD, 0);
	FILE *f = fdopen(mine, reading ? "r" : "w");
	if (!f) {
		close(mine);
		waitpid(pid, NULL, 0);
		return NULL;
	}
	opened[slot].f = f;
	opened[slot].pid = pid;
	return f;
}

int pclose(FILE *f)
{
	int slot = 0;
	while (slot < MAX_POPEN && opened[slot].f != f)
		slot++;
	if (slot == MAX_POPEN) {
		errno = ECHILD; /* not a popen stream, as glibc answers */
		return -1;
	}
	pid_t pid = opened[slot].pid;
	opened[slot].f = NULL;
	fclose(f);
	int status;
	pid_t r;
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	return r < 0 ? -1 : status;
}
