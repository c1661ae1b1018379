/*
 * check_input.c - exits with a status that says what was wrong with its
 * input, and calls abort() when an invariant breaks: it reads a count and
 * that many marks (0 to 100) from standard input, prints their average,
 * and aborts on a mark out of range (status 134, as glibc's abort gives).
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int n, mark, sum = 0;
	if (scanf("%d", &n) != 1 || n <= 0) {
		fprintf(stderr, "check_input: expected a positive count\n");
		exit(2);
	}
	for (int i = 0; i < n; i++) {
		if (scanf("%d", &mark) != 1) {
			fprintf(stderr, "check_input: only %d of %d marks\n", i, n);
			return 3;
		}
		if (mark < 0 || mark > 100) {
			fprintf(stderr, "check_input: mark %d out of range, aborting\n", mark);
			fflush(stdout);
			abort();
		}
		sum += mark;
		printf("mark %d: %d\n", i + 1, mark);
	}
	printf("average %.2f\n", (double)sum / n);
	return 0;
}
