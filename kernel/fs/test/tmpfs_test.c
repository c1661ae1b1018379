/*
 * tmpfs_test.c - /tmp's files (suite "tmpfs", in the kernel): their pages
 * made on a write, zeroes in the holes, truncation both ways, the nodes
 * that outlive their names while held, renames, and what the leak check
 * counts. Every test works in /tmp itself and leaves it as it found it;
 * the harness then checks that no frame or heap object is left behind.
 */
#include "arch/x86_64/memlayout.h"
#include "fs/memmark.h"
#include "fs/path.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "test/ktest.h"

/* A regular file called name in /tmp (the test fails without one). */
static struct fs_node *make_file(const char *name)
{
	struct fs_node *n = NULL;
	int r = tmpfs_create(tmpfs_root(), name, strlen(name), FS_S_IFREG | 0644, NULL, 0, &n);
	return r == 0 ? n : NULL;
}

/* Writes the kernel bytes buf[0, len) at off: the count or -errno. */
static int64_t put(struct fs_node *n, const void *buf, uint64_t len, uint64_t off)
{
	return tmpfs_write(n, 0, buf, len, &off);
}

/* True if n's bytes [off, off + len) are all c. */
static bool all(struct fs_node *n, uint64_t off, size_t len, uint8_t c)
{
	static uint8_t buf[PAGE_SIZE];
	while (len > 0) {
		size_t k = len < sizeof buf ? len : sizeof buf;
		if (tmpfs_read_kernel(n, buf, k, off) != k)
			return false;
		for (size_t i = 0; i < k; i++)
			if (buf[i] != c)
				return false;
		off += k, len -= k;
	}
	return true;
}

KTEST(tmpfs, a_write_makes_pages_and_a_truncation_frees_them)
{
	ASSERT_NOT_NULL(tmpfs_root());
	uint64_t frames = tmpfs_frames();
	unsigned long objects = tmpfs_objects();
	struct fs_node *n = make_file("ktest-pages");
	ASSERT_NOT_NULL(n);
	static uint8_t x[3 * PAGE_SIZE + 100];
	memset(x, 'x', sizeof x);
	EXPECT_EQ(put(n, x, sizeof x, 0), (int64_t)sizeof x);
	EXPECT_EQ(n->size, sizeof x);
	EXPECT_EQ(n->pages, 4u);
	EXPECT_EQ(tmpfs_frames(), frames + 4);
	EXPECT_TRUE(all(n, 0, sizeof x, 'x'));
	EXPECT_EQ(tmpfs_truncate(n, 5000), 0);
	EXPECT_EQ(n->pages, 2u); /* the pages past 5000 went */
	EXPECT_EQ(tmpfs_truncate(n, 3 * PAGE_SIZE), 0);
	EXPECT_EQ(n->pages, 2u); /* a growth takes no page */
	EXPECT_TRUE(all(n, 0, 5000, 'x'));
	EXPECT_TRUE(all(n, 5000, 3 * PAGE_SIZE - 5000, 0)); /* the cut tail reads zeroes again */
	EXPECT_EQ(tmpfs_truncate(n, 0), 0);
	EXPECT_EQ(n->pages, 0u);
	EXPECT_EQ(tmpfs_frames(), frames);
	tmpfs_remove(n);
	EXPECT_EQ(tmpfs_objects(), objects);
}

KTEST(tmpfs, a_hole_costs_no_page_and_reads_zeroes)
{
	struct fs_node *n = make_file("ktest-hole");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(put(n, "!", 1, 10 * PAGE_SIZE + 7), 1);
	EXPECT_EQ(n->size, 10 * PAGE_SIZE + 8);
	EXPECT_EQ(n->pages, 1u);
	EXPECT_TRUE(all(n, 0, 10 * PAGE_SIZE + 7, 0));
	EXPECT_TRUE(all(n, 10 * PAGE_SIZE + 7, 1, '!'));
	uint8_t b;
	EXPECT_EQ(tmpfs_read_kernel(n, &b, 1, n->size), 0u); /* the end */
	tmpfs_remove(n);
}

KTEST(tmpfs, a_file_may_be_huge_and_sparse_but_not_past_linux_s_largest)
{
	struct fs_node *n = make_file("ktest-big");
	ASSERT_NOT_NULL(n);
	uint64_t max = (uint64_t)INT64_MAX;
	EXPECT_EQ(tmpfs_truncate(n, (uint64_t)1 << 40), 0); /* 1 TiB of hole: no page */
	EXPECT_EQ(n->pages, 0u);
	EXPECT_TRUE(all(n, ((uint64_t)1 << 40) - 3, 3, 0));
	EXPECT_EQ(put(n, "ab", 2, (uint64_t)1 << 40), -EFBIG); /* a page past what /tmp holds */
	EXPECT_EQ(put(n, "ab", 2, tmpfs_max_pages() * PAGE_SIZE - 1), 1); /* cut at it */
	EXPECT_EQ(n->pages, 1u);
	EXPECT_LE(n->nframes, tmpfs_max_pages()); /* frames[] no longer than that */
	EXPECT_EQ(tmpfs_truncate(n, 0), 0);
	EXPECT_NULL(n->frames); /* empty: its page table went too */
	EXPECT_EQ(tmpfs_truncate(n, max), 0);
	EXPECT_EQ(put(n, "ab", 2, max), -EFBIG);
	EXPECT_EQ(tmpfs_truncate(n, max + 1), -EFBIG);
	tmpfs_remove(n);
}

KTEST(tmpfs, a_full_file_system_says_enospc)
{
	struct fs_node *n = make_file("ktest-full");
	ASSERT_NOT_NULL(n);
	static uint8_t x[PAGE_SIZE];
	memset(x, 'f', sizeof x);
	uint64_t room = tmpfs_max_pages() - tmpfs_frames(), off = 0;
	for (uint64_t i = 0; i < room; i++)
		if (put(n, x, sizeof x, i * PAGE_SIZE) != (int64_t)sizeof x)
			break;
	EXPECT_EQ(n->pages, room);
	EXPECT_EQ(tmpfs_frames(), tmpfs_max_pages());
	off = room * PAGE_SIZE;
	EXPECT_EQ(tmpfs_write(n, 0, x, 1, &off), -ENOSPC);
	EXPECT_EQ(put(n, "y", 1, 7), 1); /* a page it has takes writes still */
	tmpfs_remove(n);
}

KTEST(tmpfs, a_held_node_outlives_its_name)
{
	uint64_t nodes = tmpfs_nodes();
	struct fs_node *n = make_file("ktest-held");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(put(n, "data", 4, 0), 4);
	tmpfs_hold(n);
	tmpfs_remove(n);
	EXPECT_NULL(fs_child(tmpfs_root(), "ktest-held", 10));
	EXPECT_EQ(n->nlink, 0u);
	EXPECT_EQ(tmpfs_nodes(), nodes + 1); /* still there */
	EXPECT_TRUE(all(n, 0, 1, 'd'));
	tmpfs_unhold(n); /* the last hold frees it */
	EXPECT_EQ(tmpfs_nodes(), nodes);
}

KTEST(tmpfs, directories_count_their_subdirectories_links)
{
	struct fs_node *root = tmpfs_root(), *d, *e;
	uint32_t links = root->nlink;
	ASSERT_EQ(tmpfs_create(root, "ktest-d", 7, FS_S_IFDIR | 0755, NULL, 0, &d), 0);
	EXPECT_EQ(root->nlink, links + 1);
	EXPECT_EQ(d->nlink, 2u);
	EXPECT_EQ(tmpfs_create(root, "ktest-d", 7, FS_S_IFREG | 0644, NULL, 0, &e), -EEXIST);
	ASSERT_EQ(tmpfs_create(d, "e", 1, FS_S_IFDIR | 0755, NULL, 0, &e), 0);
	EXPECT_EQ(d->nlink, 3u);
	tmpfs_move(e, root, "ktest-e", 7, NULL); /* out of d, into /tmp */
	EXPECT_EQ(d->nlink, 2u);
	EXPECT_EQ(root->nlink, links + 2);
	EXPECT_EQ(e->parent, root);
	EXPECT_STREQ(e->name, "ktest-e");
	tmpfs_remove(e);
	tmpfs_remove(d);
	EXPECT_EQ(root->nlink, links);
}

KTEST(tmpfs, a_rename_over_a_file_frees_it_and_an_exchange_swaps)
{
	uint64_t nodes = tmpfs_nodes();
	struct fs_node *a = make_file("ktest-a"), *b = make_file("ktest-b");
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ(put(b, "old", 3, 0), 3);
	tmpfs_exchange(a, b);
	EXPECT_STREQ(a->name, "ktest-b");
	EXPECT_STREQ(b->name, "ktest-a");
	tmpfs_move(a, tmpfs_root(), "ktest-a", 7, b); /* over b, which goes */
	EXPECT_EQ(tmpfs_nodes(), nodes + 1);
	EXPECT_EQ(fs_child(tmpfs_root(), "ktest-a", 7), a);
	EXPECT_NULL(fs_child(tmpfs_root(), "ktest-b", 7));
	tmpfs_remove(a);
	EXPECT_EQ(tmpfs_nodes(), nodes);
}

KTEST(tmpfs, a_symbolic_link_keeps_its_target)
{
	struct fs_node *l;
	ASSERT_EQ(tmpfs_create(tmpfs_root(), "ktest-l", 7, FS_S_IFLNK | 0777, "target", 6, &l), 0);
	EXPECT_EQ(l->size, 6u);
	EXPECT_EQ(memcmp(l->data, "target", 6), 0);
	tmpfs_remove(l);
}

KTEST(tmpfs, the_leak_check_counts_files_as_in_use_and_still_finds_a_leak)
{
	struct mem_mark before, after;
	mem_mark_take(&before);
	struct fs_node *n = make_file("ktest-kept");
	ASSERT_NOT_NULL(n);
	static uint8_t x[5 * PAGE_SIZE];
	memset(x, 1, sizeof x);
	EXPECT_EQ(put(n, x, sizeof x, 0), (int64_t)sizeof x);
	mem_mark_take(&after);
	EXPECT_TRUE(mem_mark_same(&before, &after)); /* a file left behind is no leak */
	void *lost = kmalloc(64);
	ASSERT_NOT_NULL(lost);
	mem_mark_take(&after);
	EXPECT_FALSE(mem_mark_same(&before, &after)); /* an object is, beside a file */
	kfree(lost);
	tmpfs_remove(n);
	mem_mark_take(&after);
	EXPECT_TRUE(mem_mark_same(&before, &after));
	EXPECT_EQ(after.free_frames, before.free_frames); /* exactly, once /tmp is empty again */
}

KTEST(tmpfs, a_held_node_keeps_its_directory_even_once_removed)
{
	uint64_t nodes = tmpfs_nodes();
	struct fs_node *d, *f, *g;
	ASSERT_EQ(tmpfs_create(tmpfs_root(), "ktest-dir", 9, FS_S_IFDIR | 0755, NULL, 0, &d), 0);
	ASSERT_EQ(tmpfs_create(d, "f", 1, FS_S_IFREG | 0644, NULL, 0, &f), 0);
	tmpfs_hold(f); /* an open file */
	tmpfs_remove(f);
	EXPECT_EQ(f->parent, d); /* its path still leads through d */
	EXPECT_EQ(d->opens, 1u);
	EXPECT_NULL(d->children);
	tmpfs_remove(d); /* empty: removed, but f holds it */
	EXPECT_EQ(tmpfs_nodes(), nodes + 2);
	EXPECT_EQ(tmpfs_create(d, "g", 1, FS_S_IFREG | 0644, NULL, 0, &g), -ENOENT);
	tmpfs_unhold(f);
	EXPECT_EQ(tmpfs_nodes(), nodes); /* f went, and d with it */
}

KTEST(tmpfs, a_deep_tree_costs_no_kernel_stack)
{
	enum { DEPTH = 3000 }; /* far more frames than a 16 KiB kernel stack holds */
	uint64_t nodes = tmpfs_nodes();
	static struct fs_node *dirs[DEPTH];
	struct fs_node *d = tmpfs_root(), *f;
	for (int i = 0; i < DEPTH; i++) {
		ASSERT_EQ(tmpfs_create(d, "d", 1, FS_S_IFDIR | 0755, NULL, 0, &dirs[i]), 0);
		d = dirs[i];
	}
	ASSERT_EQ(tmpfs_create(d, "f", 1, FS_S_IFREG | 0644, NULL, 0, &f), 0);
	EXPECT_EQ(put(f, "x", 1, 0), 1);
	char path[FS_PATH_MAX];
	EXPECT_EQ(fs_loc_path((struct fs_loc){f, 0, 0}, path, sizeof path), -ERANGE);
	tmpfs_hold(f);
	tmpfs_remove(f);
	for (int i = DEPTH - 1; i >= 0; i--)
		tmpfs_remove(dirs[i]); /* each held by what was below it */
	EXPECT_EQ(tmpfs_nodes(), nodes + DEPTH + 1);
	tmpfs_unhold(f); /* frees the whole chain */
	EXPECT_EQ(tmpfs_nodes(), nodes);
}

KTEST(tmpfs, a_hard_link_is_a_second_name_and_the_file_outlives_the_first)
{
	uint64_t nodes = tmpfs_nodes();
	unsigned long objects = tmpfs_objects();
	struct fs_node *root = tmpfs_root(), *f = make_file("ktest-h1");
	ASSERT_NOT_NULL(f);
	ASSERT_EQ(tmpfs_link(root, "ktest-h2", 8, f), 0);
	EXPECT_EQ(tmpfs_link(root, "ktest-h2", 8, f), -EEXIST);
	struct fs_node *h2 = fs_child(root, "ktest-h2", 8);
	ASSERT_NOT_NULL(h2);
	EXPECT_EQ(fs_entry_node(h2), f); /* the walk's view: the file itself */
	EXPECT_EQ(f->nlink, 2u);
	EXPECT_EQ(tmpfs_nodes(), nodes + 1); /* a name is no inode */
	tmpfs_hold(f);
	tmpfs_unlink_name(f); /* its own name: it takes the other's place */
	EXPECT_NULL(fs_child(root, "ktest-h1", 8));
	EXPECT_EQ(fs_child(root, "ktest-h2", 8), f);
	EXPECT_STREQ(f->name, "ktest-h2");
	EXPECT_EQ(f->nlink, 1u);
	EXPECT_NULL(f->aliases);
	tmpfs_unlink_name(f); /* the last: held, so it lives on */
	EXPECT_EQ(tmpfs_nodes(), nodes + 1);
	EXPECT_EQ(tmpfs_link(root, "ktest-h3", 8, f), -ENOENT); /* no name to link from */
	tmpfs_unhold(f);
	EXPECT_EQ(tmpfs_nodes(), nodes);
	EXPECT_EQ(tmpfs_objects(), objects);
}
