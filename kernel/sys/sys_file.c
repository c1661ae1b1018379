/*
 * sys_file.c - opening and closing: open, openat, close, dup, dup2, dup3
 * and fcntl, over the read-only boot tree (fs/).
 *
 * open follows Linux's order of checks (do_sys_open, path_openat,
 * do_open, may_open): the path copied (EFAULT, ENAMETOOLONG), empty
 * (ENOENT), the directory descriptor of a relative path (EBADF,
 * ENOTDIR), the walk (ENOENT, ENOTDIR, ELOOP); then with O_CREAT an
 * existing file with O_EXCL is EEXIST, a directory EISDIR, a missing one
 * is made in /tmp (fs/tmpfs.c) and EROFS anywhere else (the boot tree
 * cannot grow) unless its parent is missing too (ENOENT); O_NOFOLLOW on
 * a link is ELOOP, O_DIRECTORY on a non-directory ENOTDIR, writing a
 * directory EISDIR, and writing (or truncating) a file of the boot tree
 * EROFS; O_TRUNC empties a file of /tmp, whatever the access asked.
 * Every file is opened with O_LARGEFILE, which F_GETFL shows, as on
 * 64-bit Linux.
 */
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/procfs.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sys/sys_tmpfs.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
/* What F_SETFL may change (Linux's SETFL_MASK: O_APPEND, O_NONBLOCK, O_NDELAY, O_DIRECT, O_NOATIME,
 * O_ASYNC). */
#define SETFL_MASK (FS_O_APPEND | FS_O_NONBLOCK | 040000 | 01000000 | 020000)

/* Linux's answer for what open asks of node l (after a successful walk). */
static int open_checks(struct fs_loc l, unsigned flags)
{
	uint32_t mode = l.node->mode;
	unsigned acc = flags & FS_O_ACCMODE;
	if (flags & FS_O_PATH)
		return (flags & FS_O_DIRECTORY) && !FS_ISDIR(mode) ? -ENOTDIR : 0;
	if ((flags & FS_O_CREAT) && (flags & FS_O_EXCL))
		return -EEXIST;
	if ((flags & FS_O_CREAT) && FS_ISDIR(mode))
		return -EISDIR;
	if (FS_ISLNK(mode))
		return -ELOOP; /* only O_NOFOLLOW leaves a link at the end */
	if ((flags & FS_O_DIRECTORY) && !FS_ISDIR(mode))
		return -ENOTDIR;
	if (FS_ISDIR(mode) && (acc != FS_O_RDONLY || (flags & FS_O_TRUNC)))
		return -EISDIR;
	if (acc == 3) /* Linux accepts 3 (no access) for ioctls; nothing to write here */
		return 0;
	if (l.node->device || l.node->tmpfs)
		return 0; /* /dev's devices take writes (fs/devfs.c), and /tmp's files */
	if (acc != FS_O_RDONLY || (flags & FS_O_TRUNC))
		return l.node->proc != FS_PROC_NONE ? -EACCES : -EROFS;
	return 0;
}

/*
 * Opening /proc/<pid>/fd/<n> (or /dev/stdin, /dev/stderr... which lead
 * there) when descriptor n holds a pipe or a console stream, which have
 * no node to open again: the new descriptor shares that open file, as a
 * dup would. (Linux opens the pipe anew, with its own flags and the
 * access asked for; here the flags and the access are the old file's.)
 */
static int reopen(struct fs_loc l, unsigned fl)
{
	struct file *f = procfs_fd_file(l.pid, l.fd);
	if (!f)
		return -ENOENT;
	if (fl & FS_O_DIRECTORY)
		return -ENOTDIR;
	int r = fd_install(sys_files(), file_get(f), 0, fl & FS_O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

/*
 * O_TMPFILE in directory dir of /tmp: a regular file made with a name of
 * its own, opened, and its name taken away at once, so that it lives as
 * long as the descriptor (and what it is dup'ed or mapped to); linkable
 * (no O_EXCL): linkat may give it a name (tmpfs_link). Returns the
 * descriptor or -errno.
 */
static int64_t open_unnamed(struct fs_node *dir, uint32_t perm, unsigned fl, bool cloexec,
			    bool linkable)
{
	char name[32];
	static unsigned serial;
	struct fs_node *n;
	int r;
	do {
		ksnprintf(name, sizeof name, "#tmpfile-%u", ++serial);
		r = tmpfs_create(dir, name, strlen(name),
				 FS_S_IFREG | (perm & ~proc_current()->umask), NULL, 0, &n);
	} while (r == -EEXIST);
	if (r < 0)
		return r;
	struct file *f;
	r = file_open_node((struct fs_loc){n, 0, 0}, fl, &f);
	tmpfs_remove(n); /* held by f if it opened, freed at once if not */
	if (r < 0)
		return r;
	n->linkable = linkable;
	r = fd_install(sys_files(), f, 0, cloexec);
	if (r < 0)
		file_put(f);
	return r;
}

int64_t sys_openat(uint64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mode, uint64_t a4,
		   uint64_t a5)
{
	(void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	unsigned fl = (unsigned)flags;
	bool tmpfile = (fl & FS_O_TMPFILE) == FS_O_TMPFILE && !(fl & FS_O_PATH);
	if (fl & FS_O_PATH)
		fl &= FS_O_PATH | FS_O_DIRECTORY | FS_O_NOFOLLOW | FS_O_CLOEXEC;
	if (tmpfile) {
		/* build_open_flags: with no O_CREAT, and for writing */
		unsigned acc = fl & FS_O_ACCMODE;
		if ((fl & FS_O_CREAT) || (acc != FS_O_WRONLY && acc != FS_O_RDWR))
			return -EINVAL;
		/* an unnamed file in a writable directory: EROFS after the walk
		 * for the boot tree's, a file with no name in /tmp's */
		fl = (fl & ~FS_O_TMPFILE) | FS_O_DIRECTORY;
	} else if ((fl & (FS_O_CREAT | FS_O_DIRECTORY)) == (FS_O_CREAT | FS_O_DIRECTORY)) {
		return -EINVAL; /* Linux 6.4 on: O_CREAT cannot make a directory */
	}
	/* O_EXCL never follows a final link (Linux's open_to_namei_flags). */
	bool follow = !(fl & FS_O_NOFOLLOW) && !((fl & FS_O_CREAT) && (fl & FS_O_EXCL));
	struct fs_loc l;
	struct fs_walk_info info;
	/* Linux's order: the path copied, then a descriptor taken (EMFILE
	 * before anything is made or emptied), then the walk. */
	int r = sys_copy_path(path, upath);
	if (r < 0)
		return r;
	if (!path[0])
		return -ENOENT;
	if (fd_free_slot(sys_files(), 0) < 0)
		return -EMFILE;
	r = sys_resolve_kernel_at((int64_t)(int)dirfd, path, follow ? FS_FOLLOW : 0, &l, &info);
	bool made = false;
	if (r == -ENOENT && (fl & FS_O_CREAT) && info.last_missing) {
		if (info.trailing_slash)
			return -EISDIR;
		if (!info.dir->tmpfs)
			return -EROFS;
		uint32_t perm = (uint32_t)mode & 07777 & ~proc_current()->umask;
		r = tmpfs_create(info.dir, info.name, info.len, FS_S_IFREG | perm, NULL, 0,
				 &l.node);
		if (r < 0)
			return r;
		l.pid = l.fd = 0;
		made = true;
	}
	if (r < 0)
		return r;
	if (tmpfile) {
		if (!FS_ISDIR(l.node->mode))
			return -ENOTDIR;
		if (!l.node->tmpfs)
			return -EROFS;
		return open_unnamed(
		    l.node, (uint32_t)mode & 07777,
		    (fl & ~(FS_O_DIRECTORY | FS_O_CLOEXEC | FS_O_EXCL | FS_O_NOCTTY | FS_O_TRUNC)) |
			FS_O_LARGEFILE,
		    fl & FS_O_CLOEXEC, !(fl & FS_O_EXCL));
	}
	if (follow && l.node->proc == FS_PROC_FD)
		return reopen(l, fl);
	r = made ? 0 : open_checks(l, fl);
	if (r < 0)
		return r;
	if ((fl & FS_O_TRUNC) && l.node->tmpfs && FS_ISREG(l.node->mode) && !(fl & FS_O_PATH))
		tmpfs_truncate_mapped(l.node, 0);
	struct file *f;
	r = file_open_node(
	    l,
	    (fl & ~(FS_O_CREAT | FS_O_EXCL | FS_O_NOCTTY | FS_O_TRUNC | FS_O_CLOEXEC)) |
		FS_O_LARGEFILE,
	    &f);
	if (r < 0)
		return r;
	r = fd_install(sys_files(), f, 0, fl & FS_O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

/* open(2) is openat(2) from the current directory. */
int64_t sys_open(uint64_t upath, uint64_t flags, uint64_t mode, uint64_t a3, uint64_t a4,
		 uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_openat((uint64_t)(int64_t)AT_FDCWD, upath, flags, mode, 0, 0);
}

/* Closes fd: 0, or -EBADF if it is not open. */
int64_t sys_close(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return fd_close(sys_files(), (int64_t)(int)fd);
}

/* A new descriptor >= min for the file of fd: the number, -EBADF or -EMFILE. */
static int64_t dup_from(int64_t fd, int64_t min, bool cloexec)
{
	struct file *f = sys_file(fd);
	if (!f)
		return -EBADF;
	int r = fd_install(sys_files(), file_get(f), min, cloexec);
	if (r < 0)
		file_put(f);
	return r;
}

/* dup(2): the lowest free descriptor for oldfd's file. */
int64_t sys_dup(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return dup_from((int64_t)(int)fd, 0, false);
}

/* dup3(2): newfd becomes oldfd's file (what it had is closed); -EINVAL
 * for equal descriptors or flags other than O_CLOEXEC, -EBADF for a bad one. */
int64_t sys_dup3(uint64_t oldfd, uint64_t newfd, uint64_t flags, uint64_t a3, uint64_t a4,
		 uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (flags & ~(uint64_t)FS_O_CLOEXEC)
		return -EINVAL;
	if ((int)oldfd == (int)newfd)
		return -EINVAL;
	if ((int)newfd < 0 || (unsigned)newfd >= sys_files()->nofile) /* RLIMIT_NOFILE */
		return -EBADF;
	struct file *f = sys_file((int)oldfd);
	if (!f)
		return -EBADF;
	fd_install_at(sys_files(), (int)newfd, file_get(f), flags & FS_O_CLOEXEC);
	return (int)newfd;
}

/* dup2(2): as dup3 without flags, but equal descriptors are returned as
 * they are (if open). */
int64_t sys_dup2(uint64_t oldfd, uint64_t newfd, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((int)oldfd == (int)newfd)
		return sys_file((int)oldfd) ? (int)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0, 0, 0, 0);
}

/* fcntl(2): the descriptor and status flag commands; -EINVAL for others. */
int64_t sys_fcntl(uint64_t fd, uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	int n = (int)fd;
	struct file *f = sys_file(n);
	if (!f)
		return -EBADF;
	switch ((int)cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((int64_t)arg < 0 || (int64_t)arg >= sys_files()->nofile) /* RLIMIT_NOFILE */
			return -EINVAL;
		return dup_from(n, (int64_t)arg, (int)cmd == F_DUPFD_CLOEXEC);
	case F_GETFD: return fd_cloexec(sys_files(), n) ? FD_CLOEXEC : 0;
	case F_SETFD: fd_set_cloexec(sys_files(), n, arg & FD_CLOEXEC); return 0;
	case F_GETFL: return f->flags;
	case F_SETFL:
		if (f->flags & FS_O_PATH)
			return -EBADF;
		f->flags = (f->flags & ~(unsigned)SETFL_MASK) | ((unsigned)arg & SETFL_MASK);
		return 0;
	default: return f->flags & FS_O_PATH ? -EBADF : -EINVAL;
	}
}
