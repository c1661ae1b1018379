/*
 * passwd.c - the users of /etc/passwd (name:password:uid:gid:gecos:home:
 * shell, one a line), read straight from the file: getpwnam, getpwuid,
 * their _r forms, and getpwent, setpwent, endpwent. The functions without
 * _r share one static entry that the next call overwrites, as POSIX
 * allows. A user that is not there is NULL with errno untouched, as in
 * glibc.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include "pwd/dbfile.h"

#define PASSWD_FILE "/etc/passwd"
#define LINE_MAX_BYTES 4096

/* pw from a line's seven fields; 0 if its uid or gid is not a number. */
static int fill(struct passwd *pw, const struct db_line *l)
{
	long uid = db_number(l->field[2]), gid = db_number(l->field[3]);
	if (uid < 0 || gid < 0)
		return 0;
	*pw = (struct passwd){l->field[0], l->field[1], (uid_t)uid, (gid_t)gid,
			      l->field[4], l->field[5], l->field[6]};
	return 1;
}

/* The user called name (or, name NULL, with uid) into pw and buf: 0 with
 * *result (NULL if none), or an error number. */
static int find(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t size,
		struct passwd **result)
{
	int saved = errno, too_long = 0, r;
	*result = NULL;
	FILE *f = fopen(PASSWD_FILE, "re");
	if (!f) {
		int e = errno;
		errno = saved;
		return e == ENOENT ? 0 : e;
	}
	struct db_line l;
	while ((r = db_next(f, buf, size, 7, &l)) != 0) {
		if (r < 0) {
			too_long = 1; /* perhaps the one asked for: ERANGE if none matches */
			continue;
		}
		if (fill(pw, &l) && (name ? strcmp(pw->pw_name, name) == 0 : pw->pw_uid == uid)) {
			*result = pw;
			break;
		}
	}
	fclose(f);
	errno = saved;
	return *result || !too_long ? 0 : ERANGE;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	return find(name, 0, pw, buf, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	return find(NULL, uid, pw, buf, size, result);
}

static struct passwd entry;
static char line[LINE_MAX_BYTES];

struct passwd *getpwnam(const char *name)
{
	struct passwd *r;
	int e = getpwnam_r(name, &entry, line, sizeof line, &r);
	if (e)
		errno = e;
	return r;
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *r;
	int e = getpwuid_r(uid, &entry, line, sizeof line, &r);
	if (e)
		errno = e;
	return r;
}

static FILE *walk; /* getpwent's place in the file */

void setpwent(void)
{
	if (walk)
		rewind(walk);
}

void endpwent(void)
{
	if (walk)
		fclose(walk);
	walk = NULL;
}

struct passwd *getpwent(void)
{
	if (!walk && !(walk = fopen(PASSWD_FILE, "re")))
		return NULL;
	struct db_line l;
	int r;
	while ((r = db_next(walk, line, sizeof line, 7, &l)) != 0)
		if (r > 0 && fill(&entry, &l))
			return &entry;
	return NULL;
}
