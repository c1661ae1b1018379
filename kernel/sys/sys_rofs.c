/*
 * sys_rofs.c - the calls that would change the tree (mkdir, mknod,
 * symlink, link, unlink, rmdir, rename, chmod, chown, utimensat,
 * truncate, creat) and the ones that would write it back (sync, syncfs,
 * fsync, fdatasync), answered as Linux answers them on a file system
 * mounted read-only.
 *
 * Theory of operation. The boot tree never changes (fs/node.h), so none
 * of these calls succeeds at changing anything; what matters to a program
 * is which error it gets, since it acts on it: `mkdir -p` goes on past
 * EEXIST, `rm -f` is quiet about ENOENT, a shell reports the rest. Linux
 * takes the mount's write access (mnt_want_write: EROFS) at a fixed point
 * of each call, and this file keeps that point:
 *  - a creation (mkdir, mknod, symlink, link's new name) looks its last
 *    name up first: an existing one is EEXIST, a missing one EROFS, and a
 *    missing parent ENOENT (filename_create);
 *  - a removal or a rename looks up only the parents, so a missing last
 *    name is EROFS too (do_unlinkat, do_rmdir, do_renameat2), after the
 *    checks of ".", ".." and "/";
 *  - a change of attributes (chmod, chown, utimensat, truncate) walks to
 *    the file (its errors first) and is then EROFS;
 *  - writing back has nothing to write: 0, or EINVAL for what has no
 *    fsync at all (a pipe, a console stream, a device), as Linux's.
 * A descriptor that names no node of the tree (a pipe, a console stream)
 * is on a writable file system on Linux (pipefs): fchmod and fchown
 * succeed there, and here too, changing nothing anyone can see.
 *
 * Below /tmp the tree is a tmpfs (fs/tmpfs.c): at the point where the
 * boot tree answers EROFS, a call on /tmp makes its change instead, with
 * the checks Linux makes there (sys_tmpfs.c).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "fs/tmpfs.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sys/sys_path.h"
#include "sys/sys_tmpfs.h"
#include "sys/syscall.h"
#include "time/clock.h"

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4
#define AT_REMOVEDIR 0x200
#define UTIME_NOW ((1l << 30) - 1)
#define UTIME_OMIT ((1l << 30) - 2)

/* Splits the user path at upath (relative to dirfd) into *out, walking its
 * parents as Linux's filename_parentat: 0, or the copy's and the walk's
 * errors (EFAULT, ENAMETOOLONG, ENOENT for "", EBADF, ENOTDIR, ELOOP). */
static int parent_at(int64_t dirfd, uint64_t upath, char *path, struct parent *out)
{
	int r = sys_copy_path(path, upath);
	if (r < 0)
		return r;
	if (!path[0])
		return -ENOENT;
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--; /* "a/b/" names b */
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	out->name = path + start, out->len = end - start;
	out->slash = path[end] == '/';
	if (path[0] == '/' && end == 1)
		out->kind = LAST_ROOT, out->name = path, out->len = 0;
	else if (out->len == 1 && path[start] == '.')
		out->kind = LAST_DOT;
	else if (out->len == 2 && path[start] == '.' && path[start + 1] == '.')
		out->kind = LAST_DOTDOT;
	else
		out->kind = LAST_NORM;
	/* The parent: "." of dirfd for a bare name, "/" for "/name". */
	char saved = path[start];
	path[start] = '\0';
	r = sys_resolve_kernel_at(dirfd, start ? path : ".", FS_FOLLOW, &out->dir, NULL);
	path[start] = saved;
	if (r < 0)
		return r;
	return FS_ISDIR(out->dir.node->mode) ? 0 : -ENOTDIR;
}

/* A creation of the path at (dirfd, upath): EEXIST if its last name is
 * there (a link is not followed), EROFS if it is not, or parent_at's; 0
 * if it is not and the directory is one of /tmp, with *p and name[] (the
 * last name, NUL-terminated) saying where the caller makes it. A new
 * name with a slash after it is ENOENT unless want_dir (mkdir), before
 * EROFS, as Linux's filename_create. */
static int64_t create_at(int64_t dirfd, uint64_t upath, struct parent *p,
			 char name[FS_NAME_MAX + 1], bool want_dir)
{
	static char path[FS_PATH_MAX];
	int r = parent_at(dirfd, upath, path, p);
	if (r < 0)
		return r;
	if (p->kind != LAST_NORM)
		return -EEXIST;
	if (p->len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, p->name, p->len);
	name[p->len] = '\0';
	p->name = name;
	struct fs_loc l;
	r = fs_walk(p->dir, name, 0, &l, NULL);
	if (r != -ENOENT)
		return r == 0 ? -EEXIST : r;
	if (p->slash && !want_dir)
		return -ENOENT; /* "name/" asks for a directory (filename_create) */
	return p->dir.node->tmpfs ? 0 : -EROFS;
}

/* The permission bits of a new node: mode's, less the caller's umask. */
static uint32_t new_perm(uint64_t mode, uint32_t bits)
{
	return (uint32_t)mode & bits & ~proc_current()->umask;
}

/* chmod of a node of /tmp: its permission bits (and set-id, sticky). */
static void set_mode(struct fs_node *n, uint64_t mode)
{
	n->mode = (n->mode & FS_S_IFMT) | ((uint32_t)mode & 07777);
}

/* chown of a node of /tmp: -1 keeps an id as it is. */
static void set_owner(struct fs_node *n, uint64_t uid, uint64_t gid)
{
	if ((uint32_t)uid != (uint32_t)-1)
		n->uid = (uint32_t)uid;
	if ((uint32_t)gid != (uint32_t)-1)
		n->gid = (uint32_t)gid;
}

/* A removal of the path at (dirfd, upath): the last name's kind checked
 * (dot, dotdot, root: the errors given), then EROFS, or in /tmp the
 * removal itself (sys_tmpfs.c). */
static int64_t remove_at(int64_t dirfd, uint64_t upath, int dot, int dotdot, int root, bool dir)
{
	static char path[FS_PATH_MAX];
	struct parent p;
	int r = parent_at(dirfd, upath, path, &p);
	if (r < 0)
		return r;
	if (p.kind == LAST_DOT)
		return dot;
	if (p.kind == LAST_DOTDOT)
		return dotdot;
	if (p.kind == LAST_ROOT)
		return root;
	return p.dir.node->tmpfs ? tmpfs_remove_at(&p, dir) : -EROFS;
}

/* A change to the file at (dirfd, upath): the walk's error, else EROFS;
 * in /tmp, 0 with the node in *l for the caller to change. */
static int64_t change_at(int64_t dirfd, uint64_t upath, unsigned follow, bool empty_ok,
			 struct fs_loc *l)
{
	static char path[FS_PATH_MAX];
	int r = sys_resolve_at(dirfd, upath, follow, empty_ok, path, l, NULL);
	return r < 0 ? r : l->node->tmpfs ? 0 : -EROFS;
}

int64_t sys_mkdirat(uint64_t dirfd, uint64_t upath, uint64_t mode, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct parent p;
	char name[FS_NAME_MAX + 1];
	struct fs_node *n;
	int64_t r = create_at((int)dirfd, upath, &p, name, true);
	return r < 0 ? r
		     : tmpfs_create(p.dir.node, name, p.len, FS_S_IFDIR | new_perm(mode, 01777),
				    NULL, 0, &n);
}

int64_t sys_mkdir(uint64_t upath, uint64_t mode, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_mkdirat((uint64_t)AT_FDCWD, upath, mode, 0, 0, 0);
}

/* mknodat(2): a directory's type is EPERM and an unknown one EINVAL
 * (may_mknod, before the lookup), then as mkdir; /tmp makes regular
 * files only (a device, FIFO or socket: EPERM). */
int64_t sys_mknodat(uint64_t dirfd, uint64_t upath, uint64_t mode, uint64_t dev, uint64_t a4,
		    uint64_t a5)
{
	(void)dev, (void)a4, (void)a5;
	unsigned type = (unsigned)mode & FS_S_IFMT;
	switch (type) {
	case 0:
	case FS_S_IFREG:
	case FS_S_IFCHR:
	case 0060000: /* S_IFBLK */
	case FS_S_IFIFO:
	case 0140000: /* S_IFSOCK */ break;
	case FS_S_IFDIR: return -EPERM;
	default: return -EINVAL;
	}
	struct parent p;
	char name[FS_NAME_MAX + 1];
	struct fs_node *n;
	int64_t r = create_at((int)dirfd, upath, &p, name, false);
	if (r < 0)
		return r;
	if (type != 0 && type != FS_S_IFREG)
		return -EPERM;
	return tmpfs_create(p.dir.node, name, p.len, FS_S_IFREG | new_perm(mode, 07777), NULL, 0,
			    &n);
}

int64_t sys_mknod(uint64_t upath, uint64_t mode, uint64_t dev, uint64_t a3, uint64_t a4,
		  uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_mknodat((uint64_t)AT_FDCWD, upath, mode, dev, 0, 0);
}

/* symlinkat(2): the target is copied first (EFAULT, ENOENT if empty). */
int64_t sys_symlinkat(uint64_t utarget, uint64_t dirfd, uint64_t upath, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	static char target[FS_PATH_MAX];
	int r = sys_copy_path(target, utarget);
	if (r < 0)
		return r;
	if (!target[0])
		return -ENOENT;
	struct parent p;
	char name[FS_NAME_MAX + 1];
	struct fs_node *n;
	r = (int)create_at((int)dirfd, upath, &p, name, false);
	return r < 0 ? r
		     : tmpfs_create(p.dir.node, name, p.len, FS_S_IFLNK | 0777, target,
				    strlen(target), &n);
}

int64_t sys_symlink(uint64_t utarget, uint64_t upath, uint64_t a2, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_symlinkat(utarget, (uint64_t)AT_FDCWD, upath, 0, 0, 0);
}

/* linkat(2): the flags, the old name's walk, then the new name's
 * creation: EXDEV between /tmp and the boot tree; within /tmp the new
 * name (a directory: EPERM, as Linux). */
int64_t sys_linkat(uint64_t olddirfd, uint64_t uold, uint64_t newdirfd, uint64_t unew,
		   uint64_t flags, uint64_t a5)
{
	(void)a5;
	static char path[FS_PATH_MAX];
	if (flags & ~(uint64_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct fs_loc l;
	int r = sys_resolve_at((int)olddirfd, uold, (flags & AT_SYMLINK_FOLLOW) ? FS_FOLLOW : 0,
			       (flags & AT_EMPTY_PATH) != 0, path, &l, NULL);
	if (r < 0)
		return r;
	struct parent p;
	char name[FS_NAME_MAX + 1];
	bool tmp = l.node->tmpfs;
	r = (int)create_at((int)newdirfd, unew, &p, name, false);
	if (r == -EROFS && tmp)
		return -EXDEV;
	if (r < 0)
		return r;
	if (!tmp)
		return -EXDEV;
	if (FS_ISDIR(l.node->mode))
		return -EPERM; /* no hard link to a directory */
	return tmpfs_link(p.dir.node, name, p.len, l.node);
}

int64_t sys_link(uint64_t uold, uint64_t unew, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_linkat((uint64_t)AT_FDCWD, uold, (uint64_t)AT_FDCWD, unew, 0, 0);
}

/* unlinkat(2): unlink's checks, or rmdir's with AT_REMOVEDIR. */
int64_t sys_unlinkat(uint64_t dirfd, uint64_t upath, uint64_t flags, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (flags & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return remove_at((int)dirfd, upath, -EINVAL, -ENOTEMPTY, -EBUSY, true);
	return remove_at((int)dirfd, upath, -EISDIR, -EISDIR, -EISDIR, false);
}

int64_t sys_unlink(uint64_t upath, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sys_unlinkat((uint64_t)AT_FDCWD, upath, 0, 0, 0, 0);
}

int64_t sys_rmdir(uint64_t upath, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sys_unlinkat((uint64_t)AT_FDCWD, upath, AT_REMOVEDIR, 0, 0, 0);
}

/* renameat2(2): the flags, both parents, EXDEV between /tmp and the boot
 * tree, the last names' kinds (EBUSY; EEXIST for a new "." with
 * RENAME_NOREPLACE), then EROFS, or in /tmp the rename (sys_tmpfs.c). */
int64_t sys_renameat2(uint64_t olddirfd, uint64_t uold, uint64_t newdirfd, uint64_t unew,
		      uint64_t flags, uint64_t a5)
{
	(void)a5;
	static char oldpath[FS_PATH_MAX], newpath[FS_PATH_MAX];
	if (flags & ~(uint64_t)(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & RENAME_WHITEOUT) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	struct parent from, to;
	int r = parent_at((int)olddirfd, uold, oldpath, &from);
	if (r == 0)
		r = parent_at((int)newdirfd, unew, newpath, &to);
	if (r < 0)
		return r;
	if (from.dir.node->tmpfs != to.dir.node->tmpfs)
		return -EXDEV;
	if (from.kind != LAST_NORM)
		return -EBUSY;
	if (to.kind != LAST_NORM)
		return (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	return from.dir.node->tmpfs ? tmpfs_rename_at(&from, &to, flags) : -EROFS;
}

int64_t sys_renameat(uint64_t olddirfd, uint64_t uold, uint64_t newdirfd, uint64_t unew,
		     uint64_t a4, uint64_t a5)
{
	(void)a4, (void)a5;
	return sys_renameat2(olddirfd, uold, newdirfd, unew, 0, 0);
}

int64_t sys_rename(uint64_t uold, uint64_t unew, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_renameat2((uint64_t)AT_FDCWD, uold, (uint64_t)AT_FDCWD, unew, 0, 0);
}

/* fchmodat(2) (three arguments: it follows links) and chmod(2). */
int64_t sys_fchmodat(uint64_t dirfd, uint64_t upath, uint64_t mode, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct fs_loc l;
	int64_t r = change_at((int)dirfd, upath, FS_FOLLOW, false, &l);
	if (r == 0)
		set_mode(l.node, mode);
	return r;
}

int64_t sys_chmod(uint64_t upath, uint64_t mode, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_fchmodat((uint64_t)AT_FDCWD, upath, mode, 0, 0, 0);
}

/* fchownat(2): AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH only. */
int64_t sys_fchownat(uint64_t dirfd, uint64_t upath, uint64_t uid, uint64_t gid, uint64_t flags,
		     uint64_t a5)
{
	(void)a5;
	if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct fs_loc l;
	int64_t r = change_at((int)dirfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : FS_FOLLOW,
			      (flags & AT_EMPTY_PATH) != 0, &l);
	if (r == 0)
		set_owner(l.node, uid, gid);
	return r;
}

int64_t sys_chown(uint64_t upath, uint64_t uid, uint64_t gid, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_fchownat((uint64_t)AT_FDCWD, upath, uid, gid, 0, 0);
}

int64_t sys_lchown(uint64_t upath, uint64_t uid, uint64_t gid, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_fchownat((uint64_t)AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW, 0);
}

/* The node of descriptor fd for fchmod and fchown: EBADF, EROFS for the
 * boot tree's files, 0 for a pipe or a stream (pipefs is writable on
 * Linux: *n NULL, nothing to change) or a file of /tmp (*n). */
static int64_t fd_node(uint64_t fd, struct fs_node **n)
{
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF; /* fdget: an O_PATH descriptor is none here */
	*n = f->loc.node;
	return *n && !(*n)->tmpfs ? -EROFS : 0;
}

int64_t sys_fchmod(uint64_t fd, uint64_t mode, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct fs_node *n;
	int64_t r = fd_node(fd, &n);
	if (r == 0 && n)
		set_mode(n, mode);
	return r;
}

int64_t sys_fchown(uint64_t fd, uint64_t uid, uint64_t gid, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct fs_node *n;
	int64_t r = fd_node(fd, &n);
	if (r == 0 && n)
		set_owner(n, uid, gid);
	return r;
}

/* Returns whether a timespec's nanoseconds are valid for utimensat. */
static bool nsec_valid(int64_t ns)
{
	return (ns >= 0 && ns <= 999999999) || ns == UTIME_NOW || ns == UTIME_OMIT;
}

/* utimensat(2), in Linux's order: the times copied (both UTIME_OMIT is 0
 * at once), the flags, the path (or dirfd, for a NULL path), then the
 * nanoseconds checked (vfs_utimes), then EROFS. */
int64_t sys_utimensat(uint64_t dirfd, uint64_t upath, uint64_t utimes, uint64_t flags, uint64_t a4,
		      uint64_t a5)
{
	(void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	int64_t t[4];
	if (utimes) {
		if (copy_from_user(t, utimes, sizeof t))
			return -EFAULT;
		if (t[1] == UTIME_OMIT && t[3] == UTIME_OMIT)
			return 0;
	}
	if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct file *f = NULL;
	struct fs_loc l;
	if (!upath && (int)dirfd != AT_FDCWD) {
		if (!(f = sys_file((int)dirfd)))
			return -EBADF;
	} else if (!upath) {
		return -EFAULT;
	} else {
		int r =
		    sys_resolve_at((int)dirfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : FS_FOLLOW,
				   (flags & AT_EMPTY_PATH) != 0, path, &l, NULL);
		if (r < 0)
			return r;
	}
	if (utimes && (!nsec_valid(t[1]) || !nsec_valid(t[3])))
		return -EINVAL;
	struct fs_node *n = f ? f->loc.node : l.node;
	if (f && !n)
		return 0;
	if (!n->tmpfs)
		return -EROFS;
	/* One time stamp is kept (stat shows it as all three): the new mtime. */
	if (!utimes || t[3] == UTIME_NOW)
		n->mtime = (int64_t)(clock_realtime_ns() / 1000000000ull);
	else if (t[3] != UTIME_OMIT)
		n->mtime = t[2];
	return 0;
}

/* truncate(2), in Linux's order: a negative length EINVAL, the walk, a
 * directory EISDIR, anything else not a regular file (a device) EINVAL,
 * then EROFS, or in /tmp the new size. */
int64_t sys_truncate(uint64_t upath, uint64_t length, uint64_t a2, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	if ((int64_t)length < 0)
		return -EINVAL;
	struct fs_loc l;
	int r = sys_resolve_at(AT_FDCWD, upath, FS_FOLLOW, false, path, &l, NULL);
	if (r < 0)
		return r;
	if (FS_ISDIR(l.node->mode))
		return -EISDIR;
	if (!FS_ISREG(l.node->mode))
		return -EINVAL;
	if (!l.node->tmpfs)
		return -EROFS;
	return tmpfs_truncate_mapped(l.node, length);
}

/* ftruncate(2): a regular file of /tmp open for writing, the only kind
 * Linux truncates (EINVAL for the rest, after EINVAL for a negative
 * length and EBADF), gets its new size. */
int64_t sys_ftruncate(uint64_t fd, uint64_t length, uint64_t a2, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((int64_t)length < 0)
		return -EINVAL;
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF;
	unsigned acc = f->flags & FS_O_ACCMODE;
	struct fs_node *n = f->loc.node;
	if (!n || !n->tmpfs || !FS_ISREG(n->mode) || (f->flags & FS_O_PATH) ||
	    (acc != FS_O_WRONLY && acc != FS_O_RDWR))
		return -EINVAL;
	return tmpfs_truncate_mapped(n, length);
}

/* creat(2) is open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
int64_t sys_creat(uint64_t upath, uint64_t mode, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_openat((uint64_t)AT_FDCWD, upath, FS_O_CREAT | FS_O_WRONLY | FS_O_TRUNC, mode, 0,
			  0);
}

/* sync(2): nothing is ever dirty. */
int64_t sys_sync(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return 0;
}

/* syncfs(2): 0 for any open descriptor (Linux syncs a pipe's pipefs too). */
int64_t sys_syncfs(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sys_file((int)fd) ? 0 : -EBADF;
}

/* fsync(2) and fdatasync(2): 0 for a file or directory of the tree,
 * EINVAL for what has no fsync (a pipe, a console stream, a device). */
int64_t sys_fsync(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f)
		return -EBADF;
	return f->loc.node && !f->loc.node->device ? 0 : -EINVAL;
}
