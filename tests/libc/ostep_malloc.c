/*
 * ostep_malloc.c - OSTEP "Interlude: Memory API", section 14.2: malloc of
 * a double, of an array, of a struct; sizeof of a pointer vs an array;
 * calloc, realloc and free (14.3, 14.5); and alloca (<alloca.h>), the
 * stack's counterpart of malloc (14.1): its memory is the frame's, next
 * to the function's locals and far from the heap, and needs no free.
 *
 * test-run: ktap
 */
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

struct point {
	int x, y;
	char label[20];
};

int main(void)
{
	ktap_begin(10);

	double *d = (double *)malloc(sizeof(double));
	EXPECT(d != NULL && ((uintptr_t)d & 15) == 0,
	       "malloc(sizeof(double)) returns 16-byte aligned memory");
	*d = 3.5;
	EXPECT(*d == 3.5, "the double can be stored and read back");
	free(d);

	int *x = malloc(10 * sizeof(int));
	int y[10];
	ktap_diag("sizeof(x) = %zu (a pointer), sizeof(y) = %zu (an array)\n", sizeof(x),
		  sizeof(y));
	EXPECT(sizeof(x) == 8 && sizeof(y) == 40, "sizeof of a pointer is 8, of int[10] is 40");
	for (int i = 0; i < 10; i++)
		x[i] = i * i;
	EXPECT(x[9] == 81, "malloc(10 * sizeof(int)) holds ten ints");

	struct point *p = malloc(sizeof(struct point));
	EXPECT(p != NULL, "malloc(sizeof(struct point))");
	p->x = 3;
	p->y = 4;
	strcpy(p->label, "corner");
	ktap_diag("point %s at (%d, %d), %zu bytes\n", p->label, p->x, p->y, sizeof *p);
	EXPECT(p->x == 3 && p->y == 4 && strcmp(p->label, "corner") == 0, "the struct's fields");

	int *z = calloc(1000, sizeof(int));
	int zero = z != NULL;
	for (int i = 0; zero && i < 1000; i++)
		zero = z[i] == 0;
	EXPECT(zero, "calloc returns zeroed memory");

	x = realloc(x, 1000 * sizeof(int));
	EXPECT(x != NULL && x[9] == 81 && x[3] == 9, "realloc keeps the contents");
	x[999] = 1;
	free(x);
	free(z);
	free(p);
	free(NULL);
	EXPECT(1, "free of every block and of NULL");

	int local;
	char *heap = malloc(64), *stack = alloca(64);
	memset(stack, 'a', 64);
	uintptr_t s = (uintptr_t)stack, l = (uintptr_t)&local, h = (uintptr_t)heap;
	EXPECT(stack[63] == 'a' && (s > l ? s - l : l - s) < 4096 &&
		   (s > h ? s - h : h - s) > (1u << 20),
	       "alloca(64): memory in the stack frame, beside a local, far from the heap");
	free(heap);
	return ktap_end();
}
