/*
 * stdio_probe.c - small behaviours of the standard streams that only show
 * from outside the program, for tests/runner/runner_test.py, which runs
 * it on Linux and on Interlude through pipes and a terminal and compares:
 *
 *   stdio_probe cat     copies standard input to standard output (fread,
 *                       fwrite), every byte, and says how many on stderr
 *   stdio_probe lines   the length of each line of standard input (getline),
 *                       then the first byte of the rest (getc, ungetc, fgets)
 *   stdio_probe crash   a full line and a partial one to stdout, a line
 *                       to stderr, then a NULL write: what a pipe (fully
 *                       buffered) or a terminal (line-buffered) shows
 *   stdio_probe exit    a partial line to stdout, then exit(5): exit flushes
 *   stdio_probe tty     isatty of fds 0-2 and what TCGETS and TIOCGWINSZ
 *                       answer for fd 1, then as crash
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Copies standard input to standard output; 0, or 1 on an error. */
static int cat(void)
{
	static char buf[3000]; /* not a multiple of the buffer size: both paths of fread */
	size_t n, total = 0;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		if (fwrite(buf, 1, n, stdout) != n)
			return 1;
		total += n;
	}
	fprintf(stderr, "%zu bytes\n", total);
	return ferror(stdin) || fflush(stdout) ? 1 : 0;
}

/* Reads lines with getline and says how long each was; "-- stop" ends them. */
static int lines(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0 && strcmp(line, "-- stop\n") != 0)
		printf("%zd\n", n);
	int c = getc(stdin);
	printf("after the stop: %d, pushed back: %d\n", c, ungetc(c, stdin));
	char rest[100];
	printf("fgets: %s", fgets(rest, sizeof rest, stdin) ? rest : "(none)\n");
	n = getline(&line, &cap, stdin);
	printf("at the end: %zd, eof %d\n", n, feof(stdin));
	free(line);
	return 0;
}

/* Prints what a program learns about its terminal. */
static void terminal(void)
{
	printf("isatty: %d %d %d\n", isatty(0), isatty(1), isatty(2));
	unsigned int t[16]; /* Linux's struct termios: four flag words, then c_line and c_cc */
	memset(t, 0, sizeof t);
	if (ioctl(1, TCGETS, t) == 0)
		printf("termios: iflag %#x oflag %#x cflag %#x lflag %#x\n", t[0], t[1], t[2],
		       t[3]);
	else
		printf("termios: none\n");
	struct winsize w;
	if (ioctl(1, TIOCGWINSZ, &w) == 0)
		printf("winsize: %d rows %d columns\n", w.ws_row, w.ws_col);
	else
		printf("winsize: none\n");
}

/* Writes, then dies of a NULL pointer write (SIGSEGV, status 139). */
static void crash(void)
{
	printf("a full line\n");
	printf("a partial line");
	fprintf(stderr, "a line to stderr\n");
	*(volatile int *)0 = 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "cat"))
		return cat();
	if (!strcmp(mode, "lines"))
		return lines();
	if (!strcmp(mode, "crash"))
		crash();
	if (!strcmp(mode, "exit")) {
		printf("a partial line, then exit");
		exit(5);
	}
	if (!strcmp(mode, "tty")) {
		terminal();
		crash();
	}
	fprintf(stderr, "usage: stdio_probe cat|lines|crash|exit|tty\n");
	return 2;
}
