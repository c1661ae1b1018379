/*
 * malloc_oom.c - running the machine out of memory through malloc:
 *
 *	malloc_oom [MIB]
 *
 * For each of several block sizes (small blocks from size classes, page
 * runs, blocks big enough for a mapping of their own), mallocs until it
 * returns NULL (or, with MIB, until MIB MiB were handed out), writing
 * every page of every block as it comes, then frees them all; then mallocs
 * the same number of blocks again and checks that the memory is usable
 * (written and read back).
 *
 * Without MIB the machine runs out of frames. As on Linux, whose default
 * overcommit heuristic refuses only a single request larger than RAM, the
 * kernel grants each growth of the heap and finds frames when they are
 * touched, so the end is not a NULL but an "out of memory" kill (137),
 * never a panic. make test boots Interlude at -m 16M and at -m 32M with
 * this program twice (tools/boot-programs.py): unbounded (status 137),
 * then bounded by MIB (status 0, every check passed: the memory the killed
 * program had is usable again); after each the kernel checks that the free
 * frames are back at their baseline and runs the invariant checker.
 *
 * The blocks of one size are chained through their own first word, so the
 * test needs no memory of its own that could run out first.
 *
 * Interlude only (no test-run line): natively it would take the host's
 * memory.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)

/* A block's first word links it to the one allocated before it. */
struct chain {
	struct chain *prev;
};

/* Writes every page of the n-byte block p (and its last byte) with a
 * pattern from seed, so that the kernel has to find a frame for each. */
static void touch(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = sizeof(struct chain); i < n; i += 4096)
		p[i] = (unsigned char)(i / 4096 + seed);
	p[n - 1] = (unsigned char)seed;
}

/* Returns 1 if the block still holds what touch(p, n, seed) wrote. */
static int intact(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = sizeof(struct chain); i < n; i += 4096)
		if (p[i] != (unsigned char)(i / 4096 + seed))
			return 0;
	return p[n - 1] == (unsigned char)seed;
}

/* Mallocs n-byte blocks until malloc returns NULL or `limit` blocks were
 * made; returns the newest block of the chain and sets *count. errno after
 * the NULL is left for the caller. */
static struct chain *fill(size_t n, size_t limit, unsigned seed, size_t *count)
{
	struct chain *last = NULL;
	*count = 0;
	while (*count < limit) {
		struct chain *c = malloc(n);
		if (!c)
			break;
		touch((unsigned char *)c, n, seed);
		c->prev = last;
		last = c;
		++*count;
	}
	return last;
}

/* Frees a chain; returns how many of its blocks were still intact. */
static size_t release(struct chain *last, size_t n, unsigned seed)
{
	size_t good = 0;
	while (last) {
		struct chain *prev = last->prev;
		good += (size_t)intact((unsigned char *)last, n, seed);
		free(last);
		last = prev;
	}
	return good;
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = {48, 1000, 24 * KiB, 200 * KiB, 3 * MiB};
	const size_t nsizes = sizeof sizes / sizeof sizes[0];
	size_t budget = argc > 1 ? (size_t)atol(argv[1]) * MiB : SIZE_MAX;
	ktap_begin((int)(4 * nsizes));
	for (size_t i = 0; i < nsizes; i++) {
		size_t n = sizes[i], first, again;
		errno = 0;
		struct chain *c = fill(n, budget / n, (unsigned)i, &first);
		int err = errno;
		if (budget == SIZE_MAX)
			EXPECT_EQ(err, ENOMEM, "%zu bytes: malloc's NULL comes with ENOMEM", n);
		else
			EXPECT_EQ(first, budget / n, "%zu bytes: %zu MiB in blocks", n,
				  budget / MiB);
		EXPECT_EQ(release(c, n, (unsigned)i), first, "%zu bytes: every block intact", n);
		/* The same number again, with another pattern: the memory freed
		 * above is usable. */
		c = fill(n, first, (unsigned)i + 100, &again);
		EXPECT_EQ(again, first, "%zu bytes: as many blocks again", n);
		EXPECT_EQ(release(c, n, (unsigned)i + 100), again,
			  "%zu bytes: the second round's blocks intact", n);
	}
	return ktap_end();
}
