/*
 * fnmatch.c - the shell's wildcards: '?' is any one character, '*' any
 * run of them, "[...]" one of a set (a leading '!' or '^' takes the
 * complement; ranges a-z; classes such as [:digit:]; a ']' first is
 * itself; a '[' without its ']' is itself), and a backslash quotes the
 * next character (unless FNM_NOESCAPE). With FNM_PATHNAME no wildcard
 * matches a '/'; with FNM_PERIOD none matches a '.' that starts the
 * string (or, with FNM_PATHNAME, a name after a '/'). A '*' is tried at
 * each length in turn, shortest first.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

/* c for comparing: lower case with FNM_CASEFOLD. */
static int fold(int c, int flags)
{
	return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

/* True if c is in the class called name[0, len) ("alpha", "digit", ...). */
static int in_class(const char *name, size_t len, int c)
{
	static const struct {
		const char *name;
		int (*test)(int);
	} classes[] = {{"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank},
		       {"cntrl", iscntrl}, {"digit", isdigit}, {"graph", isgraph},
		       {"lower", islower}, {"print", isprint}, {"punct", ispunct},
		       {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit}};
	for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
		if (strlen(classes[i].name) == len && memcmp(classes[i].name, name, len) == 0)
			return classes[i].test(c) != 0;
	return 0;
}

/* True if c is in [lo, hi], in either case with FNM_CASEFOLD. */
static int in_range(int lo, int hi, int c, int flags)
{
	if (lo <= c && c <= hi)
		return 1;
	return (flags & FNM_CASEFOLD) &&
	       ((lo <= tolower(c) && tolower(c) <= hi) || (lo <= toupper(c) && toupper(c) <= hi));
}

/* Matches c against the set that starts at p (just after its '['): the
 * pattern after its ']' with *hit set, or NULL if the set has no ']'. */
static const char *set(const char *p, int c, int flags, int *hit)
{
	int negate = *p == '!' || *p == '^', found = 0;
	p += negate;
	for (const char *first = p;; first = NULL) {
		if (!*p)
			return NULL;
		if (*p == ']' && !first)
			break;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			if (end) {
				found |= in_class(p + 2, (size_t)(end - p - 2), c);
				p = end + 2;
				continue;
			}
		}
		if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			p++;
		int lo = (unsigned char)*p++;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
				p++;
			found |= in_range(lo, (unsigned char)*p++, c, flags);
		} else {
			found |= fold(lo, flags) == fold(c, flags);
		}
	}
	*hit = found != negate;
	return p + 1;
}

/* True if s (inside str) is a '.' that only a '.' may match (FNM_PERIOD). */
static int hidden(const char *s, const char *str, int flags)
{
	return (flags & FNM_PERIOD) && *s == '.' &&
	       (s == str || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

/* True if a wildcard may not match the character at s. */
static int wild_stops(const char *s, const char *str, int flags)
{
	return !*s || (*s == '/' && (flags & FNM_PATHNAME)) || hidden(s, str, flags);
}

static int match(const char *p, const char *s, const char *str, int flags)
{
	while (*p) {
		switch (*p) {
		case '?':
			if (wild_stops(s, str, flags))
				return FNM_NOMATCH;
			p++, s++;
			continue;
		case '*':
			while (*p == '*')
				p++;
			if (hidden(s, str, flags))
				return FNM_NOMATCH;
			for (;; s++) {
				if (match(p, s, str, flags) == 0)
					return 0;
				if (!*s || (*s == '/' && (flags & FNM_PATHNAME)))
					return FNM_NOMATCH;
			}
		case '[': {
			int hit = 0;
			const char *after = wild_stops(s, str, flags)
						? p
						: set(p + 1, (unsigned char)*s, flags, &hit);
			if (after == p)
				return FNM_NOMATCH;
			if (!after) { /* no ']': an ordinary '[' */
				if (*s != '[')
					return FNM_NOMATCH;
				p++, s++;
				continue;
			}
			if (!hit)
				return FNM_NOMATCH;
			p = after, s++;
			continue;
		}
		case '\\':
			if (!(flags & FNM_NOESCAPE) && p[1])
				p++;
			__attribute__((fallthrough)); /* the quoted character is an ordinary one */
		default:
			if (!*s || fold((unsigned char)*p, flags) != fold((unsigned char)*s, flags))
				return FNM_NOMATCH;
			p++, s++;
			continue;
		}
	}
	return !*s || ((flags & FNM_LEADING_DIR) && *s == '/') ? 0 : FNM_NOMATCH;
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	return match(pattern, string, string, flags);
}
