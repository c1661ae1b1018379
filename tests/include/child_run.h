/*
 * child_run.h - runs a function of a test in a child process, for code
 * that ends the process it runs in (an allocator's report of a heap
 * error, then abort): the parent gets the child's exit status and what
 * it wrote to stderr, and goes on with the next check.
 */
#ifndef TESTS_CHILD_RUN_H
#define TESTS_CHILD_RUN_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs fn(arg) in a child, its stderr into err (errlen bytes with the NUL,
 * the rest dropped); returns its exit status (0 if fn returns), or 128 +
 * the signal that ended it; -1 if there could be no child. */
static inline int child_run(void (*fn)(void *), void *arg, char *err, size_t errlen)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	fflush(stdout); /* not printed twice */
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		fn(arg);
		_exit(0);
	}
	close(fds[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < errlen && (r = read(fds[0], err + got, errlen - 1 - got)) > 0)
		got += (size_t)r;
	err[got] = 0;
	close(fds[0]);
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#endif
