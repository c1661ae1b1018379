/*
 * sys_stat.c - asking about files: stat, fstat, lstat, newfstatat, statx,
 * readlink, readlinkat, access, faccessat and faccessat2.
 *
 * Everything is owned by root (uid and gid 0) and the caller is root, so
 * access grants reading always, execution when some x bit is set (or for
 * a directory), and writing never: the tree is read-only (EROFS). The
 * times are the archive's mtime for all three stamps. st_dev is the boot
 * file system's (0:1, the first anonymous device, as Linux numbers an
 * initramfs's) or /proc's.
 */
#include "arch/x86_64/uaccess.h"
#include "fs/file.h"
#include "fs/procfs.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

#define DEV_BOOTFS 1	    /* makedev(0, 1) */
#define DEV_PROC 0x16	    /* makedev(0, 22) */
#define DEV_PIPEFS 0xc	    /* makedev(0, 12) */
#define DEV_TMPFS TMPFS_DEV /* /tmp's own device, as a tmpfs mount gets one */
#define STATX_BASIC_STATS 0x7ffu
#define STATX__RESERVED 0x80000000u
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* Linux x86-64's struct stat (144 bytes). */
struct kstat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	int64_t unused[3];
};

struct statx_ts {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};

/* Linux's struct statx (256 bytes). */
struct kstatx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad1;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

/* Fills st for a place in the tree (node and pid) or, with a NULL node,
 * for the open file f (a stream or a pipe). */
static void fill_stat(struct kstat *st, struct fs_loc l, const struct file *f)
{
	memset(st, 0, sizeof *st);
	st->blksize = 4096;
	if (!l.node) {
		st->dev = DEV_PIPEFS;
		st->ino = f->ino;
		st->nlink = 1;
		st->mode = f->mode;
		st->blksize = 4096;
		return;
	}
	struct fs_node *n = l.node;
	bool proc = n->proc != FS_PROC_NONE;
	st->dev = proc ? DEV_PROC : n->tmpfs ? DEV_TMPFS : DEV_BOOTFS;
	st->uid = n->uid;
	st->gid = n->gid;
	st->ino = n->ino + (n->proc == FS_PROC_PIDDIR || l.pid ? (uint64_t)l.pid << 20 : 0);
	st->nlink = n->nlink;
	st->mode = n->mode;
	st->rdev = n->rdev; /* a device's (major << 8) | minor: Linux's encoding for small ones */
	st->size = proc ? 0 : (int64_t)n->size;
	st->blocks = proc ? 0 : (st->size + 511) / 512;
	if (n->tmpfs) /* what it holds: its pages, holes not counted (Linux's tmpfs) */
		st->blocks = FS_ISDIR(n->mode) ? 0 : (int64_t)n->pages * 8;
	st->atime = st->mtime = st->ctime = n->mtime;
}

/* Copies st to user memory at ust: 0 or -EFAULT. */
static int64_t put_stat(uint64_t ust, const struct kstat *st)
{
	return copy_to_user(ust, st, sizeof *st) ? -EFAULT : 0;
}

/* The status of (dirfd, path) with AT_* flags into st. */
static int64_t stat_at(int64_t dirfd, uint64_t upath, uint64_t flags, struct kstat *st)
{
	static char path[FS_PATH_MAX];
	if (flags &
	    ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	int r = sys_copy_path(path, upath);
	if (r < 0)
		return r;
	if (!path[0] && (flags & AT_EMPTY_PATH) && (int)dirfd != AT_FDCWD) {
		struct file *f = sys_file((int)dirfd);
		if (!f)
			return -EBADF;
		fill_stat(st, f->loc, f);
		return 0;
	}
	struct fs_loc l;
	r = sys_resolve_at(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW ? 0 : FS_FOLLOW,
			   flags & AT_EMPTY_PATH, path, &l, NULL);
	if (r < 0)
		return r;
	if (!(flags & AT_SYMLINK_NOFOLLOW) && l.node->proc == FS_PROC_FD) {
		/* An fd link to a pipe or a stream, followed: that file's status. */
		struct file *f = procfs_fd_file(l.pid, l.fd);
		if (!f)
			return -ENOENT;
		fill_stat(st, f->loc, f);
		return 0;
	}
	fill_stat(st, l, NULL);
	return 0;
}

int64_t sys_newfstatat(uint64_t dirfd, uint64_t upath, uint64_t ust, uint64_t flags, uint64_t a4,
		       uint64_t a5)
{
	(void)a4, (void)a5;
	struct kstat st;
	int64_t r = stat_at((int64_t)(int)dirfd, upath, flags, &st);
	return r < 0 ? r : put_stat(ust, &st);
}

int64_t sys_stat(uint64_t upath, uint64_t ust, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_newfstatat((uint64_t)(int64_t)AT_FDCWD, upath, ust, 0, 0, 0);
}

int64_t sys_lstat(uint64_t upath, uint64_t ust, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_newfstatat((uint64_t)(int64_t)AT_FDCWD, upath, ust, AT_SYMLINK_NOFOLLOW, 0, 0);
}

int64_t sys_fstat(uint64_t fd, uint64_t ust, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f)
		return -EBADF;
	struct kstat st;
	fill_stat(&st, f->loc, f);
	return put_stat(ust, &st);
}

/* statx(2): the same facts in struct statx; STATX_BASIC_STATS is what is
 * known, whatever the mask asks (as a file system without birth times). */
int64_t sys_statx(uint64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mask, uint64_t ubuf,
		  uint64_t a5)
{
	(void)a5;
	if ((uint32_t)mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	struct kstat st;
	int64_t r = stat_at((int64_t)(int)dirfd, upath, flags, &st);
	if (r < 0)
		return r;
	struct kstatx x;
	memset(&x, 0, sizeof x);
	x.mask = STATX_BASIC_STATS;
	x.blksize = (uint32_t)st.blksize;
	x.nlink = (uint32_t)st.nlink;
	x.mode = (uint16_t)st.mode;
	x.ino = st.ino;
	x.size = (uint64_t)st.size;
	x.blocks = (uint64_t)st.blocks;
	x.atime.sec = st.atime;
	x.ctime.sec = st.ctime;
	x.mtime.sec = st.mtime;
	x.dev_minor = (uint32_t)st.dev;
	x.rdev_major = (uint32_t)(st.rdev >> 8);
	x.rdev_minor = (uint32_t)(st.rdev & 0xff);
	return copy_to_user(ubuf, &x, sizeof x) ? -EFAULT : 0;
}

/* readlinkat(2): the target of a link, without a NUL, cut to bufsiz;
 * -EINVAL for a non-link or bufsiz <= 0. */
int64_t sys_readlinkat(uint64_t dirfd, uint64_t upath, uint64_t ubuf, uint64_t bufsiz, uint64_t a4,
		       uint64_t a5)
{
	(void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	if ((int)bufsiz <= 0)
		return -EINVAL;
	struct fs_loc l;
	int r = sys_resolve_at((int64_t)(int)dirfd, upath, 0, false, path, &l, NULL);
	if (r < 0)
		return r;
	if (!FS_ISLNK(l.node->mode))
		return -EINVAL;
	char small[FS_LINK_SMALL];
	size_t len;
	const char *target = fs_link_target(l, small, &len);
	if (!target)
		return -ENOENT; /* an exe link of a program from outside the tree */
	if (len > (size_t)(int)bufsiz)
		len = (size_t)(int)bufsiz;
	size_t done = copy_to_user_partial(ubuf, target, len);
	return done < len ? -EFAULT : (int64_t)len;
}

int64_t sys_readlink(uint64_t upath, uint64_t ubuf, uint64_t bufsiz, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_readlinkat((uint64_t)(int64_t)AT_FDCWD, upath, ubuf, bufsiz, 0, 0);
}

/* faccessat2(2): root's answers (top of the file); -EINVAL for a bad mode or flag. */
int64_t sys_faccessat2(uint64_t dirfd, uint64_t upath, uint64_t mode, uint64_t flags, uint64_t a4,
		       uint64_t a5)
{
	(void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	if (mode & ~(uint64_t)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(uint64_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct fs_loc l;
	int r =
	    sys_resolve_at((int64_t)(int)dirfd, upath, flags & AT_SYMLINK_NOFOLLOW ? 0 : FS_FOLLOW,
			   flags & AT_EMPTY_PATH, path, &l, NULL);
	if (r < 0)
		return r;
	uint32_t m = l.node->mode;
	if ((mode & X_OK) && !FS_ISDIR(m) && !(m & 0111))
		return -EACCES;
	if ((mode & W_OK) && l.node->proc == FS_PROC_NONE && !l.node->tmpfs)
		return -EROFS;
	return 0;
}

int64_t sys_faccessat(uint64_t dirfd, uint64_t upath, uint64_t mode, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_faccessat2(dirfd, upath, mode, 0, 0, 0);
}

int64_t sys_access(uint64_t upath, uint64_t mode, uint64_t a2, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_faccessat2((uint64_t)(int64_t)AT_FDCWD, upath, mode, 0, 0, 0);
}
