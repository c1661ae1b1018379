/*
 * getopt_long_test.c - getopt_long over argument vectors with long
 * options: "--name", "--name=value", "--name value", optional arguments
 * (only with '='), unique and ambiguous prefixes (a prefix of several
 * options that mean the same is not ambiguous), an exact name among
 * longer ones, flags (0 returned, val stored), longindex, unknown names,
 * unwanted and missing arguments with and without a leading ':', and
 * long options mixed with short ones and operands in GNU order. Each
 * vector's results are a trace, compared; the messages go to stderr.
 * Built against glibc too: the output, stderr included, must be the same.
 *
 * test-run: ktap glibc
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

static int flag;
static const struct option opts[] = {
    {"verbose", no_argument, NULL, 'v'},     {"output", required_argument, NULL, 'o'},
    {"color", optional_argument, NULL, 'c'}, {"colour", optional_argument, NULL, 'c'},
    {"flag", no_argument, &flag, 42},	     {"file", required_argument, NULL, 'f'},
    {"fi", no_argument, NULL, 'i'},	     {NULL, 0, NULL, 0},
};

/* Runs getopt_long over the NULL-terminated words (argv[0] is "prog");
 * returns the trace and argv's order after. */
static const char *trace(const char *optstring, const char **words)
{
	static char out[512];
	char *argv[16];
	int argc = 0;
	argv[argc++] = (char *)"prog";
	while (*words)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	optind = 0;
	flag = 0;
	out[0] = '\0';
	int c, index;
	while (index = -1, (c = getopt_long(argc, argv, optstring, opts, &index)) != -1) {
		char item[96];
		if (c == '?' || c == ':')
			snprintf(item, sizeof item, "%c(%d) ", c, optopt);
		else if (c == 0)
			snprintf(item, sizeof item, "flag=%d[%d] ", flag, index);
		else
			snprintf(item, sizeof item, "%c%s%s[%d] ", c, optarg ? "=" : "",
				 optarg ? optarg : "", index);
		strcat(out, item);
	}
	char end[32];
	snprintf(end, sizeof end, "end@%d |", optind);
	strcat(out, end);
	for (int i = 1; i < argc; i++) {
		strcat(out, " ");
		strcat(out, argv[i]);
	}
	return out;
}

#define T(optstring, want, ...)                                                                    \
	do {                                                                                       \
		const char *w_[] = {__VA_ARGS__, NULL};                                            \
		fflush(stdout);                                                                    \
		EXPECT_STR(trace(optstring, w_), want, "getopt_long(\"%s\")", optstring);          \
	} while (0)

int main(void)
{
	ktap_begin(17);
	T("vo:", "v[0] o=x[1] end@4 | --verbose --output x", "--verbose", "--output", "x");
	T("vo:", "o=x[1] end@2 | --output=x", "--output=x");
	T("vo:", "v[0] v[-1] end@3 | --verb -v", "--verb", "-v");
	T("vo:", "c[2] c=red[2] end@3 | --color --color=red", "--color", "--color=red");
	T("vo:", "c[2] c=blue[2] end@3 | --col --col=blue", "--col", "--col=blue");
	T("vo:", "c[2] end@2 | --color red", "--color", "red");
	T("vo:", "flag=42[4] end@2 | --flag", "--flag");
	T("vo:", "i[6] end@2 | --fi", "--fi");
	T("vo:", "?(0) end@2 | --f", "--f");
	T("vo:", "?(0) end@2 | --nosuch=1", "--nosuch=1");
	T("vo:", "?(118) end@2 | --verbose=1", "--verbose=1");
	T("vo:", "?(111) end@2 | --output", "--output");
	T(":vo:", ":(111) end@2 | --output", "--output");
	T(":vo:", "?(0) end@2 | --nosuch", "--nosuch");
	T("vo:", "v[0] o=y[-1] f=z[5] end@6 | --verbose -o y --file z a b", "a", "--verbose", "-o",
	  "y", "b", "--file", "z");
	T("vo:", "v[0] end@3 | --verbose -- --output", "--verbose", "--", "--output");
	T("+vo:", "end@1 | a --verbose", "a", "--verbose");
	return ktap_end();
}
