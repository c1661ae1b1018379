/*
 * posix_extra_test.c - pieces of the C library that programs written for
 * glibc use and that Interlude's lacked: <locale.h> (the C locale),
 * strcoll and strxfrm, <err.h>, index, rindex, strchrnul, stpncpy,
 * strverscmp, toascii, the 48-bit generators (drand48...), qsort_r,
 * <search.h> (lfind, lsearch, tsearch, tfind, tdelete, twalk, tdestroy,
 * hsearch), on_exit and quick_exit, fgetpos and fsetpos, freopen, the
 * _unlocked functions, mkstemp, mkdtemp, tmpfile and realpath. Built
 * against glibc too: the output (standard error's warn lines included)
 * must be the same, on Linux; and every check passes on Interlude.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* strchrnul, strverscmp, qsort_r, tdestroy, on_exit in glibc */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

static void locales(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_COLLATE");
	unsetenv("LC_CTYPE");
	unsetenv("LANG");
	const char *c = setlocale(LC_ALL, "");
	EXPECT(c && strcmp(c, "C") == 0, "setlocale(LC_ALL, \"\") without LANG: \"C\"");
	c = setlocale(LC_NUMERIC, "POSIX");
	EXPECT(c && strcmp(c, "C") == 0, "setlocale: \"POSIX\" is \"C\"");
	c = setlocale(LC_ALL, NULL);
	EXPECT(c && strcmp(c, "C") == 0, "setlocale(LC_ALL, NULL) asks: \"C\"");
	EXPECT(setlocale(LC_ALL, "xx_NOWHERE.UTF-8") == NULL,
	       "setlocale of a missing locale: NULL");
	struct lconv *l = localeconv();
	EXPECT(strcmp(l->decimal_point, ".") == 0 && l->thousands_sep[0] == 0 &&
		   l->frac_digits == CHAR_MAX && l->int_n_sign_posn == CHAR_MAX,
	       "localeconv: the C locale's conventions");
	char x[8];
	EXPECT(strcoll("abc", "abd") < 0 && strcoll("b", "a") > 0 && strcoll("a", "a") == 0,
	       "strcoll orders as strcmp");
	EXPECT(strxfrm(x, "hello", sizeof x) == 5 && strcmp(x, "hello") == 0 &&
		   strxfrm(x, "too long a key", 4) == 14,
	       "strxfrm");
}

static void strings(void)
{
	const char *s = "a/b/c";
	EXPECT(index(s, '/') == s + 1 && rindex(s, '/') == s + 3 && index(s, 'z') == NULL,
	       "index and rindex");
	EXPECT(strchrnul(s, 'b') == s + 2 && strchrnul(s, 'z') == s + 5, "strchrnul");
	char d[8];
	memset(d, 'x', sizeof d);
	EXPECT(stpncpy(d, "ab", 5) == d + 2 && d[2] == 0 && d[4] == 0 && d[5] == 'x',
	       "stpncpy pads and returns the first NUL");
	memset(d, 'x', sizeof d);
	const char *volatile longer = "abcdef"; /* not a constant: no truncation warning */
	EXPECT(stpncpy(d, longer, 3) == d + 3 && d[2] == 'c' && d[3] == 'x',
	       "stpncpy of a longer string: dst + n, no NUL");
	static const char *const order[] = {"000", "00", "01", "010", "09",  "0",    "1",
					    "9",   "10", "a1", "a2",  "a10", "a10b", "b"};
	int ok = 1;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		for (size_t j = 0; j < sizeof order / sizeof *order; j++) {
			int r = strverscmp(order[i], order[j]);
			if ((i < j && r >= 0) || (i > j && r <= 0) || (i == j && r != 0))
				ok = 0;
		}
	EXPECT(ok, "strverscmp: 000 < 00 < 01 < 010 < 09 < 0 < 1 < 9 < 10 < a1 < a2 < a10");
	EXPECT(strverscmp("file9.txt", "file10.txt") < 0 && strverscmp("1.2.10", "1.2.9") > 0 &&
		   strverscmp("x", "x") == 0,
	       "strverscmp of version strings");
	EXPECT(toascii(0xc1) == 0x41 && toascii('a') == 'a', "toascii");
}

static void generators(void)
{
	char line[160];
	srand48(42);
	double d = drand48();
	long l = lrand48(), m = mrand48();
	snprintf(line, sizeof line, "%.17g %ld %ld", d, l, m);
	EXPECT(d >= 0 && d < 1 && l >= 0, "srand48(42): %s", line);
	unsigned short x[3] = {1, 2, 3};
	double e = erand48(x);
	long n = nrand48(x), j = jrand48(x);
	snprintf(line, sizeof line, "%.17g %ld %ld %u %u %u", e, n, j, x[0], x[1], x[2]);
	EXPECT(e >= 0 && e < 1, "erand48, nrand48, jrand48 on the caller's state: %s", line);
	unsigned short seed[3] = {0x1234, 0x5678, 0x9abc};
	unsigned short *old = seed48(seed);
	snprintf(line, sizeof line, "%u %u %u then %ld", old[0], old[1], old[2], lrand48());
	EXPECT(old != NULL, "seed48 returns the old state: %s", line);
	unsigned short param[7] = {1, 0, 0, 5, 0, 0, 3}; /* X = 1, a = 5, c = 3 */
	lcong48(param);
	long first = lrand48();
	EXPECT(first == (long)((5 * 1 + 3) >> 17), "lcong48 sets X, a and c");
	srand48(7); /* a and c back */
	snprintf(line, sizeof line, "%ld", lrand48());
	EXPECT(1, "srand48 after lcong48: %s", line);
}

static int by_mod(const void *a, const void *b, void *arg)
{
	int m = *(int *)arg, x = *(const int *)a % m, y = *(const int *)b % m;
	return x != y ? x - y : *(const int *)a - *(const int *)b;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static char walked[256];
static void record(const void *node, VISIT which, int depth)
{
	(void)depth;
	if (which == postorder || which == leaf) {
		size_t n = strlen(walked);
		snprintf(walked + n, sizeof walked - n, "%d ", **(const int *const *)node);
	}
}

static int freed;
static void count_free(void *key)
{
	(void)key;
	freed++;
}

static void tables(void)
{
	int v[] = {15, 4, 9, 22, 7, 30, 1}, mod = 5;
	qsort_r(v, 7, sizeof *v, by_mod, &mod);
	char line[128] = "";
	for (int i = 0; i < 7; i++)
		snprintf(line + strlen(line), sizeof line - strlen(line), "%d ", v[i]);
	EXPECT(v[0] == 15 && v[1] == 30 && v[6] == 9, "qsort_r by the remainder mod 5: %s", line);

	int arr[8] = {3, 1, 4};
	size_t n = 3;
	int key = 1, key5 = 5;
	EXPECT(lfind(&key, arr, &n, sizeof *arr, cmp_int) == &arr[1] &&
		   lfind(&key5, arr, &n, sizeof *arr, cmp_int) == NULL,
	       "lfind");
	EXPECT(lsearch(&key5, arr, &n, sizeof *arr, cmp_int) == &arr[3] && n == 4 && arr[3] == 5 &&
		   lsearch(&key5, arr, &n, sizeof *arr, cmp_int) == &arr[3] && n == 4,
	       "lsearch appends once");

	static int keys[64];
	void *root = NULL;
	int ok = 1;
	for (int i = 0; i < 64; i++) { /* in order: a tree that does not balance becomes a list */
		keys[i] = (i * 37) % 64;
		void *node = tsearch(&keys[i], &root, cmp_int);
		if (!node || *(int **)node != &keys[i])
			ok = 0;
	}
	int dup = 5;
	EXPECT(ok && *(int **)tsearch(&dup, &root, cmp_int) != &dup,
	       "tsearch adds each key once and finds it again");
	int probe = 40, missing = 99;
	EXPECT(tfind(&probe, &root, cmp_int) && **(int **)tfind(&probe, &root, cmp_int) == 40 &&
		   tfind(&missing, &root, cmp_int) == NULL,
	       "tfind");
	ok = 1;
	for (int k = 0; k < 64; k += 2) {
		int kk = k;
		if (!tdelete(&kk, &root, cmp_int) || tfind(&kk, &root, cmp_int))
			ok = 0;
	}
	EXPECT(ok && tdelete(&missing, &root, cmp_int) == NULL, "tdelete of every even key");
	walked[0] = 0;
	twalk(root, record);
	EXPECT(strncmp(walked, "1 3 5 7 9 11 ", 13) == 0 && strstr(walked, " 61 63 ") != NULL,
	       "twalk visits the keys in order: %.40s...", walked);
	freed = 0;
	tdestroy(root, count_free);
	EXPECT_EQ(freed, 32, "tdestroy frees every node");

	EXPECT(hcreate(10), "hcreate");
	static char names[40][8];
	ok = 1;
	for (int i = 0; i < 11; i++) { /* 11 slots: the smallest odd prime >= 10 */
		snprintf(names[i], sizeof names[i], "k%d", i);
		ENTRY e = {names[i], (void *)(long)i};
		if (!hsearch(e, ENTER))
			ok = 0;
	}
	ENTRY more = {names[20], NULL}, q = {"k7", NULL};
	snprintf(names[20], sizeof names[20], "extra");
	errno = 0;
	EXPECT(ok && hsearch(more, ENTER) == NULL && errno == ENOMEM,
	       "hsearch: 11 entries fit the table of 10, a 12th is ENOMEM");
	ENTRY *found = hsearch(q, FIND);
	EXPECT(found && (long)found->data == 7, "hsearch FIND");
	q.key = "nope";
	errno = 0;
	EXPECT(hsearch(q, FIND) == NULL && errno == ESRCH, "hsearch FIND of a missing key: ESRCH");
	hdestroy();
}

static void say_status(int status, void *arg)
{
	fprintf(stderr, "on_exit: status %d, arg %s\n", status, (const char *)arg);
}
static void say_atexit(void)
{
	fprintf(stderr, "atexit handler\n");
}
static void say_quick(void)
{
	fprintf(stderr, "at_quick_exit handler\n");
}

/* The exit status of a child that runs fn (its handlers write to standard
 * error, which the comparison with glibc reads too). */
static int in_child(void (*fn)(void))
{
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		fn();
		_exit(99);
	}
	int st = -1;
	waitpid(c, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void child_exit(void)
{
	on_exit(say_status, "A");
	atexit(say_atexit);
	on_exit(say_status, "B");
	exit(3);
}
static void child_quick(void)
{
	atexit(say_atexit);
	at_quick_exit(say_quick);
	printf("this line is lost: quick_exit does not flush\n");
	quick_exit(4);
}
static void child_err(void)
{
	errno = ENOENT;
	err(5, "cannot open %s", "x");
}

static void exits(void)
{
	EXPECT_EQ(in_child(child_exit), 3, "on_exit and atexit handlers, newest first");
	EXPECT_EQ(in_child(child_quick), 4, "quick_exit runs only at_quick_exit's handlers");
	errno = EACCES;
	warn("warn %d", 1);
	warnx("warnx %s", "two");
	errno = EPERM;
	warn(NULL);
	EXPECT_EQ(in_child(child_err), 5, "err prints and exits with its status");
}

static void streams(void)
{
	FILE *f = fopen("/etc/passwd", "r");
	ASSERT(f != NULL, "fopen /etc/passwd");
	fpos_t at;
	int c1 = getc(f), ok = fgetpos(f, &at) == 0;
	int c2 = getc_unlocked(f), c3 = fgetc(f);
	ok = ok && fsetpos(f, &at) == 0 && getc(f) == c2 && fgetc_unlocked(f) == c3;
	EXPECT(ok && c1 != EOF, "fgetpos and fsetpos come back");
	flockfile(f);
	EXPECT(ftrylockfile(f) == 0, "ftrylockfile: no threads, no waiting");
	funlockfile(f);
	EXPECT(freopen("/etc/passwd", "r", f) == f && getc(f) == c1, "freopen starts over");
	int fd = fileno(f);
	EXPECT(freopen(NULL, "r", f) == f && fileno(f) == fd && getc(f) == c1,
	       "freopen(NULL) reopens the same file with its descriptor");
	EXPECT(freopen("/nosuch-dir/x", "r", f) == NULL && errno == ENOENT,
	       "freopen of a missing file: NULL, ENOENT");

	char bad[] = "/tmp/nox";
	EXPECT(mkstemp(bad) == -1 && errno == EINVAL, "mkstemp without XXXXXX: EINVAL");
	char name[] = "/tmp/posix-extra-XXXXXX";
	fd = mkstemp(name);
	EXPECT((fd >= 0 && strncmp(name, "/tmp/posix-extra-", 17) == 0 &&
		strcmp(name + 17, "XXXXXX") != 0 && strlen(name) == 23) ||
		   (fd < 0 && (errno == EROFS || errno == ENOENT)),
	       "mkstemp: a new file, or the read-only tree's error");
	if (fd >= 0) {
		close(fd);
		unlink(name);
	}
	char dir[] = "/tmp/posix-extra-dXXXXXX";
	char *dd = mkdtemp(dir);
	EXPECT(dd == dir || (!dd && (errno == EROFS || errno == ENOENT)),
	       "mkdtemp: a new directory, or the read-only tree's error");
	if (dd)
		rmdir(dir);
	FILE *t = tmpfile();
	EXPECT(t || errno == EROFS || errno == ENOENT, "tmpfile: a stream, or the tree's error");
	if (t)
		fclose(t);

	char buf[PATH_MAX], want[64];
	EXPECT(realpath("/etc/../etc/./passwd", buf) && strcmp(buf, "/etc/passwd") == 0,
	       "realpath takes out . and ..");
	EXPECT(realpath("/", buf) && strcmp(buf, "/") == 0 && realpath("//..", buf) &&
		   strcmp(buf, "/") == 0,
	       "realpath of the root");
	snprintf(want, sizeof want, "/proc/%d/status", (int)getpid());
	char *m = realpath("/proc/self/status", NULL);
	EXPECT(m && strcmp(m, want) == 0, "realpath follows a symbolic link (malloc'd)");
	free(m);
	EXPECT(!realpath("/nosuch-dir/x", buf) && errno == ENOENT, "realpath: ENOENT");
	EXPECT(!realpath("/etc/passwd/x", buf) && errno == ENOTDIR, "realpath: ENOTDIR");
}

static void tests(void)
{
	locales();
	strings();
	generators();
	tables();
	exits();
	streams();
}

int main(void)
{
	return ktap_run(tests);
}
