/*
 * oom_brk.c - grows the heap with brk a megabyte at a time and touches
 * every new page, until the machine has no frame left: each brk is
 * granted (one megabyte is far below the overcommit heuristic's limit),
 * so the frames run out first and the kernel must kill this program as
 * "out of memory" (137), free all it had, and go on. (Interlude only: on
 * Linux this would take the host's memory.)
 */
#include "rt/rt.h"

int main(void)
{
	long b = rt_brk(0);
	for (;;) {
		if (rt_brk(b + (1L << 20)) != b + (1L << 20))
			return 1; /* refused before the frames ran out: not expected */
		for (long i = 0; i < (1L << 20); i += PAGE)
			((volatile char *)b)[i] = 1;
		b += 1L << 20;
	}
}
