/*
 * getopt.c - the POSIX command-line option parser, with glibc's messages
 * and variables: optarg (the option's argument), optind (the next element
 * of argv to look at, 1 at first; 0 starts again), opterr (0: no
 * messages), optopt (the option character of the last error).
 *
 * An element "-abc" holds three options unless one of them takes an
 * argument ("o:" in optstring), which is then the rest of the element or,
 * if that is empty, the next element ("o::": an optional argument, only
 * the rest of the element). The options end at "--" (skipped), at "-",
 * and at the first element that does not start with '-': argv is not
 * reordered, as POSIX says and as glibc does with a '+' at the start of
 * optstring or POSIXLY_CORRECT set (glibc's default permutes argv, moving
 * the options before the operands; this getopt does not). With a '-' at
 * the start of optstring, each operand is returned as option 1 with
 * optarg pointing at it (a GNU extension). With a ':' first (after any
 * '+' or '-'), errors print nothing and a missing argument returns ':'.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

/* Where the next option character is in argv[optind] ("" between elements). */
static const char *next = "";

/* The next option character from argv (see above), '?' or ':' for an error, -1 at the end. */
int getopt(int argc, char *const argv[], const char *optstring)
{
	int operands_too = 0, colon;
	if (*optstring == '+' || *optstring == '-')
		operands_too = *optstring++ == '-';
	colon = *optstring == ':';
	optarg = NULL;
	if (optind == 0) { /* a new scan, as glibc allows */
		optind = 1;
		next = "";
	}
	if (*next == '\0') {
		if (optind >= argc)
			return -1;
		const char *arg = argv[optind];
		if (arg[0] != '-' || arg[1] == '\0') {
			if (!operands_too)
				return -1;
			optarg = argv[optind++];
			return 1;
		}
		if (strcmp(arg, "--") == 0) {
			optind++;
			return -1;
		}
		next = arg + 1;
	}

	int c = (unsigned char)*next++;
	const char *spec = c == ':' ? NULL : strchr(optstring, c);
	if (*next == '\0')
		optind++; /* this element is used up */
	if (spec == NULL) {
		optopt = c;
		if (opterr && !colon)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		return '?';
	}
	if (spec[1] != ':')
		return c;
	if (*next != '\0') { /* the argument is the rest of this element */
		optarg = (char *)next;
		optind++;
	} else if (spec[2] == ':') {
		optarg = NULL; /* an optional argument must be attached */
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		optopt = c;
		next = "";
		if (opterr && !colon)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
		return colon ? ':' : '?';
	}
	next = "";
	return c;
}
