/*
 * parse_numbers.c - input validation with strtol and strtod: each line of
 * standard input is checked to be a whole number or a real number, with
 * errno telling an overflow apart from a bad string.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns 1 and sets *out if s is exactly one integer (spaces around it
 * allowed); otherwise says why and returns 0. */
static int parse_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 0);
	if (end == s) {
		printf("    not an integer\n");
		return 0;
	}
	if (errno == ERANGE) {
		printf("    integer out of range (%s), clamped to %ld\n", strerror(errno), v);
		return 0;
	}
	while (*end == ' ' || *end == '\n')
		end++;
	if (*end) {
		printf("    integer followed by junk \"%.*s\"\n", (int)strcspn(end, "\n"), end);
		return 0;
	}
	*out = v;
	return 1;
}

/* The same for a real number with strtod. */
static int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s) {
		printf("    not a number\n");
		return 0;
	}
	if (errno == ERANGE) {
		printf("    real out of range (%s): %g\n", strerror(errno), v);
		return 0;
	}
	while (*end == ' ' || *end == '\n')
		end++;
	if (*end) {
		printf("    real followed by junk \"%.*s\"\n", (int)strcspn(end, "\n"), end);
		return 0;
	}
	*out = v;
	return 1;
}

int main(void)
{
	char line[128];
	int good = 0, bad = 0;
	while (fgets(line, sizeof line, stdin)) {
		long l;
		double d;
		printf("%.*s:\n", (int)strcspn(line, "\n"), line);
		if (parse_long(line, &l)) {
			printf("    integer %ld\n", l);
			good++;
		} else if (parse_double(line, &d)) {
			printf("    real %.10g\n", d);
			good++;
		} else
			bad++;
	}
	unsigned long u = strtoul("ff", NULL, 16);
	long long ll = strtoll("-0777", NULL, 0);
	printf("%d good, %d bad; strtoul ff = %lu, strtoll -0777 = %lld\n", good, bad, u, ll);
	errno = 0;
	printf("strtol(\"zz\", 36) = %ld, errno %d\n", strtol("zz", NULL, 36), errno);
	return bad > 0;
}
