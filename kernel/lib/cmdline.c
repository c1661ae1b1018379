/* cmdline.c - see cmdline.h. Pure string code, also tested on the host. */
#include "lib/cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Finds the word `key` or `key=...` (only `key=...` if want_value); returns
 * a pointer just past the key (at '=' or the word's end), or NULL.
 */
static const char *find_key(const char *s, const char *key, bool want_value)
{
	if (!s || !key || !*key)
		return NULL;
	while (*s) {
		while (is_space(*s))
			s++;
		const char *w = s;
		const char *k = key;
		while (*k && *w == *k)
			w++, k++;
		if (!*k && (*w == '=' || (!want_value && (!*w || is_space(*w)))))
			return w;
		while (*s && !is_space(*s))
			s++;
	}
	return NULL;
}

bool cmdline_has(const char *cmdline, const char *key)
{
	return find_key(cmdline, key, false) != NULL;
}

bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	const char *p = find_key(cmdline, key, true);
	if (!p)
		return false;
	p++;
	size_t n = 0;
	while (p[n] && !is_space(p[n])) {
		if (n + 1 < size)
			buf[n] = p[n];
		n++;
	}
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return true;
}

bool cmdline_list_contains(const char *list, const char *item)
{
	if (!list || !item)
		return false;
	const char *p = list;
	for (;;) {
		const char *i = item;
		while (*i && *p == *i)
			p++, i++;
		if (!*i && (*p == ',' || *p == '\0'))
			return true;
		while (*p && *p != ',')
			p++;
		if (!*p)
			return false;
		p++;
	}
}
