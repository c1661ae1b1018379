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
