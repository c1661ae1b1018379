/*
 * names_test.c - looking names up: the users and groups of /etc/passwd
 * and /etc/group (getpwnam, getpwuid, getgrnam, getgrgid, their _r forms
 * and the *ent walks), a directory's sorted entries (scandir, alphasort,
 * versionsort), and shell wildcards (fnmatch: each case's answer is in
 * its name, so the comparison with glibc's build checks every one).
 * Root is user 0 with home /root on Linux and on Interlude; nothing else
 * about the two systems' files is printed.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* versionsort, FNM_CASEFOLD, FNM_LEADING_DIR in glibc */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

static void users(void)
{
	struct passwd *p = getpwuid(0);
	EXPECT(p && strcmp(p->pw_name, "root") == 0 && p->pw_uid == 0 && p->pw_gid == 0 &&
		   strcmp(p->pw_dir, "/root") == 0 && p->pw_shell[0] == '/',
	       "getpwuid(0): root, home /root");
	p = getpwnam("root");
	EXPECT(p && p->pw_uid == 0, "getpwnam(\"root\")");
	errno = 0;
	EXPECT(getpwnam("no-such-user-here") == NULL && errno == 0,
	       "getpwnam of nobody: NULL, errno untouched");
	EXPECT(getpwuid(54321) == NULL, "getpwuid of a uid no one has: NULL");
	struct passwd pw, *r = NULL;
	char buf[512], tiny[8];
	EXPECT(getpwuid_r(0, &pw, buf, sizeof buf, &r) == 0 && r == &pw &&
		   strcmp(pw.pw_name, "root") == 0,
	       "getpwuid_r into the caller's buffer");
	EXPECT(getpwnam_r("root", &pw, tiny, sizeof tiny, &r) == ERANGE && r == NULL,
	       "getpwnam_r with a buffer too small: ERANGE");
	EXPECT(getpwnam_r("no-such-user-here", &pw, buf, sizeof buf, &r) == 0 && r == NULL,
	       "getpwnam_r of nobody: 0 and NULL");
	setpwent();
	p = getpwent();
	EXPECT(p && strcmp(p->pw_name, "root") == 0, "getpwent: root comes first");
	int n = 1;
	while (getpwent())
		n++;
	setpwent();
	p = getpwent();
	EXPECT(n >= 1 && p && strcmp(p->pw_name, "root") == 0, "setpwent starts again");
	endpwent();

	struct group *g = getgrgid(0);
	EXPECT(g && strcmp(g->gr_name, "root") == 0 && g->gr_gid == 0 && g->gr_mem,
	       "getgrgid(0): root");
	g = getgrnam("root");
	EXPECT(g && g->gr_gid == 0, "getgrnam(\"root\")");
	EXPECT(getgrnam("no-such-group-here") == NULL, "getgrnam of no group: NULL");
	struct group gr, *gres;
	EXPECT(getgrgid_r(0, &gr, buf, sizeof buf, &gres) == 0 && gres == &gr &&
		   strcmp(gr.gr_name, "root") == 0,
	       "getgrgid_r");
	setgrent();
	g = getgrent();
	EXPECT(g && strcmp(g->gr_name, "root") == 0, "getgrent: root comes first");
	endgrent();
}

static int not_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static void directories(void)
{
	struct dirent **list;
	int n = scandir("/", &list, not_dot, alphasort);
	int sorted = n > 0, has_etc = 0;
	for (int i = 0; i < n; i++) {
		if (i && strcmp(list[i - 1]->d_name, list[i]->d_name) >= 0)
			sorted = 0;
		if (strcmp(list[i]->d_name, "etc") == 0)
			has_etc = 1;
		if (list[i]->d_name[0] == '.')
			sorted = 0;
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	EXPECT(sorted && has_etc, "scandir(\"/\") with a filter, sorted by alphasort");
	n = scandir("/etc", &list, NULL, versionsort);
	int dots = 0;
	for (int i = 0; i < n; i++) {
		dots += strcmp(list[i]->d_name, ".") == 0 || strcmp(list[i]->d_name, "..") == 0;
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	EXPECT(n > 2 && dots == 2, "scandir without a filter: . and .. too (versionsort)");
	errno = 0;
	EXPECT(scandir("/nosuch-dir", &list, NULL, NULL) == -1 && errno == ENOENT,
	       "scandir of a missing directory: -1, ENOENT");
}

static void wildcards(void)
{
	static const struct {
		const char *pattern, *string;
		int flags;
	} cases[] = {
	    {"*.c", "main.c", 0},
	    {"*.c", "main.h", 0},
	    {"m?in.c", "main.c", 0},
	    {"m?in.c", "min.c", 0},
	    {"[abc]x", "bx", 0},
	    {"[!abc]x", "bx", 0},
	    {"[^abc]x", "dx", 0},
	    {"[a-f]9", "e9", 0},
	    {"[a-f]9", "g9", 0},
	    {"[]x]", "]", 0},
	    {"[]x]", "x", 0},
	    {"[[:digit:]]*", "7up", 0},
	    {"[[:alpha:][:digit:]]", "_", 0},
	    {"[[:upper:]]", "Q", 0},
	    {"\\*", "*", 0},
	    {"\\*", "x", 0},
	    {"\\*", "\\*", FNM_NOESCAPE},
	    {"a[", "a[", 0},
	    {"*", "dir/file", 0},
	    {"*", "dir/file", FNM_PATHNAME},
	    {"*/*", "dir/file", FNM_PATHNAME},
	    {"dir?file", "dir/file", FNM_PATHNAME},
	    {"dir[/]file", "dir/file", FNM_PATHNAME},
	    {"*", ".hidden", 0},
	    {"*", ".hidden", FNM_PERIOD},
	    {".*", ".hidden", FNM_PERIOD},
	    {"?hidden", ".hidden", FNM_PERIOD},
	    {"dir/*", "dir/.hidden", FNM_PATHNAME | FNM_PERIOD},
	    {"dir/*", "dir/.hidden", FNM_PERIOD},
	    {"*.TXT", "notes.txt", 0},
	    {"*.TXT", "notes.txt", FNM_CASEFOLD},
	    {"[A-Z]x", "qx", FNM_CASEFOLD},
	    {"dir", "dir/file", FNM_LEADING_DIR},
	    {"d*", "dir/file", FNM_PATHNAME | FNM_LEADING_DIR},
	    {"a*b*c", "aXbYbZc", 0},
	    {"a*b*c", "aXbYbZ", 0},
	    {"", "", 0},
	    {"", "x", 0},
	    {"**x", "abcx", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int r = fnmatch(cases[i].pattern, cases[i].string, cases[i].flags);
		EXPECT(r == 0 || r == FNM_NOMATCH, "fnmatch(\"%s\", \"%s\", %d) = %d",
		       cases[i].pattern, cases[i].string, cases[i].flags, r);
	}
	EXPECT(fnmatch("*.c", "x.c", 0) == 0 && fnmatch("*.c", "x.h", 0) == FNM_NOMATCH,
	       "fnmatch: 0 for a match, FNM_NOMATCH for none");
}

static void tests(void)
{
	users();
	directories();
	wildcards();
}

int main(void)
{
	return ktap_run(tests);
}
