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

/* What a lookup wants: the user called name (or, name NULL, with uid), into pw. */
struct query {
	const char *name;
	uid_t uid;
	struct passwd *pw;
};

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

/* db_take_fn: the line as q->pw, 1 if it is the user q asks for. */
static int take(const struct db_line *l, char *buf, size_t size, void *query)
{
	(void)buf, (void)size;
	struct query *q = query;
	return fill(q->pw, l) &&
	       (q->name ? strcmp(q->pw->pw_name, q->name) == 0 : q->pw->pw_uid == q->uid);
}

/* db_take_fn of the walk: every user. */
static int take_any(const struct db_line *l, char *buf, size_t size, void *query)
{
	(void)buf, (void)size;
	return fill(query, l);
}

/* The user q asks for into pw and buf: 0 with *result (NULL if none), or an error number. */
static int find(struct query *q, char *buf, size_t size, struct passwd **result)
{
	int found, e = db_find(PASSWD_FILE, 7, buf, size, take, q, &found);
	*result = found ? q->pw : NULL;
	return e;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	struct query q = {name, 0, pw};
	return find(&q, buf, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	struct query q = {NULL, uid, pw};
	return find(&q, buf, size, result);
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
	db_rewind(walk);
}

void endpwent(void)
{
	db_end(&walk);
}

struct passwd *getpwent(void)
{
	return db_walk(&walk, PASSWD_FILE, 7, line, sizeof line, take_any, &entry) ? &entry : NULL;
}
