/*
 * proc_pid_test.c - /proc/<pid>/ of other processes, as ps and pidof read
 * them: a sleeping child's stat (its pid, (name), state S, the parent's
 * pid, its process group), cmdline (the same arguments as the parent's,
 * a fork's) and comm; the child's pid in the listing of /proc; a zombie
 * (dead, not yet waited for): state Z, an empty cmdline; and no
 * /proc/<pid> once it is reaped (ENOENT). Run on Linux and on Interlude
 * and compared.
 *
 * test-run: ktap
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

/* Reads /proc/<pid>/<name> into buf (NUL-terminated); its length or -errno. */
static long slurp(int pid, const char *name, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	long n = 0, r;
	while (n < (long)size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
	close(fd);
	return n;
}

/* Returns 1 if the listing of /proc has the entry for pid. */
static int listed(int pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)))
		if (atoi(e->d_name) == pid)
			found = 1;
	if (d)
		closedir(d);
	return found;
}

int main(int argc, char **argv)
{
	(void)argc;
	ktap_begin(10);
	int p[2];
	if (pipe(p) < 0)
		return 1;
	pid_t child = fork();
	if (child == 0) {
		close(p[0]);
		close(p[1]); /* the parent's read sees EOF: the child is past its start */
		for (;;)
			pause();
	}
	close(p[1]);
	char c;
	(void)read(p[0], &c, 1);
	usleep(20000); /* into its pause */
	char buf[1024], name[64];
	int pid = 0, ppid = 0, pgrp = 0;
	char state = '?';
	long n = slurp(child, "stat", buf, sizeof buf);
	EXPECT(n > 0 && sscanf(buf, "%d %63s %c %d %d", &pid, name, &state, &ppid, &pgrp) == 5,
	       "/proc/<child>/stat reads");
	EXPECT(pid == child && ppid == getpid() && pgrp == getpgrp(),
	       "stat: the child's pid, the parent's pid, the process group");
	EXPECT(state == 'S', "stat: a child in pause() is sleeping (S)");
	char want[64];
	snprintf(want, sizeof want, "(%.15s)",
		 strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0]);
	EXPECT(strcmp(name, want) == 0, "stat: (the program's name)");
	n = slurp(child, "cmdline", buf, sizeof buf);
	EXPECT(n == (long)strlen(argv[0]) + 1 && strcmp(buf, argv[0]) == 0,
	       "cmdline: the arguments, each ended by NUL (a fork's are its parent's)");
	n = slurp(child, "comm", buf, sizeof buf);
	EXPECT(n > 1 && buf[n - 1] == '\n' && strncmp(buf, want + 1, (size_t)n - 1) == 0,
	       "comm: the name and a newline");
	EXPECT(listed(child) && listed(getpid()), "the listing of /proc has both pids");
	kill(child, SIGKILL);
	usleep(50000);
	n = slurp(child, "stat", buf, sizeof buf);
	EXPECT(n > 0 && sscanf(buf, "%*d %*s %c", &state) == 1 && state == 'Z',
	       "killed and not waited for: a zombie (Z)");
	EXPECT(slurp(child, "cmdline", buf, sizeof buf) == 0, "a zombie's cmdline is empty");
	waitpid(child, NULL, 0);
	EXPECT(slurp(child, "stat", buf, sizeof buf) == -ENOENT, "reaped: /proc/<child> is gone");
	return ktap_end();
}
