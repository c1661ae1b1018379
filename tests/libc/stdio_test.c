/*
 * stdio_test.c - the streams. Every KTAP line of this test goes through
 * stdout's buffer (KTAP_STDIO), and main returns without flushing, so
 * the stream is complete only if exit() flushes stdout; stderr output
 * must not disturb it.
 *
 * test-run: ktap
 */
#define KTAP_STDIO
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

static int vcount(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

static void all(void)
{
	if (ktap_counting) { /* the first pass only counts: print nothing */
		for (int i = 0; i < 13; i++)
			EXPECT(1, "-");
		return;
	}
	EXPECT_EQ(printf("# printf %d%s\n", 42, "!"), 13, "printf returns the byte count");
	EXPECT_EQ(vcount("# vprintf %s\n", "x"), 12, "vprintf returns the byte count");
	EXPECT_EQ(fprintf(stderr, "stdio_test: to stderr %d\n", 7), 24,
		  "fprintf(stderr) returns the byte count");
	EXPECT(puts("# puts") >= 0, "puts");
	EXPECT(fputs("# fputs\n", stdout) >= 0, "fputs");
	EXPECT_EQ(putchar('#') + putchar('\n'), '#' + '\n', "putchar returns the character");
	EXPECT_EQ(fwrite("# fwrite\n", 3, 3, stdout), 3, "fwrite returns the items written");
	char big[1100];
	memset(big, 'x', sizeof big);
	big[0] = '#';
	EXPECT_EQ(printf("%.*s\n", (int)sizeof big, big), 1101, "a line longer than the buffer");
	EXPECT_EQ(fflush(stdout), 0, "fflush(stdout)");
	EXPECT_EQ(dprintf(-1, "lost") == -1 && errno == EBADF, 1,
		  "dprintf to a bad fd is -1 with EBADF");
	errno = EINVAL;
	perror("stdio_test: perror");
	EXPECT(!ferror(stdout) && !ferror(stderr), "no stream error so far");
	EXPECT_EQ(fileno(stdout) * 10 + fileno(stderr), 12, "fileno");
	EXPECT(1, "the stream is complete after exit flushes stdout");
}

int main(void)
{
	ktap_run(all);
	return ktap_failed; /* not flushed here: exit() must do it */
}
