/*
 * setenv.c - setenv, unsetenv, putenv and clearenv: changing environ.
 *
 * environ starts as the array the kernel put on the stack. The first
 * change copies it into one the library owns (malloc'd), which then grows
 * by one slot per new name; the strings setenv makes are malloc'd and
 * never freed (another pointer to one may be held: getenv's result), as
 * in glibc. putenv puts the caller's own string in, so a later change to
 * that string changes the environment, as POSIX says.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned; /* environ when it is the library's own array */
static size_t owned_cap;

/* The number of entries of environ. */
static size_t count(void)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	return n;
}

/* Returns the index of name[0, len) in environ, or -1. */
static long find(const char *name, size_t len)
{
	for (size_t i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return (long)i;
	return -1;
}

/* Makes environ the library's array with room for one more entry: 0, or
 * -1 with ENOMEM. */
static int make_room(void)
{
	size_t n = count();
	if (environ == owned && n + 2 <= owned_cap)
		return 0;
	size_t cap = n + 2 > 16 ? 2 * (n + 2) : 16;
	char **e = malloc(cap * sizeof *e);
	if (!e) {
		errno = ENOMEM;
		return -1;
	}
	if (n)
		memcpy(e, environ, n * sizeof *e);
	e[n] = NULL;
	if (environ == owned)
		free(owned);
	environ = owned = e;
	owned_cap = cap;
	return 0;
}

/* Puts the string s ("name=value", name len bytes) in place of name's
 * entry or at the end: 0, or -1 with ENOMEM. */
static int put(char *s, size_t len)
{
	long i = find(s, len);
	if (i < 0 && make_room() < 0)
		return -1;
	if (i >= 0) {
		environ[i] = s;
	} else {
		size_t n = count();
		environ[n] = s;
		environ[n + 1] = NULL;
	}
	return 0;
}

/* setenv(name, value, overwrite): 0, or -1 with EINVAL (an empty name or
 * one with '=') or ENOMEM; an existing name is kept unless overwrite. */
int setenv(const char *name, const char *value, int overwrite)
{
	size_t len = name ? strlen(name) : 0;
	if (len == 0 || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	if (find(name, len) >= 0 && !overwrite)
		return 0;
	size_t vlen = strlen(value);
	char *s = malloc(len + vlen + 2);
	if (!s) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(s, name, len);
	s[len] = '=';
	memcpy(s + len + 1, value, vlen + 1);
	if (put(s, len) < 0) {
		free(s);
		return -1;
	}
	return 0;
}

/* unsetenv(name): removes every entry of name; 0, or -1 with EINVAL. */
int unsetenv(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	if (len == 0 || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	long i;
	while ((i = find(name, len)) >= 0) /* the rest moves up one */
		for (size_t j = (size_t)i; environ[j]; j++)
			environ[j] = environ[j + 1];
	return 0;
}

/* putenv("name=value"): the string itself becomes the entry; a string
 * without '=' removes the name, as glibc. 0, or -1 with ENOMEM. */
int putenv(char *s)
{
	const char *eq = strchr(s, '=');
	if (!eq) {
		unsetenv(s);
		return 0;
	}
	if (eq == s) {
		errno = EINVAL;
		return -1;
	}
	return put(s, (size_t)(eq - s));
}

/* clearenv(): an empty environment; 0. */
int clearenv(void)
{
	if (environ == owned) {
		free(owned);
		owned = NULL;
		owned_cap = 0;
	}
	environ = NULL;
	return 0;
}
