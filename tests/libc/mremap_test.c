/*
 * mremap_test.c - mremap(2) from a program: shrinking, growing in place,
 * moving with the contents (and the pages' identity: a moved page is not
 * a copy), MREMAP_FIXED over another mapping, MREMAP_DONTUNMAP, a fork's
 * copy-on-write pages moved in the child, realloc of large blocks (the
 * allocator's mremap), and the errno of each bad argument. Only what both
 * kernels agree on is printed (no addresses), so make test runs it on
 * Linux and on Interlude and requires the same output.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "mem_probe.h"

#define PAGE 4096L
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

/* Maps n private pages; the address, or NULL. */
static char *map(long n)
{
	void *p = mmap(NULL, n * PAGE, RW, ANON, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Maps n pages followed by one read-only page, so the first n cannot grow in place. */
static char *map_blocked(long n)
{
	char *p = map(n + 1);
	if (p && mprotect(p + n * PAGE, PAGE, PROT_READ) != 0)
		return NULL;
	return p;
}

/* Writes page i's first and last bytes with a pattern of its number. */
static void fill(char *p, long n)
{
	for (long i = 0; i < n; i++) {
		p[i * PAGE] = (char)('a' + i);
		p[i * PAGE + PAGE - 1] = (char)('A' + i);
	}
}

/* Returns 1 if fill's pattern is intact in the n pages at p. */
static int intact(const char *p, long n)
{
	for (long i = 0; i < n; i++)
		if (p[i * PAGE] != (char)('a' + i) || p[i * PAGE + PAGE - 1] != (char)('A' + i))
			return 0;
	return 1;
}

/* Returns 1 if the page at p is mapped (reading it does not fault). */
static int mapped(const char *p)
{
	return probe_read(p) != -1;
}

/* Returns errno after a failed mremap, or 0 if it succeeded. */
static int err_of(void *p, long old, long len, int flags, void *to)
{
	errno = 0;
	void *r = mremap(p, old, len, flags, to);
	return r == MAP_FAILED ? errno : 0;
}

static void test_shrink_and_grow(void)
{
	char *p = map(4);
	fill(p, 4);
	EXPECT(mremap(p, 4 * PAGE, 2 * PAGE - 100, 0) == p, "shrinking keeps the address");
	EXPECT(intact(p, 2), "and the pages kept");
	EXPECT(!mapped(p + 2 * PAGE), "the tail is unmapped");
	EXPECT(mremap(p, 2 * PAGE, 4 * PAGE, 0) == p,
	       "growing into the freed range stays in place");
	EXPECT(intact(p, 2), "the pages stay");
	EXPECT_EQ(p[3 * PAGE], 0, "the new pages are zero");
	p[3 * PAGE] = 'z';
	EXPECT(mremap(p, 4 * PAGE, 4 * PAGE, 0) == p, "the same size is a no-op");
	munmap(p, 4 * PAGE);
}

static void test_move(void)
{
	char *p = map_blocked(4);
	fill(p, 4);
	errno = 0;
	EXPECT(mremap(p, 4 * PAGE, 8 * PAGE, 0) == MAP_FAILED && errno == ENOMEM,
	       "blocked, without MREMAP_MAYMOVE: ENOMEM");
	EXPECT(intact(p, 4), "and nothing changed");
	char *q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	EXPECT(q != MAP_FAILED && q != p, "MREMAP_MAYMOVE moves it");
	if (q == MAP_FAILED) {
		munmap(p, 5 * PAGE);
		return;
	}
	EXPECT(intact(q, 4), "with its contents");
	EXPECT_EQ(q[7 * PAGE], 0, "the grown part is zero");
	q[7 * PAGE] = 1;
	EXPECT(!mapped(p), "the old range is unmapped");
	EXPECT(mapped(p + 4 * PAGE), "its read-only neighbour stays");
	/* The middle of an area moves out, leaving both sides. */
	char *r = mremap(q + PAGE, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE);
	EXPECT(r != MAP_FAILED && r[0] == 'b' && r[PAGE] == 'c', "a middle piece moves");
	EXPECT(q[0] == 'a' && q[3 * PAGE] == 'd', "its neighbours stay");
	EXPECT(!mapped(q + PAGE) && !mapped(q + 2 * PAGE), "where it was is a hole");
	munmap(r, 3 * PAGE);
	munmap(q, 8 * PAGE);
	munmap(p, 5 * PAGE);
}

static void test_fixed_and_dontunmap(void)
{
	char *p = map(3), *t = map(6);
	fill(p, 3);
	memset(t, 'x', 6 * PAGE);
	char *q = mremap(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + PAGE);
	EXPECT(q == t + PAGE, "MREMAP_FIXED goes exactly there");
	if (q != t + PAGE) {
		munmap(p, 3 * PAGE);
		munmap(t, 6 * PAGE);
		return;
	}
	EXPECT(intact(q, 3) && q[3 * PAGE] == 0, "replacing what was there");
	EXPECT(t[0] == 'x' && t[5 * PAGE] == 'x', "around it, the old mapping stays");
	EXPECT(!mapped(p), "the source is gone");
	/* DONTUNMAP: the pages move, the old range stays mapped and reads zero. */
	char *d = map(2);
	fill(d, 2);
	char *e = mremap(d, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	EXPECT(e != MAP_FAILED && e != d, "MREMAP_DONTUNMAP moves");
	EXPECT(e != MAP_FAILED && intact(e, 2), "the contents");
	EXPECT(d[0] == 0 && d[PAGE] == 0, "and leaves the old range, empty");
	munmap(d, 2 * PAGE);
	if (e != MAP_FAILED)
		munmap(e, 2 * PAGE);
	munmap(t, 6 * PAGE);
}

static void test_errors(void)
{
	char *p = map_blocked(2);
	char *hole = map(1);
	munmap(hole, PAGE);
	EXPECT_EQ(err_of(p, PAGE, 2 * PAGE, 8, NULL), EINVAL, "an unknown flag");
	EXPECT_EQ(err_of(p, PAGE, 2 * PAGE, MREMAP_FIXED, hole), EINVAL, "FIXED without MAYMOVE");
	EXPECT_EQ(err_of(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL), EINVAL,
		  "DONTUNMAP with a new size");
	EXPECT_EQ(err_of(p + 1, PAGE, 2 * PAGE, 0, NULL), EINVAL, "a misaligned address");
	EXPECT_EQ(err_of(p, PAGE, 0, 0, NULL), EINVAL, "new size 0");
	EXPECT_EQ(err_of(hole, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT, "nothing mapped");
	EXPECT_EQ(err_of(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT,
		  "a range across two areas");
	EXPECT_EQ(err_of(p, 0, PAGE, MREMAP_MAYMOVE, NULL), EINVAL, "old size 0 of private memory");
	EXPECT_EQ(err_of(p, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + 1), EINVAL,
		  "a misaligned new address");
	EXPECT_EQ(err_of(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE), EINVAL,
		  "an overlapping new range");
	EXPECT_EQ(err_of(p, PAGE, 2 * PAGE, 0, NULL), ENOMEM, "no room to grow in place");
	munmap(p, 3 * PAGE);
}

/*
 * Linux 6.17 on: a MREMAP_FIXED move of the same size takes every area of
 * the range along, each to its offset, and leaves the target of a gap as
 * it was; a resize across areas, a bad target or a new size past user
 * space is refused before anything is unmapped; DONTUNMAP compares sizes
 * in whole pages. (The differential syscall fuzzer found each.)
 */
static void test_across_areas(void)
{
	char *p = map(6), *t = map(6);
	fill(p, 6);
	mprotect(p + 2 * PAGE, PAGE, PROT_READ);
	munmap(p + 4 * PAGE, PAGE); /* areas: 0-1 rw, 2 r, 3 rw, a gap, 5 rw */
	EXPECT_EQ(err_of(p + PAGE, 3 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t), EFAULT,
		  "a shrink whose rest spans two areas");
	EXPECT_EQ(err_of(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t), EFAULT,
		  "a growth across two areas");
	EXPECT(probe_read(t) == 0 && probe_read(p + 3 * PAGE) == 'd',
	       "refused before the target or the tail was unmapped");
	EXPECT_EQ(err_of(p + 4 * PAGE, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + 1), EINVAL,
		  "a bad target, before the old range is looked up");
	EXPECT_EQ(err_of(p, PAGE, 1L << 47, 0, NULL), EINVAL, "a new size past user space");
	char *q = mremap(p + 5 * PAGE, PAGE, 1, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	EXPECT(q != MAP_FAILED && q[0] == 'f', "DONTUNMAP from a page to 1 byte: the same size");
	if (q != MAP_FAILED)
		munmap(q, PAGE);
	q = mremap(p, 6 * PAGE, 6 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	EXPECT(q == t, "a move of the same size takes every area along");
	EXPECT(t[0] == 'a' && t[PAGE] == 'b' && t[2 * PAGE] == 'c' && t[3 * PAGE] == 'd',
	       "with their pages");
	EXPECT(probe_write(t + 2 * PAGE, 'x') < 0 && probe_write(t + 3 * PAGE, 'x') == 0,
	       "and their protections");
	EXPECT(probe_read(t + 4 * PAGE) == 0, "the target of the gap is left as it was");
	EXPECT(probe_read(t + 5 * PAGE) == 0, "DONTUNMAP left its old page empty");
	EXPECT(probe_read(p) < 0 && probe_read(p + 3 * PAGE) < 0, "the old range is gone");
	munmap(t, 6 * PAGE);
}

static void test_fork(void)
{
	char *p = map_blocked(4);
	fill(p, 4);
	pid_t pid = fork();
	if (pid == 0) {
		/* The child moves the shared (copy-on-write) pages and writes them. */
		char *q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
		int ok = q != MAP_FAILED && intact(q, 4);
		if (ok)
			q[0] = 'Q';
		_exit(ok && q[0] == 'Q' && q[PAGE] == 'b' ? 0 : 1);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a child moves its copy-on-write pages");
	EXPECT(intact(p, 4), "the parent's stay as they were");
	char *q = mremap(p, 4 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
	EXPECT(q != MAP_FAILED && intact(q, 4), "and move in the parent too");
	munmap(q, 6 * PAGE);
	munmap(p + 4 * PAGE, PAGE);
}

static void test_realloc(void)
{
	size_t n = 256 * 1024;
	unsigned char *b = malloc(n);
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 7);
	int ok = 1;
	for (int round = 0; round < 5 && ok; round++) {
		void *blocker = malloc(64 * 1024); /* may stop growing in place */
		unsigned char *c = realloc(b, n * 2);
		ok = c != NULL;
		for (size_t i = 0; ok && i < n; i++)
			ok = c[i] == (unsigned char)(i * 7);
		if (c) {
			b = c;
			for (size_t i = n; i < 2 * n; i++)
				b[i] = (unsigned char)(i * 7);
			n *= 2;
		}
		free(blocker);
	}
	EXPECT(ok, "realloc of a large block keeps its contents, up to 8 MiB");
	free(b);
}

static void tests(void)
{
	(void)say; /* mem_probe.h's printer: ktap prints here */
	probe_install();
	test_shrink_and_grow();
	test_move();
	test_fixed_and_dontunmap();
	test_errors();
	test_across_areas();
	test_fork();
	test_realloc();
}

int main(void)
{
	return ktap_run(tests);
}
