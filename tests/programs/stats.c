/*
 * stats.c - mean, standard deviation, minimum and maximum of the numbers
 * on standard input, printed with %f, %g and %e: the first exercise of a
 * C course with floating point.
 */
#include <math.h>
#include <stdio.h>

int main(void)
{
	double x, sum = 0, sumsq = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
	int n = 0;
	while (scanf("%lf", &x) == 1) {
		sum += x;
		sumsq += x * x;
		if (x < lo)
			lo = x;
		if (x > hi)
			hi = x;
		n++;
	}
	if (n == 0) {
		fprintf(stderr, "stats: no numbers\n");
		return 1;
	}
	double mean = sum / n;
	double var = n > 1 ? (sumsq - n * mean * mean) / (n - 1) : 0;
	printf("n      = %d\n", n);
	printf("mean   = %f\n", mean);
	printf("stddev = %.6g\n", sqrt(var));
	printf("min    = %g\nmax    = %g\n", lo, hi);
	printf("sum    = %e\n", sum);
	printf("range  = %10.3f|%-10.2f|%+.1f\n", hi - lo, lo, hi);
	return 0;
}
