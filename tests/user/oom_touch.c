/*
 * oom_touch.c - uses more memory than the machine has, a page at a time.
 * Each mmap is granted (it only reserves address space); touching the
 * pages makes the kernel find frames, until there are none: the kernel
 * must then kill this program with an "out of memory" diagnosis, free all
 * it had, and go on. (Interlude only: on Linux this would take the host's
 * memory.)
 */
#include "rt/rt.h"

int main(void)
{
	for (;;) {
		/* 1 MiB at a time: far below any machine's RAM, so the kernel's
		 * overcommit check never refuses it; only the frames run out. */
		char *p = (char *)__syscall6(9, 0, 1 << 20, 3, 0x22, -1, 0);
		if ((long)p < 0)
			return 1; /* refused before the frames ran out: not expected */
		for (long i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
	}
}
