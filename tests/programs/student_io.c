/*
 * student_io.c - the C library as a first-year program leans on it:
 * getchar, fgets and scanf taking turns on one standard input; printf,
 * puts, fputs and fprintf(stderr) mixed; snprintf's edges (size 0, a NULL
 * buffer, truncation, the return value); strerror of every error number
 * and perror; the calendar in UTC (localtime, mktime, strftime, ctime);
 * qsort then bsearch; strtok_r; and atexit handlers running newest first
 * before the buffers are flushed.
 *
 * cflags: -Wno-format-truncation
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void first(void)
{
	printf("atexit: registered first, runs last\n");
}

static void second(void)
{
	printf("atexit: registered second, runs first\n");
}

static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Reads the input's parts: a character, a line, numbers, a word, the rest. */
static void input(void)
{
	int c = getchar();
	printf("getchar: '%c'\n", c);
	char line[64];
	if (fgets(line, sizeof line, stdin))
		printf("fgets: [%s]\n", strtok(line, "\n") ? line : "");
	int n, m;
	double d;
	char word[16];
	int got = scanf("%d %d %lf %15s", &n, &m, &d, word);
	printf("scanf: %d fields: %d %d %.3f %s\n", got, n, m, d, word);
	got = scanf("%d", &n);
	printf("scanf of a word as %%d: %d\n", got);
	scanf("%*s");
	long total = 0;
	while (scanf("%d", &n) == 1)
		total += n;
	printf("the rest sums to %ld, then scanf says %d (EOF is %d)\n", total, scanf("%d", &n),
	       EOF);
}

/* snprintf's edges and a few conversions beginners meet. */
static void formats(void)
{
	char buf[8];
	int r = snprintf(buf, sizeof buf, "%s", "truncated text");
	printf("snprintf into 8: %d [%s]\n", r, buf);
	printf("snprintf(NULL, 0): %d\n", snprintf(NULL, 0, "%d-%s", 12345, "abc"));
	r = snprintf(buf, 0, "xyz");
	printf("snprintf size 0: %d, buffer kept: %c\n", r, buf[0]);
	printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%#X] [%#o] [%o]\n", 42, 42, 42, 42, 42, 255,
	       255, 8, 0);
	printf("[%.0f] [%.1f] [%.2e] [%g] [%g] [%g] [%10.3f] [%-10.2f]\n", 2.5, 0.05, 12345.678,
	       0.0001, 100000.0, 1e-5, 3.14159, 2.71828);
	printf("[%c] [%5s] [%.2s] [%-6s] [%%] [%zu] [%ld] [%lld] [%hhd] [%p]\n", 'A', "ab",
	       "abcdef", "left", sizeof(int), -1L, 1LL << 40, (char)300, (void *)0);
}

int main(void)
{
	setenv("TZ", "UTC0", 1); /* the host's zone may not be UTC; Interlude's always is */
	tzset();
	atexit(first);
	atexit(second);
	input();
	formats();
	puts("puts adds a newline");
	fputs("fputs does not\n", stdout);
	fprintf(stderr, "to stderr: %d\n", 7);
	for (int e = 0; e <= 134; e += 1)
		if (e < 5 || e % 17 == 0 || e > 130)
			printf("strerror(%d): %s\n", e, strerror(e));
	printf("strerror(-1): %s\n", strerror(-1)); /* one static buffer: one call a line */
	printf("strerror(1000): %s\n", strerror(1000));
	errno = ENOENT;
	perror("perror");
	errno = 0;
	perror("no error");
	time_t t = 1234567890;
	struct tm *tm = localtime(&t);
	char when[64];
	strftime(when, sizeof when, "%A %d %B %Y %H:%M:%S %Z %j", tm);
	printf("localtime: %s\nctime: %s", when, ctime(&t));
	tm->tm_mday += 30;
	printf("mktime 30 days later: %lld\n", (long long)mktime(tm));
	int v[] = {5, 3, 9, 1, 7, 3};
	qsort(v, 6, sizeof v[0], by_value);
	int key = 7, *at = bsearch(&key, v, 6, sizeof v[0], by_value);
	printf("qsort: %d %d %d %d %d %d; bsearch 7 at %d\n", v[0], v[1], v[2], v[3], v[4], v[5],
	       at ? (int)(at - v) : -1);
	char csv[] = "one,two,,three", *save, *tok;
	for (tok = strtok_r(csv, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		printf("token: %s\n", tok);
	printf("no newline at the end, flushed by exit");
	return 0;
}
