/*
 * dynamic_array.c - a growable array of strings: realloc doubles its
 * capacity when full; reads the lines of standard input, then prints them
 * in reverse and the growth history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
	char **items;
	size_t len, cap;
};

/* Appends a copy of s; returns 0, or -1 (the array unchanged) if memory
 * runs out. realloc's result goes to a temporary so that a failure does not
 * lose the old block. */
static int vec_push(struct vec *v, const char *s)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1;
		char **items = realloc(v->items, cap * sizeof *items);
		if (!items)
			return -1;
		printf("grow %zu -> %zu\n", v->cap, cap);
		v->items = items;
		v->cap = cap;
	}
	char *copy = malloc(strlen(s) + 1);
	if (!copy)
		return -1;
	strcpy(copy, s);
	v->items[v->len++] = copy;
	return 0;
}

int main(void)
{
	struct vec v = {NULL, 0, 0};
	char line[256];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (vec_push(&v, line) < 0) {
			fprintf(stderr, "out of memory\n");
			return 1;
		}
	}
	size_t total = 0;
	for (size_t i = v.len; i-- > 0;) {
		printf("%3zu: %s\n", i, v.items[i]);
		total += strlen(v.items[i]);
		free(v.items[i]);
	}
	printf("%zu lines, %zu bytes, capacity %zu\n", v.len, total, v.cap);
	free(v.items);
	/* A large array of ints, grown one element at a time. */
	int *nums = NULL;
	size_t n = 0;
	long sum = 0;
	for (int i = 0; i < 100000; i++) {
		int *p = realloc(nums, (n + 1) * sizeof *p);
		if (!p) {
			free(nums);
			return 1;
		}
		nums = p;
		nums[n++] = i;
	}
	for (size_t i = 0; i < n; i++)
		sum += nums[i];
	printf("%zu ints, sum %ld\n", n, sum);
	free(nums);
	return 0;
}
