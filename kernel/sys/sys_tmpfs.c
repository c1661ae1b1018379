/*
 * sys_tmpfs.c - unlink, rmdir, rename and truncate in /tmp, where the
 * tree changes: Linux's checks in Linux's order (do_unlinkat, do_rmdir,
 * do_renameat2, vfs_rename), then the change itself (fs/tmpfs.c). A
 * truncation reaches every process that maps the file, which fs/ cannot
 * see (the folders' order: sys/ over proc/ over fs/).
 */
#include "sys/sys_tmpfs.h"
#include "arch/x86_64/memlayout.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "mm/filemap.h"
#include "proc/proc.h"

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

int64_t tmpfs_remove_at(const struct parent *p, bool dir)
{
	if (p->len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	struct fs_node *e = fs_child(p->dir.node, p->name, p->len);
	if (!e)
		return -ENOENT;
	struct fs_node *n = fs_entry_node(e);
	if (dir) {
		if (!FS_ISDIR(n->mode))
			return -ENOTDIR;
		if (n->children)
			return -ENOTEMPTY;
	} else if (FS_ISDIR(n->mode)) {
		return -EISDIR;
	} else if (p->slash) {
		return -ENOTDIR; /* "file/" names a directory that is not one */
	}
	tmpfs_unlink_name(e);
	return 0;
}

/* True if d is a, or lies below directory a. */
static bool is_under(const struct fs_node *d, const struct fs_node *a)
{
	for (;;) {
		if (d == a)
			return true;
		if (d == tmpfs_root() || d->parent == d)
			return false;
		d = d->parent;
	}
}

int64_t tmpfs_rename_at(const struct parent *from, const struct parent *to, uint64_t flags)
{
	if (from->len > FS_NAME_MAX || to->len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	struct fs_node *oe = fs_child(from->dir.node, from->name, from->len);
	if (!oe)
		return -ENOENT;
	struct fs_node *ne = fs_child(to->dir.node, to->name, to->len);
	/* The checks look at the files, the move at the names (entries). */
	struct fs_node *src = fs_entry_node(oe), *dst = ne ? fs_entry_node(ne) : NULL;
	bool exchange = flags & RENAME_EXCHANGE;
	if ((flags & RENAME_NOREPLACE) && dst)
		return -EEXIST;
	if (exchange && !dst)
		return -ENOENT;
	if (exchange && !FS_ISDIR(dst->mode) && to->slash)
		return -ENOTDIR;
	if (!FS_ISDIR(src->mode) && (from->slash || (!exchange && to->slash)))
		return -ENOTDIR;
	if (is_under(to->dir.node, src))
		return -EINVAL; /* a directory into itself or below */
	if (dst && is_under(from->dir.node, dst))
		return exchange ? -EINVAL : -ENOTEMPTY; /* over a directory above it */
	if (flags & RENAME_WHITEOUT)
		return -EINVAL; /* no whiteouts here: no overlay file system to use them */
	if (src == dst)
		return 0; /* the same name, or two names of one file: nothing moves (Linux's) */
	if (!ne && to->dir.node->nlink == 0)
		return -ENOENT; /* a removed directory takes no new names (may_create) */
	if (exchange) {
		tmpfs_exchange(oe, ne);
		return 0;
	}
	if (dst && FS_ISDIR(src->mode) && !FS_ISDIR(dst->mode))
		return -ENOTDIR;
	if (dst && !FS_ISDIR(src->mode) && FS_ISDIR(dst->mode))
		return -EISDIR;
	if (dst && dst->children)
		return -ENOTEMPTY;
	tmpfs_move(oe, to->dir.node, to->name, to->len, ne);
	return 0;
}

struct unmap_arg {
	const struct mm_file *file;
	uint64_t first;
};

/* Drops process p's pages of the file from page first on. */
static void unmap_in(struct proc *p, void *arg)
{
	const struct unmap_arg *a = arg;
	filemap_unmap_from(&p->mm, a->file, a->first);
}

int64_t tmpfs_truncate_mapped(struct fs_node *n, uint64_t len)
{
	if (len < n->size) {
		struct unmap_arg a = {&n->mapping, (len + PAGE_SIZE - 1) / PAGE_SIZE};
		proc_for_each(unmap_in, &a);
	}
	return tmpfs_truncate(n, len);
}
