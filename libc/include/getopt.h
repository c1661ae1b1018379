/*
 * getopt.h - getopt and its variables (also declared in <unistd.h>), and
 * getopt_long (libc/unistd/getopt.c, glibc's behaviour and messages).
 */
#ifndef _GETOPT_H
#define _GETOPT_H

extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

/* A long option: its name, whether it takes an argument, and what
 * getopt_long returns for it (val, or 0 after storing val in *flag). */
struct option {
	const char *name;
	int has_arg;
	int *flag;
	int val;
};
#define no_argument 0
#define required_argument 1
#define optional_argument 2
int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
		int *longindex);

#endif
