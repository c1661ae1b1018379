/*
 * qsort_test.c - qsort on random arrays of many sizes against insertion
 * sort, on structs, with duplicates; bsearch; rand/srand determinism.
 *
 * test-run: ktap host
 */
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Sorts a[0..n) by insertion: slow and obviously right. */
static void insertion_sort(int *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int v = a[i];
		size_t j = i;
		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* qsort of n random ints in 0..range-1 equals insertion sort's result. */
static int random_array_ok(size_t n, int range)
{
	static int a[1000], b[1000];
	for (size_t i = 0; i < n; i++)
		a[i] = b[i] = rand() % range;
	qsort(a, n, sizeof a[0], cmp_int);
	insertion_sort(b, n);
	return memcmp(a, b, n * sizeof a[0]) == 0;
}

struct rec {
	char name[13]; /* an odd size, to move bytes not words */
	long key;
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

static void all(void)
{
	srand(12345);
	static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 100, 255, 1000};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		EXPECT(random_array_ok(sizes[i], 1000000), "qsort of %zu random ints", sizes[i]);
	EXPECT(random_array_ok(1000, 3), "qsort of 1000 ints with many duplicates");

	int sorted[100], rev[100];
	for (int i = 0; i < 100; i++) {
		sorted[i] = i;
		rev[i] = 99 - i;
	}
	qsort(sorted, 100, sizeof(int), cmp_int);
	qsort(rev, 100, sizeof(int), cmp_int);
	EXPECT(memcmp(sorted, rev, sizeof sorted) == 0 && rev[0] == 0 && rev[99] == 99,
	       "qsort of sorted and reversed input");

	struct rec r[50];
	for (int i = 0; i < 50; i++) {
		r[i].key = (i * 37) % 50;
		memset(r[i].name, 'a' + (int)(r[i].key % 26), sizeof r[i].name);
	}
	qsort(r, 50, sizeof r[0], cmp_rec);
	int ok = 1;
	for (int i = 0; i < 50; i++)
		ok &= r[i].key == i && r[i].name[12] == 'a' + i % 26;
	EXPECT(ok, "qsort of 24-byte structs keeps each record whole");

	int key = 42, missing = 100;
	EXPECT(bsearch(&key, sorted, 100, sizeof(int), cmp_int) == &sorted[42], "bsearch finds");
	EXPECT(bsearch(&missing, sorted, 100, sizeof(int), cmp_int) == NULL, "bsearch misses");
	EXPECT(bsearch(&key, sorted, 0, sizeof(int), cmp_int) == NULL, "bsearch of nothing");

	int first[8], again[8], other[8], in_range = 1;
	srand(7);
	for (int i = 0; i < 8; i++) {
		first[i] = rand();
		in_range &= first[i] >= 0 && first[i] <= RAND_MAX;
	}
	srand(7);
	for (int i = 0; i < 8; i++)
		again[i] = rand();
	srand(8);
	for (int i = 0; i < 8; i++)
		other[i] = rand();
	EXPECT(memcmp(first, again, sizeof first) == 0, "srand(7) twice gives the same sequence");
	EXPECT(memcmp(first, other, sizeof first) != 0, "srand(8) gives another sequence");
	EXPECT(in_range, "rand() is in 0..RAND_MAX");
	EXPECT(first[0] != first[1] || first[1] != first[2], "rand() varies");
}

int main(void)
{
	return ktap_run(all);
}
