/*
 * kr_program.c - an old C program: K&R-style function definitions, the
 * declarations at the top of each block, no // comments, implicit
 * declarations avoided only because every header is included
 * (all_headers.h, which tools/check-headers.sh writes: every header of
 * libc/include). Compiled as C89, GNU89, C99 and C11 with -pedantic and
 * no warning allowed, even from the headers; then run, it must print
 * "kr_program: ok" and exit 0.
 */
#include "all_headers.h"

static jmp_buf env;

static int twice();

static int twice(n)
int n;
{
	return 2 * n;
}

static void jump(v) int v;
{
	longjmp(env, v);
}

static int compare(a, b) const void *a, *b;
{
	return *(const int *)a - *(const int *)b;
}

int main(argc, argv)
int argc;
char **argv;
{
	char buf[64];
	int v[4];
	double r;
	volatile int jumped = 0;
	div_t d;

	(void)argv;
	assert(argc >= 1);
	r = sqrt(16.0) + floor(pow(2.0, 0.5)) + fabs(-1.0);
	sprintf(buf, "%d", twice((int)r));
	if (strcmp(buf, "12") != 0)
		return 1;
	if (setjmp(env) == 0)
		jump(5);
	else
		jumped = 1;
	if (!jumped)
		return 2;
	v[0] = 3, v[1] = 1, v[2] = 2, v[3] = 0;
	qsort(v, 4, sizeof v[0], compare);
	if (v[0] != 0 || v[3] != 3)
		return 3;
	d = div(7, 2);
	if (d.quot != 3 || strcasecmp("ABC", "abc") != 0 || isnan(r) || !isdigit('7'))
		return 4;
	if (strtol("42", NULL, 10) != 42 || CHAR_BIT != 8 || errno == -1 || INT32_MAX != 2147483647)
		return 5;
	if (strlen(strerror(ENOMEM)) == 0 || getpid() <= 0)
		return 6;
	if (DBL_MANT_DIG != 53 || FLT_EPSILON >= DBL_EPSILON * 0 + 1 || !(true && 1 not_eq 2))
		return 7;
	printf("kr_program: ok\n");
	return 0;
}
