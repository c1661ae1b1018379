/*
 * oom_recursion.c - recurses without end, each call with 4 KiB of locals
 * it writes: the stack grows a page per call, until it reaches its 8 MiB
 * limit (SIGSEGV, 139) or, on a machine too small for that, the frames
 * run out first ("out of memory", 137). Either way the program dies and
 * the kernel goes on. (Interlude only.)
 */
#include "rt/rt.h"

static volatile long forever = 1; /* the compiler cannot see it never ends */

__attribute__((noinline)) static long dive(long n)
{
	volatile char frame[4096];
	frame[0] = (char)n;
	frame[4095] = (char)n;
	return forever ? dive(n + 1) + frame[0] : frame[4095];
}

int main(void)
{
	return (int)dive(0);
}
