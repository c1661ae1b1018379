/*
 * sort_numbers.c - reads integers from standard input into an array,
 * sorts them with qsort and prints them, their sum and their median.
 */
#include <stdio.h>
#include <stdlib.h>

/* Returns <0, 0 or >0 as *a is less than, equal to or greater than *b
 * (no subtraction, which could overflow). */
static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	int values[1000], n = 0, v;
	long sum = 0;
	while (n < 1000 && scanf("%d", &v) == 1) {
		values[n++] = v;
		sum += v;
	}
	qsort(values, n, sizeof values[0], compare_ints);
	for (int i = 0; i < n; i++)
		printf("%d%c", values[i], i % 10 == 9 || i == n - 1 ? '\n' : ' ');
	printf("count %d, sum %ld", n, sum);
	if (n > 0)
		printf(", median %d", values[n / 2]);
	printf("\n");
	return 0;
}
