/*
 * mkstemp.c - files and directories with names no one else has: mkstemp,
 * mkostemp, mkdtemp (the template's last six characters, "XXXXXX", become
 * random letters and digits, and the name is taken with O_EXCL or mkdir,
 * so two programs cannot get the same one), and stdio's tmpfile and
 * tmpnam in /tmp. On Interlude's read-only tree they fail as on a
 * read-only Linux mount: -1 or NULL with the error of open or mkdir.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define TRIES 100 /* names tried before giving up (EEXIST), as glibc's TMP_MAX-ish bound */

static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* The template's six X's, or NULL with EINVAL if it does not end with them. */
static char *xs(char *template)
{
	size_t len = strlen(template);
	if (len < 6 || strcmp(template + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return NULL;
	}
	return template + len - 6;
}

/* Six random characters at x (the kernel's random bytes; a counter if it
 * has none, which still gives a new name each try). */
static void fill(char *x)
{
	static unsigned long counter;
	unsigned char r[6];
	int saved = errno;
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		unsigned long v = ++counter * 2654435761u ^ (unsigned long)getpid();
		for (int i = 0; i < 6; i++, v >>= 5)
			r[i] = (unsigned char)v;
	}
	errno = saved;
	for (int i = 0; i < 6; i++)
		x[i] = letters[r[i] % (sizeof letters - 1)];
}

int mkostemp(char *template, int flags)
{
	char *x = xs(template);
	if (!x)
		return -1;
	for (int i = 0; i < TRIES; i++) {
		fill(x);
		int fd = open(template, O_RDWR | O_CREAT | O_EXCL | (flags & ~O_ACCMODE), 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int mkstemp(char *template)
{
	return mkostemp(template, 0);
}

char *mkdtemp(char *template)
{
	char *x = xs(template);
	if (!x)
		return NULL;
	for (int i = 0; i < TRIES; i++) {
		fill(x);
		if (mkdir(template, 0700) == 0)
			return template;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

/* A stream on a new file in /tmp that no name refers to (removed at
 * once: it goes when the stream is closed); NULL with errno. */
FILE *tmpfile(void)
{
	char name[] = "/tmp/tmpfXXXXXX";
	int fd = mkstemp(name);
	if (fd < 0)
		return NULL;
	unlink(name);
	FILE *f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}

/* A name in /tmp that no file has now (in s, or a static buffer if s is
 * NULL); NULL if none was found. Another program may take it before the
 * caller does: mkstemp does not have that race. */
char *tmpnam(char *s)
{
	static char buf[L_tmpnam];
	char *out = s ? s : buf;
	for (int i = 0; i < TRIES; i++) {
		strcpy(out, "/tmp/fileXXXXXX");
		fill(out + strlen(out) - 6);
		int saved = errno;
		if (access(out, F_OK) != 0 && errno == ENOENT) {
			errno = saved;
			return out;
		}
		errno = saved;
	}
	return NULL;
}
