/* dbfile.c - the lines of /etc/passwd and /etc/group, split into fields. */
#include <errno.h>
#include <string.h>
#include "pwd/dbfile.h"

int db_next(FILE *f, char *buf, size_t size, int want, struct db_line *l)
{
	while (fgets(buf, (int)size, f)) {
		size_t len = strlen(buf);
		if (len && buf[len - 1] == '\n') {
			buf[--len] = 0;
		} else if (!feof(f)) { /* longer than buf: skip the rest, say ERANGE */
			int c;
			while ((c = getc(f)) != EOF && c != '\n')
				;
			errno = ERANGE;
			return -1;
		}
		if (buf[0] == '#' || buf[0] == 0)
			continue;
		l->n = 0;
		for (char *p = buf;;) {
			if (l->n < (int)(sizeof l->field / sizeof *l->field))
				l->field[l->n] = p;
			l->n++;
			char *colon = strchr(p, ':');
			if (!colon)
				break;
			*colon = 0;
			p = colon + 1;
		}
		if (l->n == want)
			return 1;
	}
	return 0;
}

long db_number(const char *s)
{
	if (!*s)
		return -1;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 0x7fffffffL)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int db_find(const char *path, int fields, char *buf, size_t size, db_take_fn *take, void *query,
	    int *found)
{
	int saved = errno, too_long = 0, r;
	*found = 0;
	FILE *f = fopen(path, "re");
	if (!f) {
		int e = errno;
		errno = saved;
		return e == ENOENT ? 0 : e;
	}
	struct db_line l;
	while ((r = db_next(f, buf, size, fields, &l)) != 0) {
		if (r > 0)
			r = take(&l, buf, size, query);
		if (r < 0)
			too_long = 1; /* perhaps the one asked for: ERANGE if none matches */
		if (r > 0) {
			*found = 1;
			break;
		}
	}
	fclose(f);
	errno = saved;
	return *found || !too_long ? 0 : ERANGE;
}

int db_walk(FILE **walk, const char *path, int fields, char *buf, size_t size, db_take_fn *take,
	    void *query)
{
	if (!*walk && !(*walk = fopen(path, "re")))
		return 0;
	struct db_line l;
	int r;
	while ((r = db_next(*walk, buf, size, fields, &l)) != 0)
		if (r > 0 && take(&l, buf, size, query) > 0)
			return 1;
	return 0;
}

void db_rewind(FILE *walk)
{
	if (walk)
		rewind(walk);
}

void db_end(FILE **walk)
{
	if (*walk)
		fclose(*walk);
	*walk = NULL;
}
