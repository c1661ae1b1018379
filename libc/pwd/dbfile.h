/*
 * pwd/dbfile.h - reading the lines of /etc/passwd and /etc/group into
 * fields: one line at a time from a stream the caller keeps, split at
 * ':' in place (libc/pwd/dbfile.c).
 */
#ifndef LIBC_PWD_DBFILE_H
#define LIBC_PWD_DBFILE_H

#include <stddef.h>
#include <stdio.h>

/* A line's fields: pointers into the line (the first 8), and how many it has. */
struct db_line {
	char *field[8];
	int n;
};

/*
 * Reads f's next line with exactly `want` fields into buf[0, size) (a
 * line without them, or a comment, is skipped). 1 with *l filled in; 0 at
 * the end of the file; -1 with ERANGE if a line does not fit buf.
 */
int db_next(FILE *f, char *buf, size_t size, int want, struct db_line *l);

/* The number in s if it is all digits (and not empty), else -1. */
long db_number(const char *s);

#endif
