/*
 * realpath.c - the canonical absolute name of a path: from the current
 * directory (or /), each component in turn: "." stays, ".." goes up, a
 * symbolic link is replaced by its target (an absolute target starts
 * again from /), at most 40 links (ELOOP, as Linux's own limit); every
 * component must exist (ENOENT) and all but the last be directories
 * (ENOTDIR). glibc's answers, for the same reasons.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS 40

/* Takes the last component off the absolute path out[0, *len) (which
 * stays "" for /, the root). */
static void up(const char *out, size_t *len)
{
	while (*len > 0 && out[*len - 1] != '/')
		(*len)--;
	if (*len > 0)
		(*len)--;
}

/* rest becomes target followed by what was left of it after `after`
 * (which starts with '/' or is ""); 0, or -1 with ENAMETOOLONG. */
static int splice(char *rest, const char *target, size_t tlen, const char *after)
{
	size_t alen = strlen(after);
	if (tlen + alen >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memmove(rest + tlen, after, alen + 1);
	memcpy(rest, target, tlen);
	return 0;
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	char out[PATH_MAX], rest[PATH_MAX], target[PATH_MAX];
	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path || strlen(path) >= PATH_MAX) {
		errno = *path ? ENAMETOOLONG : ENOENT;
		return NULL;
	}
	size_t len = 0; /* out[0, len): the absolute path so far, "" meaning / */
	if (path[0] != '/') {
		if (!getcwd(out, sizeof out))
			return NULL;
		len = strlen(out) == 1 ? 0 : strlen(out);
	}
	strcpy(rest, path);
	int links = 0;
	for (char *p = rest; *p;) {
		while (*p == '/')
			p++;
		char *end = p;
		while (*end && *end != '/')
			end++;
		size_t n = (size_t)(end - p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			p = end;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			up(out, &len);
			p = end;
			continue;
		}
		if (len + 1 + n >= PATH_MAX) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		out[len] = '/';
		memcpy(out + len + 1, p, n);
		len += 1 + n;
		out[len] = 0;
		p = end;
		struct stat st;
		if (lstat(out, &st) != 0)
			return NULL;
		if (S_ISLNK(st.st_mode)) {
			if (++links > MAX_LINKS) {
				errno = ELOOP;
				return NULL;
			}
			ssize_t t = readlink(out, target, sizeof target);
			if (t < 0)
				return NULL;
			if (splice(rest, target, (size_t)t, p) != 0)
				return NULL;
			p = rest;
			if (target[0] == '/')
				len = 0;
			else
				up(out, &len); /* the link's own name goes */
		} else if (*p && !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR; /* more to come below a file */
			return NULL;
		}
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = 0;
	if (!resolved)
		return strdup(out);
	memcpy(resolved, out, len + 1);
	return resolved;
}
