/*
 * popen_test.c - system, popen and pclose: a command's exit status and
 * its death by a signal, reading a command's output and writing its
 * input, the modes, and two popen streams at once (each command sees its
 * own end of file). On Interlude the shell is BusyBox's ash from the
 * boot tree, on Linux /bin/sh; built against glibc too, with the same
 * output.
 *
 * test-run: ktap glibc
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "ktap.h"

static void tests(void)
{
	EXPECT(system(NULL) != 0, "system(NULL): there is a shell");
	int st = system("exit 3");
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 3, "system: the command's exit status");
	st = system("kill -TERM $$");
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "system: a command killed by a signal");
	st = system("no-such-command-here 2>/dev/null");
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 127, "system: a missing command is 127");

	fflush(stdout);
	FILE *f = popen("echo hello; echo world", "r");
	char a[32] = "", b[32] = "";
	EXPECT(f && fgets(a, sizeof a, f) && fgets(b, sizeof b, f) && !fgets(b + 16, 8, f),
	       "popen \"r\": the command's lines, then end of file");
	EXPECT(strcmp(a, "hello\n") == 0 && strcmp(b, "world\n") == 0, "popen \"r\": hello, world");
	EXPECT(f && pclose(f) == 0, "pclose: the command's status 0");

	f = popen("read x; test \"$x\" = sent", "w");
	EXPECT(f && fputs("sent\n", f) >= 0, "popen \"w\": the command reads what we write");
	st = f ? pclose(f) : -1;
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pclose: ... and it got it");
	f = popen("exit 5", "re");
	st = f ? pclose(f) : -1;
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 5, "popen \"re\"; pclose gives exit 5");

	errno = 0;
	EXPECT(popen("true", "rw") == NULL && errno == EINVAL, "popen mode \"rw\": EINVAL");
	errno = 0;
	EXPECT(popen("true", "x") == NULL && errno == EINVAL, "popen mode \"x\": EINVAL");

	FILE *w1 = popen("cat >/dev/null", "w"), *w2 = popen("cat >/dev/null", "w");
	int ok = w1 && w2 && fputs("x\n", w1) >= 0 && fputs("y\n", w2) >= 0;
	EXPECT(ok && pclose(w1) == 0 && pclose(w2) == 0,
	       "two popen streams: each command ends at its own end of file");
}

int main(void)
{
	return ktap_run(tests);
}
