/*
 * scandir.c - a directory's entries as a sorted array: scandir, with the
 * orders alphasort (strcoll: byte order in the C locale) and versionsort
 * (strverscmp: "file9" before "file10").
 */
#define _GNU_SOURCE /* versionsort, strverscmp */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

int versionsort(const struct dirent **a, const struct dirent **b)
{
	return strverscmp((*a)->d_name, (*b)->d_name);
}

/* scandir's order, carried through qsort_r to compare two list slots. */
struct order {
	int (*cmp)(const struct dirent **, const struct dirent **);
};

static int by_order(const void *a, const void *b, void *arg)
{
	const struct dirent *x = *(struct dirent *const *)a, *y = *(struct dirent *const *)b;
	return ((const struct order *)arg)->cmp(&x, &y);
}

/* Frees the first n entries of list and list itself. */
static void free_list(struct dirent **list, size_t n)
{
	while (n--)
		free(list[n]);
	free(list);
}

/*
 * The entries of the directory path that filter keeps (every one if it
 * is NULL), each malloc'd, in a malloc'd array at *out sorted by cmp (in
 * the directory's order if cmp is NULL); their number, or -1 with errno
 * (nothing is left allocated then).
 */
int scandir(const char *path, struct dirent ***out, int (*filter)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent **list = NULL, *e;
	size_t n = 0, cap = 0;
	int saved = errno;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			struct dirent **bigger = realloc(list, cap * sizeof *list);
			if (!bigger)
				break;
			list = bigger;
		}
		struct dirent *copy = malloc(sizeof *copy);
		if (!copy)
			break;
		memcpy(copy, e, sizeof *copy);
		list[n++] = copy;
	}
	if (errno) { /* readdir or memory failed */
		int err = errno;
		closedir(d);
		free_list(list, n);
		errno = err;
		return -1;
	}
	closedir(d);
	if (cmp) {
		struct order o = {cmp};
		qsort_r(list, n, sizeof *list, by_order, &o);
	}
	*out = list;
	errno = saved;
	return (int)n;
}
