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

/* Turns the fields of a line (in buf[0, size)) into the caller's entry:
 * 1 if it is one the query wants, 0 if not, -1 if it does not fit buf. */
typedef int db_take_fn(const struct db_line *l, char *buf, size_t size, void *query);

/*
 * The first line of the file path with `fields` fields that take accepts
 * (the line in buf): 0 with *found 1 or 0, or an error number: open's
 * (a missing file is no entry, 0), or ERANGE if no line matched and some
 * did not fit buf. errno is left as it was.
 */
int db_find(const char *path, int fields, char *buf, size_t size, db_take_fn *take, void *query,
	    int *found);

/* The next line of the walk *walk (opened on path at its first call) that
 * take accepts: 1, or 0 at the end (or if path cannot be opened). */
int db_walk(FILE **walk, const char *path, int fields, char *buf, size_t size, db_take_fn *take,
	    void *query);

/* setpwent, setgrent: the walk starts again; endpwent, endgrent: it ends. */
void db_rewind(FILE *walk);
void db_end(FILE **walk);

#endif
