/*
 * group.c - the groups of /etc/group (name:password:gid:member,member...),
 * read straight from the file: getgrnam, getgrgid, their _r forms, and
 * getgrent, setgrent, endgrent. The members' names stay in the line,
 * split at the commas; the NULL-terminated array of pointers to them is
 * put in the caller's buffer after the line (ERANGE if it does not fit).
 */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "pwd/dbfile.h"

#define GROUP_FILE "/etc/group"
#define BUF_BYTES 8192

/* gr from a line's four fields, its member array in buf after the line
 * (buf[0, size) holds the line): 1; 0 if the gid is not a number; -1 if
 * the array does not fit. */
static int fill(struct group *gr, const struct db_line *l, char *buf, size_t size)
{
	long gid = db_number(l->field[2]);
	if (gid < 0)
		return 0;
	char *members = l->field[3];
	size_t n = 1 + (*members != 0);
	for (const char *p = members; *p; p++)
		n += *p == ',';
	uintptr_t at = (uintptr_t)(members + strlen(members) + 1);
	at = (at + sizeof(char *) - 1) & ~(uintptr_t)(sizeof(char *) - 1);
	if (at + n * sizeof(char *) > (uintptr_t)(buf + size))
		return -1;
	char **mem = (char **)at;
	size_t k = 0;
	for (char *p = members; *members && p;) {
		mem[k++] = p;
		p = strchr(p, ',');
		if (p)
			*p++ = 0;
	}
	mem[k] = NULL;
	*gr = (struct group){l->field[0], l->field[1], (gid_t)gid, mem};
	return 1;
}

/* What a lookup wants: the group called name (or, name NULL, with gid), into gr. */
struct query {
	const char *name;
	gid_t gid;
	struct group *gr;
};

/* db_take_fn: the line as q->gr, 1 if it is the group q asks for (-1
 * if its members do not fit). */
static int take(const struct db_line *l, char *buf, size_t size, void *query)
{
	struct query *q = query;
	int r = fill(q->gr, l, buf, size);
	return r <= 0	 ? r
	       : q->name ? strcmp(q->gr->gr_name, q->name) == 0
			 : q->gr->gr_gid == q->gid;
}

/* db_take_fn of the walk: every group. */
static int take_any(const struct db_line *l, char *buf, size_t size, void *query)
{
	return fill(query, l, buf, size);
}

/* The group q asks for: as getpwnam_r. */
static int find(struct query *q, char *buf, size_t size, struct group **result)
{
	int found, e = db_find(GROUP_FILE, 4, buf, size, take, q, &found);
	*result = found ? q->gr : NULL;
	return e;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size, struct group **result)
{
	struct query q = {name, 0, gr};
	return find(&q, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result)
{
	struct query q = {NULL, gid, gr};
	return find(&q, buf, size, result);
}

static struct group entry;
static char buffer[BUF_BYTES];

struct group *getgrnam(const char *name)
{
	struct group *r;
	int e = getgrnam_r(name, &entry, buffer, sizeof buffer, &r);
	if (e)
		errno = e;
	return r;
}

struct group *getgrgid(gid_t gid)
{
	struct group *r;
	int e = getgrgid_r(gid, &entry, buffer, sizeof buffer, &r);
	if (e)
		errno = e;
	return r;
}

static FILE *walk; /* getgrent's place in the file */

void setgrent(void)
{
	db_rewind(walk);
}

void endgrent(void)
{
	db_end(&walk);
}

struct group *getgrent(void)
{
	return db_walk(&walk, GROUP_FILE, 4, buffer, sizeof buffer, take_any, &entry) ? &entry
										      : NULL;
}
