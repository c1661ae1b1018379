/*
 * cpio_test.c - the cpio newc parser and the tree built from it (suite
 * "cpio", also on the host): what a good archive becomes (directories
 * implied by paths, links, modes, sizes), and each kind of corrupt
 * archive refused with its sentence.
 */
#include "fs/cpio.h"
#include "fs/node.h"
#include "fs/test/cpio_build.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "test/ktest.h"

#ifdef HOST_TEST
#include <string.h>
#else
#include "lib/string.h"
#endif

static struct cpiot arc; /* too big for the kernel stack */

/* Starts an empty archive; on the host, first the kernel heap the tree is
 * built in (its fake page provider; the kernel's is up before any suite). */
static void begin(void)
{
#ifdef HOST_TEST
	if (!kheap_ready())
		kheap_init();
#endif
	cpiot_begin(&arc);
}

/* Returns true if needle occurs in s. */
static bool contains(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; *s; s++)
		if (strncmp(s, needle, n) == 0)
			return true;
	return false;
}

/* An archive of a file two directories deep, a link and an explicit directory. */
static void sample(void)
{
	begin();
	cpiot_add(&arc, "etc", FS_S_IFDIR | 0700, "", 0);
	cpiot_add(&arc, "etc/passwd", FS_S_IFREG | 0644, "root:x:0:0\n", 11);
	cpiot_add(&arc, "./usr/bin/prog", FS_S_IFREG | 0755, "\177ELF", 4);
	cpiot_add(&arc, "bin/sh", FS_S_IFLNK | 0777, "busybox", 7);
	cpiot_end(&arc);
}

KTEST(cpio, a_good_archive_becomes_a_tree)
{
	struct fs_tree t;
	char err[160];
	sample();
	ASSERT_EQ(fs_tree_build(&t, arc.buf, arc.len, err, sizeof err), 0);
	struct fs_node *etc = fs_child(t.root, "etc", 3);
	ASSERT_NOT_NULL(etc);
	EXPECT_EQ(etc->mode, FS_S_IFDIR | 0700u);
	struct fs_node *pw = fs_child(etc, "passwd", 6);
	ASSERT_NOT_NULL(pw);
	EXPECT_EQ(pw->size, 11u);
	EXPECT_EQ(memcmp(pw->data, "root:x:0:0\n", 11), 0);
	EXPECT_TRUE(pw->parent == etc);
	struct fs_node *usr = fs_child(t.root, "usr", 3);
	ASSERT_NOT_NULL(usr);
	EXPECT_EQ(usr->mode, FS_S_IFDIR | 0755u); /* implied by the path */
	struct fs_node *bin = fs_child(usr, "bin", 3);
	ASSERT_NOT_NULL(bin);
	EXPECT_NOT_NULL(fs_child(bin, "prog", 4));
	struct fs_node *sh = fs_child(fs_child(t.root, "bin", 3), "sh", 2);
	ASSERT_NOT_NULL(sh);
	EXPECT_TRUE(FS_ISLNK(sh->mode));
	EXPECT_EQ(memcmp(sh->data, "busybox", 7), 0);
	EXPECT_EQ(t.files, 3u);
	EXPECT_EQ(t.bytes, 22u);
	EXPECT_EQ(t.root->nlink, 5u); /* ".", "..", etc, usr, bin */
	fs_tree_free(&t);
}

/* Expects the archive in arc to be refused with a sentence containing what. */
static void expect_refused(const char *what)
{
	struct fs_tree t;
	char err[160];
	EXPECT_EQ(fs_tree_build(&t, arc.buf, arc.len, err, sizeof err), -EINVAL);
	EXPECT_TRUE(contains(err, what));
	if (!contains(err, what))
		KTEST_FAIL("the sentence was \"%s\", not about \"%s\"", err, what);
	EXPECT_NULL(t.root);
}

KTEST(cpio, no_trailer_is_refused)
{
	sample();
	arc.len -= 124; /* the trailer's header, name and padding */
	expect_refused("no TRAILER!!!");
}

KTEST(cpio, a_cut_header_is_refused)
{
	sample();
	arc.len = 50;
	expect_refused("cut short");
}

KTEST(cpio, bad_magic_is_refused)
{
	sample();
	arc.buf[5] = '7';
	expect_refused("bad magic");
}

KTEST(cpio, a_field_that_is_not_hex_is_refused)
{
	sample();
	arc.buf[6 + 8 * 6 + 3] = 'g'; /* the file size */
	expect_refused("field 7 is not 8 hex digits");
}

KTEST(cpio, a_size_past_the_end_is_refused)
{
	begin();
	cpiot_add(&arc, "big", FS_S_IFREG | 0644, "abcd", 4);
	arc.buf[6 + 8 * 6 + 7] = 'f'; /* size 0xf: past the end (no trailer either) */
	expect_refused("past the end");
}

KTEST(cpio, a_name_without_its_nul_is_refused)
{
	begin();
	cpiot_add(&arc, "abc", FS_S_IFREG | 0644, "", 0);
	cpiot_end(&arc);
	arc.buf[110 + 3] = 'x';
	expect_refused("no final NUL");
}

KTEST(cpio, a_nul_inside_a_name_is_refused)
{
	begin();
	cpiot_add(&arc, "abc", FS_S_IFREG | 0644, "", 0);
	cpiot_end(&arc);
	arc.buf[110 + 1] = '\0';
	expect_refused("a NUL inside the name");
}

KTEST(cpio, a_newline_inside_a_name_is_refused)
{
	begin();
	cpiot_add(&arc, "abc", FS_S_IFREG | 0644, "", 0);
	cpiot_end(&arc);
	arc.buf[110 + 1] = '\n';
	expect_refused("a control character inside the name");
}

KTEST(cpio, dot_dot_a_device_and_a_file_parent_are_refused)
{
	begin();
	cpiot_add(&arc, "a/../b", FS_S_IFREG | 0644, "", 0);
	cpiot_end(&arc);
	expect_refused("\"..\"");
	begin();
	cpiot_add(&arc, "dev/null", FS_S_IFCHR | 0666, "", 0);
	cpiot_end(&arc);
	expect_refused("not a file, a directory or a symbolic link");
	begin();
	cpiot_add(&arc, "f", FS_S_IFREG | 0644, "", 0);
	cpiot_add(&arc, "f/g", FS_S_IFREG | 0644, "", 0);
	cpiot_end(&arc);
	expect_refused("not a directory");
	begin();
	cpiot_add(&arc, "f", FS_S_IFREG | 0644, "", 0);
	cpiot_add(&arc, "f", FS_S_IFREG | 0644, "", 0);
	cpiot_end(&arc);
	expect_refused("listed twice");
}

KTEST(cpio, an_empty_archive_is_a_root)
{
	struct fs_tree t;
	char err[160];
	begin();
	cpiot_end(&arc);
	ASSERT_EQ(fs_tree_build(&t, arc.buf, arc.len, err, sizeof err), 0);
	EXPECT_NULL(t.root->children);
	EXPECT_TRUE(FS_ISDIR(t.root->mode));
	fs_tree_free(&t);
}
