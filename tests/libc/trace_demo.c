/*
 * trace_demo.c - one of each memory event, for the memory trace (docs/TRACE.md).
 *
 * make trace PROG=tests/libc/trace_demo.c runs it traced; tests/trace/
 * example.jsonl is its recorded trace, and tests/trace/trace_test.py
 * checks that a traced run has every kind of line it should and prints
 * exactly what an untraced run prints. What it does, in order:
 *
 *   malloc of each tier (the sparse span a size's first blocks share, a
 *   size class's own span, a mid block, a page run, its own mmap), a
 *   realloc that moves, frees; sbrk and brk up and down; mmap, a touch of
 *   each page (zero-fill faults), mprotect to read-only, madvise
 *   DONTNEED, munmap; a recursion 64 pages deep, past the 128 KiB the
 *   stack starts with (stack growth); fork,
 *   where the child writes a shared page (a COW copy) and exits, and the
 *   parent then writes its page (the last sharer: COW reuse).
 *
 * Its output is the same on Linux and under Interlude, traced or not: it
 * prints no address, only what it checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

/* Prints one check's verdict; counts the failures for the exit status. */
static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

/* Returns the sum of a recursion n frames deep, each with a page of its own. */
static __attribute__((noinline)) long deep(int n)
{
	volatile char page[4096];
	page[0] = (char)n;
	page[4095] = (char)n;
	if (n == 0)
		return 0;
	long below = deep(n - 1);
	return below + page[4095]; /* read after the call: each frame lives through it */
}

/* The five tiers of malloc, a moving realloc, and the frees: of the 40
 * blocks of 24 bytes, the first are in the sparse span (up to 768 bytes of
 * them), the others in their class's own span. */
static void heap_calls(void)
{
	char *few[40];
	for (int i = 0; i < 40; i++) {
		few[i] = malloc(24);
		check(few[i] != NULL, "malloc(24)");
	}
	char *small = malloc(24), *mid = malloc(2000), *run = malloc(40000);
	char *big = malloc(300000);
	check(small && mid && run && big, "malloc of a small, a mid, a run and an mmapped block");
	memset(small, 1, 24), memset(mid, 2, 2000), memset(run, 3, 40000), memset(big, 4, 300000);
	char *grown = realloc(small, 5000);
	check(grown && grown[23] == 1, "realloc keeps the contents");
	free(grown), free(mid), free(run), free(big);
	for (int i = 0; i < 40; i++)
		free(few[i]);
}

/* The break moved up, touched, and back. */
static void break_calls(void)
{
	char *old = sbrk(0);
	char *got = sbrk(8192);
	check(got == old, "sbrk(8192) returns the old break");
	got[0] = got[8191] = 5;
	check(sbrk(-8192) != (void *)-1 && sbrk(0) == old, "sbrk(-8192) gives it back");
	check(brk(old + 4096) == 0 && brk(old) == 0, "brk up a page and back");
}

/* An area mapped, touched, protected, discarded and unmapped. */
static void mapping_calls(void)
{
	size_t len = 4 * 4096;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED, "mmap of four pages");
	for (size_t i = 0; i < len; i += 4096)
		m[i] = 6;
	check(mprotect(m, 4096, PROT_READ) == 0, "mprotect of the first page to read-only");
	check(madvise(m + 4096, 4096, MADV_DONTNEED) == 0 && m[4096] == 0,
	      "madvise DONTNEED: the page reads zero again");
	check(munmap(m, len) == 0, "munmap of the four pages");
	check(munmap(m, 4095) == 0, "munmap of what is already unmapped succeeds");
	check(mprotect((void *)1, 4096, PROT_READ) == -1, "mprotect of an unaligned address fails");
}

/* A child writes a page shared with its parent, then the parent writes it. */
static void fork_calls(void)
{
	static char shared[4096] __attribute__((aligned(4096)));
	shared[0] = 7;
	pid_t child = fork();
	if (child == 0) {
		shared[0] = 8; /* a copy of its own */
		_exit(shared[0] == 8 ? 0 : 1);
	}
	int status = 0;
	check(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0,
	      "the child wrote its own copy and exited");
	check(shared[0] == 7, "the parent still sees its value");
	shared[0] = 9; /* the last sharer: no copy needed */
	check(shared[0] == 9, "the parent writes its page");
}

int main(void)
{
	heap_calls();
	break_calls();
	mapping_calls();
	check(deep(64) == 2080, "a recursion 64 pages deep: 64 + 63 + ... + 1");
	fork_calls();
	printf("%s\n", failures ? "some checks FAILED" : "all checks passed");
	return failures != 0;
}
