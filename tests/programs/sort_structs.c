/*
 * sort_structs.c - qsort of an array of structs with several comparators:
 * by name, by age then name, by score descending then name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct student {
	char name[16];
	int age;
	double score;
};

/* Each comparator returns <0, 0 or >0; ties are broken by name so that the
 * order is the same with any qsort (qsort is not stable). */
static int by_name(const void *a, const void *b)
{
	const struct student *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int by_age(const void *a, const void *b)
{
	const struct student *x = a, *y = b;
	if (x->age != y->age)
		return x->age < y->age ? -1 : 1;
	return by_name(a, b);
}

static int by_score_desc(const void *a, const void *b)
{
	const struct student *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return by_name(a, b);
}

static void print(const char *title, const struct student *s, int n)
{
	printf("%s:\n", title);
	for (int i = 0; i < n; i++)
		printf("  %-8s %3d %6.2f\n", s[i].name, s[i].age, s[i].score);
}

int main(void)
{
	struct student s[] = {
	    {"Maria", 21, 88.5}, {"Ahmed", 19, 92.25}, {"Li", 23, 75.0},  {"Olga", 19, 88.5},
	    {"Juan", 22, 60.75}, {"Zoe", 20, 99.0},    {"Ben", 21, 75.0}, {"Kofi", 20, 81.125},
	};
	int n = sizeof s / sizeof s[0];
	qsort(s, n, sizeof s[0], by_name);
	print("by name", s, n);
	qsort(s, n, sizeof s[0], by_age);
	print("by age", s, n);
	qsort(s, n, sizeof s[0], by_score_desc);
	print("by score", s, n);
	return 0;
}
