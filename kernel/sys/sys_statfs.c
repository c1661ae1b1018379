/*
 * sys_statfs.c - statfs and fstatfs: what a file system says of itself,
 * in Linux's struct statfs, so that df and stat -f work.
 *
 * Theory of operation. There are three kinds of file system behind a
 * descriptor or a path here, and each answers as its Linux counterpart:
 *  - the boot tree (and /dev, which lives in it): a ramfs ("bootfs" in
 *    /proc/mounts) mounted read-only, whose size is the archive's bytes in 4 KiB blocks
 *    and whose nodes are its inodes, none of either free (nothing can be
 *    written: bfree, bavail and ffree are 0), ST_RDONLY in its flags;
 *  - /tmp: a tmpfs (fs/tmpfs.c) of half the RAM, as Linux's default, its
 *    blocks the pages its files hold, its inodes as many as its blocks
 *    (a node costs no block here, so only its count is reported), mounted
 *    nosuid, nodev, noexec;
 *  - /proc: Linux's procfs numbers (all zero, PROC_SUPER_MAGIC);
 *  - a pipe or a console stream: pipefs's (PIPEFS_MAGIC).
 * ST_VALID is set in every f_flags, as Linux sets it.
 */
#include "arch/x86_64/uaccess.h"
#include "fs/node.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

#define RAMFS_MAGIC 0x858458f6
#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008
#define ST_VALID 0x0020
#define ST_RELATIME 0x0400
#define BLOCK 4096

/* Linux x86-64's struct statfs (120 bytes). */
struct kstatfs {
	int64_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	int32_t fsid[2];
	int64_t namelen, frsize, flags, spare[4];
};

/* Fills *st for the place l (a NULL node: a pipe or stream). */
static void fill(struct kstatfs *st, struct fs_loc l)
{
	memset(st, 0, sizeof *st);
	st->bsize = st->frsize = BLOCK;
	st->namelen = FS_NAME_MAX;
	if (!l.node) {
		st->type = PIPEFS_MAGIC;
		st->flags = ST_VALID;
	} else if (l.node->tmpfs) {
		uint64_t max = tmpfs_max_pages(), used = tmpfs_frames();
		st->type = TMPFS_MAGIC;
		st->blocks = max;
		st->bfree = st->bavail = used < max ? max - used : 0;
		st->files = max;
		st->ffree = max > tmpfs_nodes() ? max - tmpfs_nodes() : 0;
		st->flags = ST_VALID | ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_RELATIME;
	} else if (l.node->proc != FS_PROC_NONE) {
		st->type = PROC_SUPER_MAGIC;
		st->flags = ST_VALID | ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_RELATIME;
	} else {
		st->type = RAMFS_MAGIC;
		st->blocks = (fs_boot_tree.bytes + BLOCK - 1) / BLOCK;
		st->files = fs_boot_tree.nodes;
		st->flags = ST_VALID | ST_RDONLY;
	}
}

/* statfs(path, buf): 0, the walk's errors (following links), EFAULT. */
int64_t sys_statfs(uint64_t upath, uint64_t ubuf, uint64_t a2, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	struct fs_loc l;
	int r = sys_resolve_at(AT_FDCWD, upath, FS_FOLLOW, false, path, &l, NULL);
	if (r < 0)
		return r;
	struct kstatfs st;
	fill(&st, l);
	return copy_to_user(ubuf, &st, sizeof st) ? -EFAULT : 0;
}

/* fstatfs(fd, buf): 0, EBADF, EFAULT. */
int64_t sys_fstatfs(uint64_t fd, uint64_t ubuf, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f)
		return -EBADF;
	struct kstatfs st;
	fill(&st, f->loc);
	return copy_to_user(ubuf, &st, sizeof st) ? -EFAULT : 0;
}
