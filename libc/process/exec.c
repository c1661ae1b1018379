/*
 * exec.c - execve(2) and the exec family over it: execv (the current
 * environment), execvp (a name without '/' searched for in $PATH, as
 * POSIX's execvp: the directories in turn, ENOENT if in none, and a file
 * found but not executable remembered as EACCES), and execl, execlp.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

#define EXEC_PATH_MAX 4096
#define EXECL_MAX_ARGS 64

/* Runs path with argv and envp; returns only on failure: -1 with errno. */
int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(__syscall3(SYS_execve, path, argv, envp));
}

/* execve with the current environment. */
int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Runs file, searched for in $PATH unless it contains '/'; -1 with errno. */
int execvp(const char *file, char *const argv[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execv(file, argv);
	const char *path = getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	size_t flen = strlen(file);
	bool denied = false;
	for (const char *dir = path;; dir++) {
		const char *end = strchr(dir, ':');
		size_t dlen = end ? (size_t)(end - dir) : strlen(dir);
		char buf[EXEC_PATH_MAX];
		if (dlen + 1 + flen + 1 <= sizeof buf) {
			/* An empty entry is the current directory. */
			memcpy(buf, dlen ? dir : ".", dlen ? dlen : 1);
			size_t n = dlen ? dlen : 1;
			buf[n] = '/';
			memcpy(buf + n + 1, file, flen + 1);
			execv(buf, argv);
			if (errno == EACCES)
				denied = true;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1; /* found, but it would not run: say why */
		}
		if (!end)
			break;
		dir = end;
	}
	errno = denied ? EACCES : ENOENT;
	return -1;
}

/*
 * execl and execlp: collects the variadic arguments after arg0 (ending
 * with NULL) into an argv and runs name with execv or execvp (search);
 * -1 with errno (E2BIG: more than 64).
 */
static int exec_list(bool search, const char *name, const char *arg0, va_list ap)
{
	char *argv[EXECL_MAX_ARGS + 1];
	int n = 0;
	argv[n++] = (char *)arg0;
	while (arg0 && (argv[n] = va_arg(ap, char *)) != NULL)
		if (++n == EXECL_MAX_ARGS) {
			errno = E2BIG;
			return -1;
		}
	argv[n] = NULL;
	return search ? execvp(name, argv) : execv(name, argv);
}

/* execv with the arguments listed, ending with NULL. */
int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	va_start(ap, arg0);
	int r = exec_list(false, path, arg0, ap);
	va_end(ap);
	return r;
}

/* execvp with the arguments listed, ending with NULL. */
int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	va_start(ap, arg0);
	int r = exec_list(true, file, arg0, ap);
	va_end(ap);
	return r;
}
