/*
 * getopt.h - getopt and its variables (also declared in <unistd.h>). Only
 * getopt exists here (libc/unistd/getopt.c, glibc's behaviour): not getopt_long.
 */
#ifndef _GETOPT_H
#define _GETOPT_H

extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif
