/*
 * tmpfs.h - /tmp: the writable part of the tree, a file system in memory
 * whose files are their own pages (tmpfs.c explains).
 */
#ifndef FS_TMPFS_H
#define FS_TMPFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/file.h"
#include "fs/node.h"

#define TMPFS_MAGIC 0x01021994 /* statfs's f_type, Linux's */
#define TMPFS_DEV 0x2a	       /* st_dev: makedev(0, 42), a device of its own as a mount's */

/* Mounts a tmpfs on /tmp of t (made if the archive has none; what the
 * archive put below it is hidden, as under a mount): 0 or -ENOMEM. */
int tmpfs_install(struct fs_tree *t);

/* Returns the tmpfs root (/tmp), or NULL before tmpfs_install. */
struct fs_node *tmpfs_root(void);

/*
 * Makes the node name[0, len) in the tmpfs directory dir: mode gives the
 * type (a regular file, a directory or a symbolic link, whose target is
 * target[0, tlen)) and the permission bits. Returns 0 with *out set,
 * -ENOENT if dir was removed, -EEXIST if the name is taken, -ENOMEM.
 */
int tmpfs_create(struct fs_node *dir, const char *name, size_t len, uint32_t mode,
		 const char *target, size_t tlen, struct fs_node **out);

/* Takes node n (not /tmp itself, a directory only when empty, a file with
 * no other name) out of its directory; it is freed now, or when its last
 * open file goes. */
void tmpfs_remove(struct fs_node *n);

/* Gives the regular file (or link) `file` of /tmp the name name[0, len)
 * in tmpfs directory dir as well: 0, -ENOENT (dir was removed, or file
 * has no name left), -EEXIST, -ENOMEM. */
int tmpfs_link(struct fs_node *dir, const char *name, size_t len, struct fs_node *file);

/* unlink of directory entry e, a name of a file (or an empty directory):
 * the name goes, and the file with its last name (tmpfs_remove). */
void tmpfs_unlink_name(struct fs_node *e);

/*
 * Moves entry n to the name name[0, len) in tmpfs directory dir; an
 * existing entry there (old, or NULL) is unlinked first. The caller has
 * made Linux's checks (rename's kinds, emptiness, loops).
 */
void tmpfs_move(struct fs_node *n, struct fs_node *dir, const char *name, size_t len,
		struct fs_node *old);

/* Swaps the places of a and b (RENAME_EXCHANGE). */
void tmpfs_exchange(struct fs_node *a, struct fs_node *b);

/* Sets the size of regular file n to len: a shrink frees the pages past
 * it and zeroes the last one's tail, a growth reads zeroes (and takes no
 * page). 0, or -EFBIG past Linux's largest file size. */
int tmpfs_truncate(struct fs_node *n, uint64_t len);

/* Reads up to len bytes of n from *off into user memory at ubuf (the
 * count, 0 at the end, -EFAULT if nothing could be written there). */
int64_t tmpfs_read(struct fs_node *n, uint64_t ubuf, uint64_t len, uint64_t *off);

/* Reads up to len bytes of n at off into kernel memory buf: the count. */
size_t tmpfs_read_kernel(struct fs_node *n, void *buf, size_t len, uint64_t off);

/* Writes len bytes at *off of n from user memory ubuf (or from kernel
 * memory kbuf, if it is not NULL), growing the file: the count (short if
 * the source faults or memory runs out after some bytes), -EFAULT,
 * -ENOSPC (no page for the first byte: /tmp holds its most, or no memory
 * is left) or -EFBIG (past the bytes as many pages as /tmp holds can
 * hold: a file's pages have their places in frames[], kernel memory, up
 * to that; its size may be larger, a hole, by truncation). Advances *off. */
int64_t tmpfs_write(struct fs_node *n, uint64_t ubuf, const void *kbuf, uint64_t len,
		    uint64_t *off);

/* The frame holding page index of n (made, zeroed, for a hole), with a
 * reference added for the caller (the page cache's mapping of a tmpfs
 * file: pagecache.h); 0 when no frame is left, 0 with *full set (if
 * full is not NULL) when /tmp holds all it may. */
uint64_t tmpfs_page(struct fs_node *n, uint64_t index, bool *full);

/* Counts an open file (or a file area) naming n; tmpfs_unhold drops it
 * and frees n if it was the last and n has no name left. */
void tmpfs_hold(struct fs_node *n);
void tmpfs_unhold(struct fs_node *n);

/* Holds node n where it may go (a node of /tmp; the boot tree's live for
 * the boot), as a process's current directory does; fs_node_unhold lets
 * go. n may be NULL. */
static inline void fs_node_hold(struct fs_node *n)
{
	if (n && n->tmpfs)
		tmpfs_hold(n);
}
static inline void fs_node_unhold(struct fs_node *n)
{
	if (n && n->tmpfs)
		tmpfs_unhold(n);
}

/* The ops of an open tmpfs file and directory (file_open_node). */
extern const struct file_ops tmpfs_file_ops, tmpfs_dir_ops;

/* What the files of /tmp hold now: frames, kernel-heap objects, nodes.
 * The leak checks count both as in use, not lost (main.c, cmd_run.c). */
uint64_t tmpfs_frames(void);
unsigned long tmpfs_objects(void);
uint64_t tmpfs_nodes(void);

/* The most pages the files may hold: half the RAM, as Linux's default. */
uint64_t tmpfs_max_pages(void);

#endif
