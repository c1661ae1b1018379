/*
 * sys_path.c - the helpers of sys_path.h: the caller's table and
 * directory, user paths, and the *at calls' resolution.
 */
#include "sys/sys_path.h"
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"

struct fd_table *sys_files(void)
{
	struct proc *p = proc_current();
	return p ? &p->files : NULL;
}

struct file *sys_file(int64_t fd)
{
	return fd_get(sys_files(), fd);
}

struct fs_loc sys_cwd_loc(void)
{
	struct proc *p = proc_current();
	return p && p->cwd.node ? p->cwd : fs_root();
}

int sys_copy_path(char *buf, uint64_t upath)
{
	for (size_t i = 0; i < FS_PATH_MAX; i++) {
		if (copy_from_user(&buf[i], upath + i, 1))
			return -EFAULT;
		if (!buf[i])
			return 0;
	}
	return -ENAMETOOLONG;
}

/* The place dirfd names for a relative path: 0, -EBADF, or -ENOTDIR
 * (unless any_kind, for AT_EMPTY_PATH, which takes any open file). */
static int dir_base(int64_t dirfd, bool any_kind, struct fs_loc *base)
{
	if ((int)dirfd == AT_FDCWD) {
		*base = sys_cwd_loc();
		return 0;
	}
	struct file *f = sys_file((int)dirfd);
	if (!f)
		return -EBADF;
	if (!f->loc.node)
		return any_kind ? -ENOENT : -ENOTDIR;
	if (!any_kind && !FS_ISDIR(f->loc.node->mode))
		return -ENOTDIR;
	*base = f->loc;
	return 0;
}

int sys_resolve_at(int64_t dirfd, uint64_t upath, unsigned follow, bool empty_ok, char *path,
		   struct fs_loc *out, struct fs_walk_info *info)
{
	int r = sys_copy_path(path, upath);
	if (r < 0)
		return r;
	if (!path[0]) {
		if (!empty_ok)
			return -ENOENT;
		return dir_base(dirfd, true, out);
	}
	return sys_resolve_kernel_at(dirfd, path, follow, out, info);
}

int sys_resolve_kernel_at(int64_t dirfd, const char *path, unsigned follow, struct fs_loc *out,
			  struct fs_walk_info *info)
{
	struct fs_loc base = fs_root();
	if (path[0] != '/') {
		int r = dir_base(dirfd, false, &base);
		if (r < 0)
			return r;
	}
	return fs_walk(base, path, follow, out, info);
}
