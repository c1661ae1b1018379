/*
 * path_test.c - the path walk and the descriptor table (suites "path"
 * and "fd", in the kernel): a tree built from a small archive stands in
 * for the boot file system while each test runs.
 */
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/path.h"
#include "fs/procfs.h"
#include "fs/test/cpio_build.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "test/ktest.h"

static struct cpiot arc;
static struct fs_tree tree, saved;

/* Makes a test tree the boot tree: /a/b/f, links, a loop, and /proc. */
static void begin(void)
{
	char err[160];
	cpiot_begin(&arc);
	cpiot_add(&arc, "a/b/f", FS_S_IFREG | 0644, "hello", 5);
	cpiot_add(&arc, "a/up", FS_S_IFLNK | 0777, "..", 2);
	cpiot_add(&arc, "a/tof", FS_S_IFLNK | 0777, "b/f", 3);
	cpiot_add(&arc, "a/abs", FS_S_IFLNK | 0777, "/a/b", 4);
	cpiot_add(&arc, "loop", FS_S_IFLNK | 0777, "loop", 4);
	cpiot_add(&arc, "x", FS_S_IFREG | 0755, "\177ELF", 4);
	cpiot_end(&arc);
	saved = fs_boot_tree;
	if (fs_tree_build(&tree, arc.buf, arc.len, err, sizeof err) < 0)
		KTEST_FAIL("%s", err);
	fs_boot_tree = tree;
}

/* Puts the real boot tree back. */
static void end(void)
{
	fs_tree_free(&tree);
	fs_boot_tree = saved;
}

/* Returns the result of walking path from the root; *name is the node's. */
static int walk(const char *path, unsigned flags, const char **name)
{
	struct fs_loc l;
	int r = fs_walk(fs_root(), path, flags, &l, NULL);
	*name = r == 0 ? l.node->name : "";
	return r;
}

KTEST(path, components_dots_slashes_and_links)
{
	const char *n;
	begin();
	EXPECT_EQ(walk("/a/b/f", FS_FOLLOW, &n), 0);
	EXPECT_STREQ(n, "f");
	EXPECT_EQ(walk("//a/./b//f", FS_FOLLOW, &n), 0);
	EXPECT_EQ(walk("/a/b/../../a/b/f", FS_FOLLOW, &n), 0);
	EXPECT_EQ(walk("/../../a", FS_FOLLOW, &n), 0);
	EXPECT_STREQ(n, "a");
	EXPECT_EQ(walk("/a/tof", FS_FOLLOW, &n), 0);
	EXPECT_STREQ(n, "f");
	EXPECT_EQ(walk("/a/tof", 0, &n), 0);
	EXPECT_STREQ(n, "tof");
	EXPECT_EQ(walk("/a/up/a/abs/f", 0, &n), 0);
	EXPECT_STREQ(n, "f");
	EXPECT_EQ(walk("/a/abs/", 0, &n), 0); /* a trailing slash follows */
	EXPECT_STREQ(n, "b");
	end();
}

KTEST(path, each_error)
{
	const char *n;
	begin();
	EXPECT_EQ(walk("/a/b/f/g", FS_FOLLOW, &n), -ENOTDIR);
	EXPECT_EQ(walk("/a/b/f/", FS_FOLLOW, &n), -ENOTDIR);
	EXPECT_EQ(walk("/a/tof/", 0, &n), -ENOTDIR);
	EXPECT_EQ(walk("/a/nothing", FS_FOLLOW, &n), -ENOENT);
	EXPECT_EQ(walk("/loop", FS_FOLLOW, &n), -ELOOP);
	EXPECT_EQ(walk("/loop", 0, &n), 0);
	EXPECT_EQ(walk("/loop/x", 0, &n), -ELOOP);
	static char longname[300];
	memset(longname, 'a', 256);
	EXPECT_EQ(walk(longname, FS_FOLLOW, &n), -ENAMETOOLONG);
	struct fs_walk_info info;
	struct fs_loc l;
	EXPECT_EQ(fs_walk(fs_root(), "/a/new", 0, &l, &info), -ENOENT);
	EXPECT_TRUE(info.last_missing);
	EXPECT_EQ(fs_walk(fs_root(), "/new/x", 0, &l, &info), -ENOENT);
	EXPECT_FALSE(info.last_missing);
	end();
}

KTEST(path, a_place_has_a_path)
{
	char buf[64];
	struct fs_loc l;
	begin();
	ASSERT_EQ(fs_walk(fs_root(), "/a/abs", FS_FOLLOW, &l, NULL), 0);
	EXPECT_EQ(fs_loc_path(l, buf, sizeof buf), 4);
	EXPECT_STREQ(buf, "/a/b");
	EXPECT_EQ(fs_loc_path(fs_root(), buf, sizeof buf), 1);
	EXPECT_STREQ(buf, "/");
	EXPECT_EQ(fs_loc_path(l, buf, 4), -ERANGE);
	end();
}

KTEST(path, file_bytes_for_execve)
{
	const void *data;
	size_t size;
	begin();
	EXPECT_EQ(fs_file_bytes("/a", "../x", &data, &size), 0);
	EXPECT_EQ(size, 4u);
	EXPECT_EQ(memcmp(data, "\177ELF", 4), 0);
	EXPECT_EQ(fs_file_bytes("/", "a/b/f", &data, &size), -EACCES); /* no x bit */
	EXPECT_EQ(fs_file_bytes("/", "a", &data, &size), -EACCES);     /* a directory */
	EXPECT_EQ(fs_file_bytes("/", "a/none", &data, &size), -ENOENT);
	EXPECT_EQ(fs_file_bytes("/", "x/y", &data, &size), -ENOTDIR);
	EXPECT_EQ(fs_file_bytes("/", "", &data, &size), -ENOENT);
	end();
}

KTEST(fd, dup_close_fork_and_exec_keep_the_references)
{
	begin();
	unsigned long objects = kheap_live_objects();
	static struct fd_table t, child;
	ASSERT_EQ(fd_table_init_std(&t), 0);
	struct fs_loc l;
	ASSERT_EQ(fs_walk(fs_root(), "/a/b/f", FS_FOLLOW, &l, NULL), 0);
	struct file *f;
	ASSERT_EQ(file_open_node(l, FS_O_RDONLY, &f), 0);
	EXPECT_EQ(fd_install(&t, f, 0, false), 3);
	EXPECT_EQ(fd_install(&t, file_get(f), 0, true), 4);
	EXPECT_EQ(f->refs, 2);
	EXPECT_EQ(fd_table_fork(&child, &t), 0);
	EXPECT_EQ(f->refs, 4);
	EXPECT_TRUE(fd_cloexec(&child, 4));
	fd_table_close_on_exec(&child);
	EXPECT_NULL(fd_get(&child, 4));
	EXPECT_EQ(f->refs, 3);
	EXPECT_EQ(fd_close(&t, 3), 0);
	EXPECT_EQ(fd_close(&t, 3), -EBADF);
	EXPECT_EQ(fd_close(&t, FD_MAX), -EBADF);
	const void *data;
	size_t size;
	uint64_t id;
	EXPECT_EQ(fd_file_bytes(&child, 3, &data, &size, &id), 0);
	EXPECT_EQ(size, 5u);
	EXPECT_EQ(id, l.node->ino);
	EXPECT_EQ(fd_file_bytes(&child, 0, &data, &size, &id), -ENODEV); /* a terminal */
	EXPECT_EQ(fd_file_bytes(&child, 1, &data, &size, &id), -EACCES); /* write-only */
	EXPECT_EQ(fd_file_bytes(&child, 9, &data, &size, &id), -EBADF);
	fd_table_close_all(&child);
	fd_table_close_all(&t);
	EXPECT_EQ(kheap_live_objects(), objects);
	end();
}

KTEST(fd, the_table_is_full_at_rlimit_nofile)
{
	begin();
	static struct fd_table t;
	ASSERT_EQ(fd_table_init_std(&t), 0);
	struct file *f = t.fd[0];
	for (int i = 3; i < FD_MAX; i++)
		ASSERT_EQ(fd_install(&t, file_get(f), 0, false), i);
	EXPECT_EQ(fd_install(&t, f, 0, false), -EMFILE);
	EXPECT_EQ(fd_install(&t, f, FD_MAX, false), -EMFILE);
	EXPECT_EQ(f->refs, FD_MAX - 2);
	fd_table_close_all(&t);
	end();
}

KTEST(path, find_file_by_its_bytes_for_exe)
{
	begin();
	char copy[4];
	memcpy(copy, "\177ELF", 4);
	const struct fs_node *n = fs_find_file(fs_boot_tree.root, copy, 4);
	ASSERT_TRUE(n != NULL);
	EXPECT_STREQ(n->name, "x");
	char buf[32];
	struct fs_loc l = {(struct fs_node *)n, 0, 0};
	EXPECT_EQ(fs_loc_path(l, buf, sizeof buf), 2);
	EXPECT_STREQ(buf, "/x");
	EXPECT_TRUE(fs_find_file(fs_boot_tree.root, "\177ELG", 4) == NULL);
	EXPECT_TRUE(fs_find_file(fs_boot_tree.root, "hello", 5) == NULL); /* not executable */
	end();
}
