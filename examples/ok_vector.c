/*
 * ok_vector.c - a control: OSTEP's homework vector, an array that grows
 * with realloc (doubling its capacity), then shrinks to fit. realloc
 * copies the capacity's unused tail too, so in MALLOC_CHECK=2 the
 * allocator itself reads pages the program never wrote: that must not be
 * reported. No mode may report anything.
 *
 * expect MALLOC_CHECK=0,1,2: status=0 report=none prints="100000 ints, sum 4999950000"
 */
#include <stdio.h>
#include <stdlib.h>

struct vector {
	int *data;
	size_t size, capacity;
};

static void push(struct vector *v, int x)
{
	if (v->size == v->capacity) {
		size_t cap = v->capacity ? 2 * v->capacity : 4;
		int *bigger = realloc(v->data, cap * sizeof(int));
		if (bigger == NULL)
			exit(1);
		v->data = bigger;
		v->capacity = cap;
	}
	v->data[v->size++] = x;
}

int main(void)
{
	struct vector v = {NULL, 0, 0};
	for (int i = 0; i < 100000; i++)
		push(&v, i);
	int *fit = realloc(v.data, v.size * sizeof(int));
	if (fit == NULL)
		return 1;
	v.data = fit;
	long long sum = 0;
	for (size_t i = 0; i < v.size; i++)
		sum += v.data[i];
	fprintf(stderr, "%zu ints, sum %lld\n", v.size, sum);
	free(v.data);
	return 0;
}
