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

/* The group called name (or, name NULL, with gid): as getpwnam_r. */
static int find(const char *name, gid_t gid, struct group *gr, char *buf, size_t size,
		struct group **result)
{
	int saved = errno, too_long = 0, r;
	*result = NULL;
	FILE *f = fopen(GROUP_FILE, "re");
	if (!f) {
		int e = errno;
		errno = saved;
		return e == ENOENT ? 0 : e;
	}
	struct db_line l;
	while ((r = db_next(f, buf, size, 4, &l)) != 0) {
		if (r < 0 || (r = fill(gr, &l, buf, size)) < 0) {
			too_long = 1;
			continue;
		}
		if (r && (name ? strcmp(gr->gr_name, name) == 0 : gr->gr_gid == gid)) {
			*result = gr;
			break;
		}
	}
	fclose(f);
	errno = saved;
	return *result || !too_long ? 0 : ERANGE;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size, struct group **result)
{
	return find(name, 0, gr, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result)
{
	return find(NULL, gid, gr, buf, size, result);
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
	if (walk)
		rewind(walk);
}

void endgrent(void)
{
	if (walk)
		fclose(walk);
	walk = NULL;
}

struct group *getgrent(void)
{
	if (!walk && !(walk = fopen(GROUP_FILE, "re")))
		return NULL;
	struct db_line l;
	int r;
	while ((r = db_next(walk, buffer, sizeof buffer, 4, &l)) != 0)
		if (r > 0 && fill(&entry, &l, buffer, sizeof buffer) > 0)
			return &entry;
	return NULL;
}
