/*
 * compat_test.c - what students' programs call that the libc lacked:
 * localtime(_r), mktime, asctime(_r), ctime(_r) and tzset in UTC;
 * setenv, unsetenv, putenv, clearenv; memmem, memrchr, strsep,
 * strcasestr; strsignal and psignal; asprintf; basename and dirname;
 * uname (its release shaped as Linux's).
 * The values are in the check names, so the glibc build (TZ=UTC0, which
 * both libraries read as UTC) must print the very same lines, standard
 * error (psignal's) included.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include "ktap.h"

/* The local calendar: localtime_r, asctime_r, ctime_r, strftime %Z. */
static void calendar(void)
{
	static const time_t instants[] = {0, -1, 951782400, 1700000000, 2147483647, 4107542400LL};
	for (unsigned i = 0; i < sizeof instants / sizeof instants[0]; i++) {
		struct tm tm;
		char a[26], c[26], z[64];
		EXPECT(localtime_r(&instants[i], &tm) != NULL, "localtime_r(%lld)",
		       (long long)instants[i]);
		asctime_r(&tm, a);
		ctime_r(&instants[i], c);
		a[24] = c[24] = '\0'; /* the newline, which a KTAP name cannot hold */
		strftime(z, sizeof z, "%Z %z %H:%M:%S", &tm);
		EXPECT(strcmp(a, c) == 0 && tm.tm_isdst == 0 && tm.tm_gmtoff == 0,
		       "asctime %s, ctime the same, zone %s", a, z);
	}
	time_t t = 86400;
	EXPECT(strcmp(asctime(localtime(&t)), "Fri Jan  2 00:00:00 1970\n") == 0 &&
		   strcmp(ctime(&t), "Fri Jan  2 00:00:00 1970\n") == 0,
	       "asctime and ctime end with a newline");
	EXPECT(difftime(10, 4) == 6.0 && difftime(4, 10) == -6.0, "difftime");
}

/* mktime normalises out-of-range fields and sets tm_wday, tm_yday. */
static void make_time(void)
{
	struct tm tm = {0};
	tm.tm_year = 124, tm.tm_mon = 1, tm.tm_mday = 29, tm.tm_hour = 12, tm.tm_min = 34;
	tm.tm_sec = 56, tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	EXPECT(t == 1709210096 && tm.tm_wday == 4 && tm.tm_yday == 59 && tm.tm_isdst == 0,
	       "mktime 2024-02-29 12:34:56: %lld, wday %d, yday %d", (long long)t, tm.tm_wday,
	       tm.tm_yday);
	struct tm over = {0};
	over.tm_year = 123, over.tm_mon = 13, over.tm_mday = 0, over.tm_hour = 25;
	over.tm_min = -1, over.tm_sec = 61;
	t = mktime(&over);
	char buf[64];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %Z", &over);
	EXPECT(t == 1706749201, "mktime of month 13, day 0, hour 25: %lld, %s", (long long)t, buf);
	time_t now = time(NULL);
	struct tm *lt = localtime(&now);
	EXPECT(lt && mktime(lt) == now, "mktime(localtime(now)) == now");
}

/* setenv, getenv, unsetenv, putenv, clearenv. */
static void environment(void)
{
	EXPECT(setenv("COMPAT_A", "one", 0) == 0 && strcmp(getenv("COMPAT_A"), "one") == 0,
	       "setenv of a new name");
	EXPECT(setenv("COMPAT_A", "two", 0) == 0 && strcmp(getenv("COMPAT_A"), "one") == 0,
	       "setenv without overwrite keeps the value");
	EXPECT(setenv("COMPAT_A", "three", 1) == 0 && strcmp(getenv("COMPAT_A"), "three") == 0,
	       "setenv with overwrite replaces it");
	EXPECT(setenv("", "x", 1) == -1 && setenv("A=B", "x", 1) == -1 && unsetenv("") == -1,
	       "an empty name or one with '=': -1 (EINVAL)");
	char buf[32];
	for (int i = 0; i < 40; i++) { /* the array grows */
		snprintf(buf, sizeof buf, "%d", i);
		char name[32];
		snprintf(name, sizeof name, "COMPAT_N%d", i);
		setenv(name, buf, 1);
	}
	EXPECT(strcmp(getenv("COMPAT_N0"), "0") == 0 && strcmp(getenv("COMPAT_N39"), "39") == 0 &&
		   strcmp(getenv("COMPAT_A"), "three") == 0 && getenv("GREETING_NOT_SET") == NULL,
	       "40 more names, all found");
	EXPECT(unsetenv("COMPAT_A") == 0 && getenv("COMPAT_A") == NULL &&
		   strcmp(getenv("COMPAT_N1"), "1") == 0,
	       "unsetenv removes one name only");
	static char mine[] = "COMPAT_P=before";
	EXPECT(putenv(mine) == 0 && strcmp(getenv("COMPAT_P"), "before") == 0, "putenv");
	memcpy(mine + 9, "after!", 7);
	EXPECT(strcmp(getenv("COMPAT_P"), "after!") == 0, "putenv's string is the entry itself");
	EXPECT(clearenv() == 0 && getenv("COMPAT_N0") == NULL && getenv("PATH") == NULL,
	       "clearenv");
	EXPECT(setenv("TZ", "UTC0", 1) == 0 && strcmp(getenv("TZ"), "UTC0") == 0,
	       "setenv after clearenv");
	tzset();
}

/* The GNU string searches and strsep. */
static void strings(void)
{
	const char hay[] = "abcabd\0abx";
	EXPECT(memmem(hay, sizeof hay, "abd", 3) == hay + 3, "memmem");
	EXPECT(memmem(hay, sizeof hay, "abx", 3) == hay + 7, "memmem past a NUL");
	EXPECT(memmem(hay, sizeof hay, "abz", 3) == NULL && memmem(hay, 2, "abc", 3) == NULL,
	       "memmem: not there, needle longer than the haystack");
	EXPECT(memmem(hay, sizeof hay, "", 0) == hay, "memmem of an empty needle");
	EXPECT(memrchr(hay, 'a', sizeof hay) == hay + 7 && memrchr(hay, 'q', sizeof hay) == NULL,
	       "memrchr");
	const char *hw = "Hello World";
	EXPECT(strcasestr(hw, "wORLD") == hw + 6 && strcasestr(hw, "") == hw &&
		   strcasestr(hw, "xyz") == NULL,
	       "strcasestr");
	char line[] = "a,b,,c";
	char *p = line, *f;
	char got[64] = "";
	while ((f = strsep(&p, ",")) != NULL) {
		strcat(got, "[");
		strcat(got, f);
		strcat(got, "]");
	}
	EXPECT(strcmp(got, "[a][b][][c]") == 0 && p == NULL, "strsep keeps empty fields: %s", got);
}

/* strsignal's words, psignal on stderr, asprintf. */
static void messages(void)
{
	static const int sigs[] = {1, 2, 6, 9, 11, 13, 15, 16, 17, 19, 31, 32, 34, 35, 64, 65, 0};
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		EXPECT(strsignal(sigs[i]) != NULL, "strsignal(%d) = %s", sigs[i],
		       strsignal(sigs[i]));
	fflush(stdout);
	psignal(SIGSEGV, "psignal");
	psignal(SIGINT, NULL);
	char *s = NULL;
	int n = asprintf(&s, "%s-%05d-%.2f", "x", 42, 2.5);
	EXPECT(n == 12 && s && strcmp(s, "x-00042-2.50") == 0, "asprintf: %d %s", n, s ? s : "");
	free(s);
	n = asprintf(&s, "%s", "");
	EXPECT(n == 0 && s && !*s, "asprintf of nothing");
	free(s);
}

/* POSIX basename and dirname, on copies (they may write). */
static void paths(void)
{
	static const char *const cases[] = {"/usr/lib", "/usr/lib/", "/usr/", "usr", "/",   "//",
					    "a//b//",	".",	     "..",    "",    "///x"};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char b[32], d[32];
		strcpy(b, cases[i]);
		strcpy(d, cases[i]);
		char *bn = basename(b), *dn = dirname(d);
		EXPECT(bn && dn, "basename(\"%s\") = \"%s\", dirname = \"%s\"", cases[i], bn, dn);
	}
	EXPECT(strcmp(basename(NULL), ".") == 0 && strcmp(dirname(NULL), ".") == 0,
	       "basename and dirname of NULL: \".\"");
}

/* uname: the machine, and a release a C library built for Linux accepts. */
static void names(void)
{
	struct utsname u;
	int major = 0, minor = 0;
	EXPECT(uname(&u) == 0 && u.sysname[0] && strcmp(u.machine, "x86_64") == 0,
	       "uname: a system name, machine x86_64");
	EXPECT(sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
		   (major > 3 || (major == 3 && minor >= 2)),
	       "uname: a release of Linux's shape, 3.2 or later (glibc's minimum)");
}

int main(void)
{
	ktap_begin(67);
	environment(); /* first: it sets TZ=UTC0 for glibc */
	calendar();
	make_time();
	strings();
	messages();
	paths();
	names();
	return ktap_end();
}
