/*
 * ok_matrix.c - a control: a matrix from calloc (an array of row pointers,
 * each row zeroed), read before it is written - correct, since calloc
 * zeroes: MALLOC_CHECK=1 must not fill it with 0x5a, nor MALLOC_CHECK=2
 * report its first read. Rows of 1, 300 and 40000 doubles cover small
 * blocks, page runs and mmapped blocks. No mode may report anything.
 *
 * expect MALLOC_CHECK=0,1,2: status=0 report=none prints="zeros 322408, ones 17"
 */
#include <stdio.h>
#include <stdlib.h>

static double **new_matrix(size_t rows, size_t cols)
{
	double **m = calloc(rows, sizeof *m);
	if (m == NULL)
		exit(1);
	for (size_t r = 0; r < rows; r++) {
		m[r] = calloc(cols, sizeof **m);
		if (m[r] == NULL)
			exit(1);
	}
	return m;
}

static void free_matrix(double **m, size_t rows)
{
	for (size_t r = 0; r < rows; r++)
		free(m[r]);
	free(m);
}

int main(void)
{
	static const size_t sizes[] = {1, 300, 40000};
	long zeros = 0, ones = 0;
	for (int k = 0; k < 3; k++) {
		size_t cols = sizes[k], rows = 8;
		double **m = new_matrix(rows, cols);
		for (size_t r = 0; r < rows; r++) /* read before written: calloc zeroed it */
			for (size_t c = 0; c < cols; c++)
				zeros += m[r][c] == 0.0;
		for (size_t r = 0; r < rows && r < cols; r++)
			m[r][r] = 1.0;
		for (size_t r = 0; r < rows; r++)
			for (size_t c = 0; c < cols; c++)
				ones += m[r][c] == 1.0;
		free_matrix(m, rows);
	}
	fprintf(stderr, "zeros %ld, ones %ld\n", zeros, ones);
	return 0;
}
