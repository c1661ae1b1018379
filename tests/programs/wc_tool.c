/*
 * wc_tool.c - a wc-like tool with getopt: counts the lines, words and
 * bytes of standard input; -l, -w, -c choose the counts, -n NAME labels
 * the output, -v prints the options as parsed. Unknown options and
 * missing arguments are reported by getopt itself.
 * args: -lw first -v -n stdin -x -c -- extra words
 */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int lines = 0, words = 0, bytes = 0, verbose = 0, opt;
	const char *name = "-";
	while ((opt = getopt(argc, argv, "lwcn:v")) != -1) {
		switch (opt) {
		case 'l': lines = 1; break;
		case 'w': words = 1; break;
		case 'c': bytes = 1; break;
		case 'n': name = optarg; break;
		case 'v': verbose = 1; break;
		default: fprintf(stderr, "(option '%c' ignored)\n", optopt);
		}
	}
	if (!lines && !words && !bytes)
		lines = words = bytes = 1;
	if (verbose) {
		printf("options: l=%d w=%d c=%d name=%s\n", lines, words, bytes, name);
		for (int i = optind; i < argc; i++)
			printf("operand %d: %s\n", i - optind, argv[i]);
	}
	long nl = 0, nw = 0, nc = 0;
	int c, inword = 0;
	while ((c = getchar()) != EOF) {
		nc++;
		if (c == '\n')
			nl++;
		if (isspace(c))
			inword = 0;
		else if (!inword) {
			inword = 1;
			nw++;
		}
	}
	if (lines)
		printf("%7ld", nl);
	if (words)
		printf("%8ld", nw);
	if (bytes)
		printf("%8ld", nc);
	printf(" %s\n", name);
	return 0;
}
