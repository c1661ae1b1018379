/*
 * getopt_test.c - getopt over argument vectors of each shape: grouped
 * options, attached and separate arguments, optional arguments, "--",
 * "-", operands (where POSIX's order, '+', stops; and GNU's default
 * order, which goes on and moves the operands to the end of argv),
 * unknown options and missing arguments with and without a leading ':'
 * and with opterr = 0, restarting with optind = 0, the '-' mode. Each vector's
 * results are written as a trace ("a b=x ? end@3") and compared; the error
 * messages go to stderr, as glibc writes them. Built against glibc too
 * (test-run glibc): the output, stderr included, must be the same.
 *
 * test-run: ktap glibc
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

/* Runs getopt over the NULL-terminated words (argv[0] is "prog"); returns the trace, then argv's
 * order after. */
static const char *trace(const char *optstring, const char **words)
{
	static char out[512];
	char *argv[16];
	int argc = 0;
	argv[argc++] = (char *)"prog";
	while (*words)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	optind = 0; /* a fresh scan each time */
	out[0] = '\0';
	int c;
	while ((c = getopt(argc, argv, optstring)) != -1) {
		char item[64];
		if (c == '?' || c == ':')
			snprintf(item, sizeof item, "%c(%c) ", c, optopt);
		else if (c == 1)
			snprintf(item, sizeof item, "operand=%s ", optarg);
		else if (optarg)
			snprintf(item, sizeof item, "%c=%s ", c, optarg);
		else
			snprintf(item, sizeof item, "%c ", c);
		strcat(out, item);
	}
	char end[32];
	snprintf(end, sizeof end, "end@%d", optind);
	strcat(out, end);
	if (optstring[0] != '+') { /* GNU order may have moved the words: show argv */
		strcat(out, " |");
		for (int i = 1; i < argc; i++) {
			strcat(out, " ");
			strcat(out, argv[i]);
		}
	}
	return out;
}

#define T(opts, want, ...)                                                                         \
	do {                                                                                       \
		const char *w_[] = {__VA_ARGS__, NULL};                                            \
		EXPECT_STR(trace(opts, w_), want, "getopt(\"%s\")", opts);                         \
	} while (0)

static void tests(void)
{
	const char *none[] = {NULL};
	EXPECT_STR(trace("+ab", none), "end@1", "no arguments at all");
	T("+ab", "a b end@3", "-a", "-b");
	T("+ab", "a b a end@2", "-aba");
	T("+ab", "a end@2", "-a", "file", "-b");
	T("+ab", "a end@3", "-a", "--", "-b");
	T("+ab", "end@1", "-", "-a");
	T("+o:v", "o=out v end@3", "-oout", "-v");
	T("+o:v", "o=out v end@4", "-o", "out", "-v");
	T("+o:v", "v o=-v end@4", "-v", "-o", "-v");
	T("+vo:", "v o=x end@2", "-vox");
	T("+o::v", "o=x o v end@4", "-ox", "-o", "-v");
	T("+ab", "a ?(x) b end@2", "-axb");
	T("+ab", "?(c) a end@3", "-c", "-a");
	T("+o:", "?(o) end@2", "-o");
	T("+:o:", ":(o) end@2", "-o");
	T("+:ab", "?(x) end@2", "-x");
	T("+a:b", "b ?(a) end@3", "-b", "-a");
	T("+ab", "?(:) end@2", "-:");
	T("-ab", "a operand=file b end@4 | -a file -b", "-a", "file", "-b");
	T("-a", "operand=x end@3 | x -- y", "x", "--", "y");

	/* GNU's default order: options after operands are found, and argv ends with the operands */
	T("ab:", "a b=val end@4 | -a -b val file x y", "file", "-a", "x", "-b", "val", "y");
	T("ab:", "a b=v end@3 | -a -bv f1 f2 f3", "f1", "-a", "f2", "f3", "-bv");
	T("ab", "a end@3 | -a -- f1 -b", "f1", "-a", "--", "-b");
	T("ab", "a end@3 | -a -- f1 -b", "-a", "f1", "--", "-b");
	T("ab", "end@1 | f1 f2", "f1", "f2");
	T("ab", "a b end@3 | -a -b", "-a", "-b");
	T("ab", "a ?(x) end@2 | -ax - y", "-", "-ax", "y");
	T("o:", "?(o) end@2 | -o f1", "f1", "-o");
	T("ab", "end@2 | --", "--");

	/* POSIXLY_CORRECT in the environment: POSIX's order without a '+' */
	extern char **environ;
	char **saved = environ;
	static char *posix_env[] = {"POSIXLY_CORRECT=1", NULL};
	environ = posix_env;
	T("ab", "a end@2 | -a file -b", "-a", "file", "-b");
	environ = saved;
	T("ab", "a b end@3 | -a -b file", "-a", "file", "-b");
	opterr = 0;
	T("+ab", "?(z) end@2", "-z");
	T("+o:", "?(o) end@2", "-o");
	opterr = 1;
	EXPECT(optopt == 'o', "optopt keeps the last error's character");
}

int main(void)
{
	fflush(stdout);
	return ktap_run(tests);
}
