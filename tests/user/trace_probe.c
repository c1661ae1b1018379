/*
 * trace_probe.c - the program the kernel's trace suite runs traced
 * (kernel/proc/test/trace_test.c): a fixed series of memory events whose
 * lines the suite then looks for, field by field (docs/TRACE.md).
 *
 * In order: brk up a page, sbrk down again; mmap of two pages at a hint, a write to the
 * first (a zero-fill fault at a known instruction), mprotect of the first
 * page, madvise DONTNEED of the second, munmap of both; a fork whose
 * child writes a shared page (a COW copy) and exits 3; the C library's
 * lines through trace_event (1002: a malloc, a realloc, a free, an aligned
 * malloc), and one call with an unknown
 * kind, which must be -EINVAL. (The suite makes the other faults itself.)
 *
 * Its exit status says what AT_INTERLUDE_TRACE was in its auxiliary
 * vector: 40 + the value (41 traced, 40 not), or 50 if the entry is
 * missing, so the suite checks the entry both ways; 60 + n if check n failed.
 */
#include "rt/rt.h"

#include "interlude/auxv.h"

/* The addresses the suite expects in the lines (trace_test.c has the same). */
#define PROBE_MAP 0x20000000L
#define PROBE_BLOCK 0x12340L
#define PROBE_SITE 0x401234L

extern long *initial_sp; /* rt/start_c.c */

static char shared[4096] __attribute__((aligned(4096)));

/* Returns AT_INTERLUDE_TRACE's value, or -1 if the vector has no such entry. */
static long auxv_trace(void)
{
	long *p = initial_sp + 1 + initial_sp[0] + 1; /* past argc, argv, NULL */
	while (*p)
		p++; /* the environment */
	for (p++; p[0] != AT_NULL; p += 2)
		if (p[0] == AT_INTERLUDE_TRACE)
			return p[1];
	return -1;
}

/* Returns Interlude's trace_event(kind, a, b, c, path, site). */
static long trace_event(long kind, long a, long b, long c, long path, long site)
{
	return __syscall6(SYS_trace_event, kind, a, b, c, path, site);
}

int main(void)
{
	long b0 = rt_brk(0);
	if (rt_brk(b0 + PAGE) != b0 + PAGE || __syscall1(SYS_sbrk, -PAGE) != b0 + PAGE)
		return 61;
	long m = rt_anon(PROBE_MAP, 2 * PAGE, PROT_RW, MAP_FIXED);
	if (m != PROBE_MAP)
		return 62;
	((volatile char *)m)[0] = 1; /* a zero-fill fault */
	if (rt_mprotect(m, PAGE, PROT_READ) != 0 ||
	    __syscall3(SYS_madvise, m + PAGE, PAGE, MADV_DONTNEED) != 0 ||
	    rt_munmap(m, 2 * PAGE) != 0)
		return 63;
	((volatile char *)shared)[0] = 1;
	long child = __syscall0(SYS_fork);
	if (child == 0) {
		((volatile char *)shared)[0] = 2; /* a COW copy */
		__syscall1(SYS_exit, 3);
	}
	int status = 0;
	if (child <= 0 || __syscall4(SYS_wait4, child, &status, 0, 0) != child ||
	    status != (3 << 8))
		return 64;
	if (trace_event(TRACE_USER_MALLOC, 24, PROBE_BLOCK, 0, TRACE_PATH_CLASS, PROBE_SITE) != 0 ||
	    trace_event(TRACE_USER_REALLOC, PROBE_BLOCK, 5000, PROBE_BLOCK + 0x1000, TRACE_PATH_MID,
			PROBE_SITE) != 0 ||
	    trace_event(TRACE_USER_FREE, PROBE_BLOCK + 0x1000, 0, 0, TRACE_PATH_NONE, 0) != 0 ||
	    trace_event(TRACE_USER_MALLOC, 100, PROBE_BLOCK + 0x2000, 64, TRACE_PATH_CLASS,
			PROBE_SITE) != 0)
		return 65;
	if (trace_event(99, 0, 0, 0, 0, 0) != -EINVAL)
		return 66;
	long t = auxv_trace();
	return t < 0 ? 50 : 40 + (int)t;
}
