/*
 * stdin_sum.c - reads whole numbers (optionally signed, separated by any
 * other bytes) from standard input and prints how many there were and
 * their sum: a program that needs its standard input, for make test's
 * comparison of Linux and Interlude with a file as input and for
 * tests/runner/runner_test.py with a pipe. It reads with getc and puts
 * the byte after each number back with ungetc.
 */
#include <stdio.h>

/* Reads one number whose first byte is c; the byte after it is pushed back. */
static long long number(int c)
{
	int negative = c == '-';
	long long v = 0;
	if (c == '-' || c == '+')
		c = getchar();
	while (c >= '0' && c <= '9') {
		v = v * 10 + (c - '0');
		c = getchar();
	}
	if (c != EOF)
		ungetc(c, stdin);
	return negative ? -v : v;
}

int main(void)
{
	long long sum = 0, count = 0;
	int c;
	while ((c = getchar()) != EOF) {
		if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
			sum += number(c);
			count++;
		}
	}
	printf("%lld numbers, sum %lld\n", count, sum);
	return ferror(stdin) ? 1 : 0;
}
