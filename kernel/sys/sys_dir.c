/*
 * sys_dir.c - directories: getdents64, getcwd, chdir, fchdir.
 *
 * getdents64 lists ".", "..", then the entries in the order they were
 * added (the archive's; for /proc: its fixed entries, then one directory
 * per process). The file's offset is the place (seq) of the next entry to
 * list, so the listing can be read in as many calls as the buffer needs,
 * and d_off is the offset after each entry, as a later lseek would take
 * it; places are never reused, so an entry removed meanwhile (rm -r
 * removes what it has read) moves no other. The current
 * directory is kept as its place (p->cwd), as Linux keeps a path's
 * dentry, and held there (a directory of /tmp removed meanwhile lives on
 * while some process is in it, and getcwd then says ENOENT, as Linux);
 * getcwd writes its path, of any depth.
 */
#include "arch/x86_64/uaccess.h"
#include "fs/file.h"
#include "fs/procfs.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

/* One entry of the listing being made. */
struct dirent_out {
	uint64_t ubuf, size, used;
	bool full;
};

/* Appends one linux_dirent64 record; false once the buffer is full. */
static bool put_entry(struct dirent_out *o, uint64_t ino, int64_t next_off, uint32_t mode,
		      const char *name)
{
	size_t len = strlen(name);
	size_t reclen = (19 + len + 1 + 7) & ~(size_t)7;
	if (o->used + reclen > o->size) {
		o->full = true;
		return false;
	}
	uint8_t rec[19 + FS_NAME_MAX + 1 + 8];
	memset(rec, 0, reclen);
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &next_off, 8);
	uint16_t rl = (uint16_t)reclen;
	memcpy(rec + 16, &rl, 2);
	rec[18] = FS_ISDIR(mode) ? DT_DIR : FS_ISLNK(mode) ? DT_LNK : DT_REG;
	memcpy(rec + 19, name, len);
	if (copy_to_user(o->ubuf + o->used, rec, reclen))
		return false;
	o->used += reclen;
	return true;
}

/* For /proc's listing: the pids as the process table has them. */
struct pid_walk {
	struct dirent_out *o;
	uint64_t index, want;
	uint64_t *offset;
	struct fs_node *dir;
};

/* Lists pid if it is at or after the file's offset. */
static void list_pid(int pid, void *ctx)
{
	struct pid_walk *w = ctx;
	uint64_t i = w->index++;
	if (i < w->want || w->o->full)
		return;
	char name[16];
	ksnprintf(name, sizeof name, "%d", pid);
	if (put_entry(w->o, procfs_pid_dir()->ino + ((uint64_t)pid << 20), (int64_t)i + 1,
		      FS_S_IFDIR, name))
		*w->offset = i + 1;
}

/* Lists descriptor fd (of /proc/<pid>/fd) if it is at or after the offset. */
static void list_fd(int fd, void *ctx)
{
	struct pid_walk *w = ctx;
	uint64_t i = w->index++;
	if (i < w->want || w->o->full)
		return;
	char name[16];
	ksnprintf(name, sizeof name, "%d", fd);
	if (put_entry(w->o, procfs_fd_link()->ino + ((uint64_t)fd << 10), (int64_t)i + 1,
		      FS_S_IFLNK, name))
		*w->offset = i + 1;
}

int64_t sys_getdents64(uint64_t fd, uint64_t ubuf, uint64_t size, uint64_t a3, uint64_t a4,
		       uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF;
	if (!f->loc.node || !FS_ISDIR(f->loc.node->mode))
		return -ENOTDIR;
	if (!uaccess_range_ok(ubuf, size))
		return -EFAULT;
	struct fs_node *d = f->loc.node;
	struct dirent_out o = {ubuf, size, 0, false};
	uint64_t i = 0;
	/* "." and "..", then the children, then (for /proc) the pids. */
	if (f->offset == 0 && put_entry(&o, d->ino, 1, FS_S_IFDIR, "."))
		f->offset = 1;
	if (f->offset == 1 && put_entry(&o, d->parent->ino, 2, FS_S_IFDIR, ".."))
		f->offset = 2;
	for (struct fs_node *c = d->children; c && !o.full; c = c->next)
		if (c->seq >= f->offset && put_entry(&o, fs_entry_node(c)->ino, (int64_t)c->seq + 1,
						     fs_entry_node(c)->mode, c->name))
			f->offset = c->seq + 1;
	i = d->last_seq > 2 ? d->last_seq + 1 : 3; /* the pids' and descriptors' places: after */
	if (d->proc == FS_PROC_ROOT && !o.full) {
		struct pid_walk w = {&o, i, f->offset, &f->offset, d};
		procfs_for_each_pid(list_pid, &w);
	}
	if (d->proc == FS_PROC_FDDIR && !o.full) {
		struct pid_walk w = {&o, i, f->offset, &f->offset, d};
		procfs_for_each_fd(f->loc.pid, list_fd, &w);
	}
	if (o.used == 0 && o.full)
		return -EINVAL; /* not even one entry fits */
	return (int64_t)o.used;
}

/* getcwd(2): the path with its NUL; -ENOENT if the directory was removed,
 * -ENAMETOOLONG past PATH_MAX, -ERANGE if size is too small (Linux's). */
int64_t sys_getcwd(uint64_t ubuf, uint64_t size, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	static char buf[FS_PATH_MAX]; /* one system call at a time */
	struct fs_loc l = sys_cwd_loc();
	if (l.node->nlink == 0)
		return -ENOENT;
	int n = fs_loc_path(l, buf, sizeof buf);
	if (n < 0)
		return -ENAMETOOLONG;
	size_t len = (size_t)n + 1;
	if (size < len)
		return -ERANGE;
	return copy_to_user(ubuf, buf, len) ? -EFAULT : (int64_t)len;
}

/* Makes loc the caller's current directory: 0 or -ENOTDIR. */
static int64_t set_cwd(struct fs_loc l)
{
	if (!FS_ISDIR(l.node->mode))
		return -ENOTDIR;
	proc_set_cwd(proc_current(), l);
	return 0;
}

int64_t sys_chdir(uint64_t upath, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	static char path[FS_PATH_MAX];
	struct fs_loc l;
	int r = sys_resolve_at(AT_FDCWD, upath, FS_FOLLOW, false, path, &l, NULL);
	return r < 0 ? r : set_cwd(l);
}

int64_t sys_fchdir(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f)
		return -EBADF;
	if (!f->loc.node)
		return -ENOTDIR;
	return set_cwd(f->loc);
}
