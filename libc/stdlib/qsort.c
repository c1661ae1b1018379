/*
 * qsort.c - sorting an array with heapsort: O(n log n) in every case, no
 * recursion and no extra memory (not stable, which C does not ask for).
 */
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *, void *);

/* Swaps the size-byte elements a and b. */
static void swap(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Moves element i down the max-heap base[0..n) until both children are not larger. */
static void sift_down(unsigned char *base, size_t i, size_t n, size_t size, cmp_fn cmp, void *arg)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp(base + l * size, base + big * size, arg) > 0)
			big = l;
		if (r < n && cmp(base + r * size, base + big * size, arg) > 0)
			big = r;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

/* Sorts n elements of size bytes at base into the ascending order
 * cmp(a, b, arg) defines (GNU's qsort_r: arg is passed to every call). */
void qsort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
	     void *arg)
{
	unsigned char *b = base;
	if (n < 2 || size == 0)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp, arg);
	for (size_t end = n - 1; end > 0; end--) {
		swap(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp, arg);
	}
}

/* qsort's comparison, carried through qsort_r's argument. */
struct plain_cmp {
	int (*cmp)(const void *, const void *);
};

static int call_plain(const void *a, const void *b, void *arg)
{
	return ((const struct plain_cmp *)arg)->cmp(a, b);
}

/* Sorts n elements of size bytes at base into the ascending order cmp defines. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct plain_cmp p = {cmp};
	qsort_r(base, n, size, call_plain, &p);
}
