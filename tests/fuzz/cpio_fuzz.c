/*
 * cpio_fuzz.c - a libFuzzer target for the cpio newc parser (fs/cpio.c)
 * and the tree built from it (fs/bootfs.c).
 *
 *   make build/fuzz/cpio_fuzz && build/fuzz/cpio_fuzz tests/fuzz/corpus/cpio
 *
 * The input is the archive, in a heap buffer of exactly its size, so ASan
 * catches any read past its end. Every input must be either refused with
 * -EINVAL and a printable one-line sentence, or accepted; for every entry
 * handed to the callback the target checks the parser's promises (the
 * name NUL-terminated inside the archive, the data inside the archive),
 * and then builds the tree and checks that every node's bytes lie inside
 * the archive and that freeing it leaves no kernel heap object behind.
 */
#include "fs/cpio.h"
#include "fs/node.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/kmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t *arc;
static size_t arc_len;

/* Stops the run: a promise was broken. */
__attribute__((noreturn)) static void fail(const char *what)
{
	fprintf(stderr, "cpio_fuzz: %s\n", what);
	abort();
}

/* Returns true if [p, p + n) lies inside the archive. */
static bool inside(const void *p, size_t n)
{
	const uint8_t *b = p;
	return b >= arc && b <= arc + arc_len && n <= (size_t)(arc + arc_len - b);
}

/* Checks one entry's promises. */
static int check_entry(const struct cpio_entry *e, void *ctx)
{
	(void)ctx;
	size_t n = strnlen(e->name, CPIO_NAME_MAX);
	if (!inside(e->name, n + 1))
		fail("a name outside the archive");
	if (!inside(e->data, e->size))
		fail("data outside the archive");
	return 0;
}

/* Checks that every node below n keeps its bytes inside the archive. */
static void check_nodes(const struct fs_node *n, int depth)
{
	if (depth > 3000)
		fail("a tree deeper than any name allows");
	if (n->size && !inside(n->data, n->size))
		fail("a node's bytes outside the archive");
	for (const struct fs_node *c = n->children; c; c = c->next) {
		if (c->parent != n)
			fail("a child whose parent is another node");
		check_nodes(c, depth + 1);
	}
}

/* Checks a refusal's sentence: one printable line. */
static void check_sentence(const char *err, size_t errlen)
{
	size_t n = strnlen(err, errlen);
	if (n == 0 || n == errlen)
		fail("a refusal without a sentence");
	for (size_t i = 0; i < n; i++)
		if (err[i] == '\n')
			fail("a sentence of several lines");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready && !(ready = kheap_init()))
		fail("no kernel heap");
	arc = data, arc_len = size;
	char err[160];
	int r = cpio_parse(data, size, check_entry, NULL, err, sizeof err);
	if (r != 0 && r != -EINVAL)
		fail("a result other than 0 or -EINVAL");
	if (r < 0)
		check_sentence(err, sizeof err);
	unsigned long objects = kheap_live_objects();
	struct fs_tree t;
	int rt = fs_tree_build(&t, data, size, err, sizeof err);
	if (rt == 0) {
		if (r != 0)
			fail("a tree from an archive the parser refused");
		check_nodes(t.root, 0);
		fs_tree_free(&t);
	} else {
		if (rt != -EINVAL && rt != -ENOMEM)
			fail("the tree failed with an unexpected result");
		check_sentence(err, sizeof err);
		if (t.root)
			fail("a refused tree was not freed");
	}
	if (kheap_live_objects() != objects)
		fail("the tree leaked kernel heap objects");
	return 0;
}
