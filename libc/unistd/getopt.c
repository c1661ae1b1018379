/*
 * getopt.c - the command-line option parser, with glibc's behaviour,
 * messages and variables: optarg (the option's argument), optind (the
 * next element of argv to look at, 1 at first; 0 starts again), opterr
 * (0: no messages), optopt (the option character of the last error).
 *
 * An element "-abc" holds three options unless one of them takes an
 * argument ("o:" in optstring), which is then the rest of the element or,
 * if that is empty, the next element ("o::": an optional argument, only
 * the rest of the element). "--" ends the options (it is skipped); "-"
 * and any element not starting with '-' are operands. What happens at an
 * operand depends on the start of optstring, as in glibc:
 *   '+' (or POSIXLY_CORRECT in the environment): POSIX's rule, the
 *       options end at the first operand;
 *   '-': each operand is returned in turn as option 1, optarg pointing at it;
 *   otherwise (GNU's default): the operands are skipped and the options
 *       after them are still parsed; argv is reordered as it goes, so that
 *       at the end all options (with their arguments) come first, then the
 *       operands in their order, and optind is the first operand.
 * With a ':' first (after any '+' or '-'), errors print nothing and a
 * missing argument returns ':' rather than '?'.
 *
 * getopt_long also takes "--name[=value]" elements, named in a table of
 * struct option (an exact name, or a prefix of only one), with glibc's
 * messages for an unknown, ambiguous, missing or unwanted argument.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

/* Where the next option character is in argv[optind] ("" between elements). */
static const char *next = "";
/* The operands skipped so far (GNU order): argv[first_operand..end_operands), just before optind.
 */
static int first_operand = 1, end_operands = 1;

/* Whether arg is an operand rather than options: "-" and words without a leading '-'. */
static int is_operand(const char *arg)
{
	return arg[0] != '-' || arg[1] == '\0';
}

/* Reverses argv[from..to). */
static void reverse(char **argv, int from, int to)
{
	while (from < --to) {
		char *t = argv[from];
		argv[from++] = argv[to];
		argv[to] = t;
	}
}

/*
 * Moves the options just parsed, argv[end_operands..optind), before the
 * operands skipped earlier, argv[first_operand..end_operands), keeping
 * the order within each: a rotation, done as three reversals.
 */
static void options_before_operands(char **argv)
{
	reverse(argv, first_operand, end_operands);
	reverse(argv, end_operands, optind);
	reverse(argv, first_operand, optind);
	first_operand += optind - end_operands;
	end_operands = optind;
}

/*
 * At the start of an element in GNU order: puts the options parsed since
 * the last operands before them, then skips the operands that follow
 * (and a "--", after which everything is an operand). Returns 0 if an
 * option is next, else -1 with optind at the first operand.
 */
static int skip_operands(int argc, char **argv)
{
	if (first_operand != end_operands && end_operands != optind)
		options_before_operands(argv);
	else if (end_operands != optind)
		first_operand = end_operands =
		    optind; /* no operands before: start the range here */
	while (optind < argc && is_operand(argv[optind]))
		optind++;
	end_operands = optind;
	if (optind < argc && strcmp(argv[optind], "--") == 0) {
		optind++; /* "--" goes with the options, everything after it is an operand */
		if (first_operand != end_operands)
			options_before_operands(argv);
		else
			first_operand = optind;
		end_operands = optind = argc;
	}
	if (optind == argc) {
		if (first_operand != end_operands)
			optind = first_operand;
		return -1;
	}
	return 0;
}

/* Prints the start of a long option's error: "prog: option '--name". */
static void long_error(char *const argv[], const char *what, const char *name, const char *rest)
{
	fprintf(stderr, "%s: %s '--%s'%s\n", argv[0], what, name, rest);
}

/*
 * Parses the long option "--" + arg (arg is "name" or "name=value") at
 * argv[optind], which it uses up (and the next element, for a required
 * argument given apart): returns what getopt_long does for it. Names are
 * matched exactly or by a unique prefix (prefixes of several options
 * that all mean the same are not ambiguous), as glibc.
 */
static int long_option(int argc, char *const argv[], const char *arg, const struct option *opts,
		       int *index, int colon)
{
	size_t len = strcspn(arg, "=");
	int found = -1, ambiguous = 0;
	for (int i = 0; opts[i].name; i++) {
		if (strncmp(opts[i].name, arg, len) != 0)
			continue;
		if (strlen(opts[i].name) == len) { /* exact: no doubt */
			found = i, ambiguous = 0;
			break;
		}
		if (found < 0)
			found = i;
		else if (opts[i].has_arg != opts[found].has_arg ||
			 opts[i].flag != opts[found].flag || opts[i].val != opts[found].val)
			ambiguous = 1;
	}
	optind++;
	if (ambiguous) {
		if (opterr && !colon) {
			fprintf(stderr, "%s: option '--%s' is ambiguous; possibilities:", argv[0],
				arg);
			for (int i = 0; opts[i].name; i++)
				if (strncmp(opts[i].name, arg, len) == 0)
					fprintf(stderr, " '--%s'", opts[i].name);
			fprintf(stderr, "\n");
		}
		optopt = 0;
		return '?';
	}
	if (found < 0) {
		if (opterr && !colon)
			fprintf(stderr, "%s: unrecognized option '--%s'\n", argv[0], arg);
		optopt = 0;
		return '?';
	}
	const struct option *o = &opts[found];
	if (arg[len] == '=') {
		if (o->has_arg == no_argument) {
			if (opterr && !colon)
				long_error(argv, "option", o->name, " doesn't allow an argument");
			optopt = o->val;
			return '?';
		}
		optarg = (char *)arg + len + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && !colon)
				long_error(argv, "option", o->name, " requires an argument");
			optopt = o->val;
			return colon ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (index)
		*index = found;
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

/* getopt, and getopt_long when opts is not NULL (see above). */
static int parse(int argc, char *const argv[], const char *optstring, const struct option *opts,
		 int *index)
{
	int posix = getenv("POSIXLY_CORRECT") != NULL, operands_too = 0;
	if (*optstring == '+' || *optstring == '-') {
		posix = *optstring == '+';
		operands_too = *optstring++ == '-';
	}
	int colon = *optstring == ':';
	optarg = NULL;
	if (optind == 0) { /* a new scan, as glibc allows */
		optind = 1;
		next = "";
		first_operand = end_operands = 1;
	}
	if (end_operands > optind) /* the caller moved optind back */
		end_operands = optind;
	if (first_operand > optind)
		first_operand = optind;
	if (*next == '\0') {
		if (!posix && !operands_too) {
			if (skip_operands(argc, (char **)argv))
				return -1;
		} else {
			if (optind >= argc)
				return -1;
			if (is_operand(argv[optind])) {
				if (!operands_too)
					return -1;
				optarg = argv[optind++];
				return 1;
			}
			if (strcmp(argv[optind], "--") == 0) {
				optind++;
				return -1;
			}
		}
		if (opts && argv[optind][1] == '-' && argv[optind][2]) {
			next = "";
			return long_option(argc, argv, argv[optind] + 2, opts, index, colon);
		}
		next = argv[optind] + 1;
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

/* The next option character from argv (see above), '?' or ':' for an error, -1 at the end. */
int getopt(int argc, char *const argv[], const char *optstring)
{
	return parse(argc, argv, optstring, NULL, NULL);
}

/* getopt, and "--name", "--name=value", "--name value" from opts (ended
 * by a zeroed entry): the option's val (or 0, having stored val in
 * *flag), *index set to its entry if index is not NULL. */
int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *opts,
		int *index)
{
	return parse(argc, argv, optstring, opts, index);
}
