/*
 * fd.c - file descriptor tables (fd.h).
 *
 * Theory of operation. A table is an array of file pointers indexed by
 * descriptor, with a bitmap of close-on-exec bits beside it. A new
 * descriptor is always the lowest free one at or above a minimum (POSIX
 * requires the lowest for open, dup, pipe; F_DUPFD gives the minimum). A
 * descriptor holds one reference to its file, so closing one of two dups
 * leaves the file open for the other, and fork's copy makes every file
 * shared by parent and child. A second bitmap says which descriptors are
 * open, so that fork, exit and execve visit only those (a process has a
 * handful open out of 1024 slots) and the lowest free one is found a word
 * at a time.
 */
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/path.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mm.h"

int fd_table_init_std(struct fd_table *t)
{
	memset(t, 0, sizeof *t);
	t->nofile = FD_MAX;
	for (int i = 0; i < 3; i++) {
		struct file *f = file_open_stream(i);
		if (!f) {
			fd_table_close_all(t);
			return -ENOMEM;
		}
		fd_install_at(t, i, f, false);
	}
	return 0;
}

/* Returns the lowest descriptor >= from whose bit is set in the map bits,
 * or -1: the loops below visit open descriptors with it. */
static int next_bit(const uint64_t *bits, int from)
{
	for (int w = from / 64; w < FD_WORDS; w++) {
		uint64_t m = bits[w] & (w == from / 64 ? ~0ull << (from % 64) : ~0ull);
		if (m)
			return w * 64 + __builtin_ctzll(m);
	}
	return -1;
}

int fd_table_fork(struct fd_table *dst, const struct fd_table *src)
{
	memcpy(dst->open, src->open, sizeof dst->open);
	memcpy(dst->cloexec, src->cloexec, sizeof dst->cloexec);
	dst->nofile = src->nofile;
	for (int i = next_bit(src->open, 0); i >= 0; i = next_bit(src->open, i + 1)) {
		dst->fd[i] = src->fd[i];
		file_get(dst->fd[i]);
	}
	return 0;
}

bool fd_cloexec(const struct fd_table *t, int fd)
{
	return t->cloexec[fd / 64] >> (fd % 64) & 1;
}

void fd_set_cloexec(struct fd_table *t, int fd, bool on)
{
	uint64_t bit = 1ull << (fd % 64);
	if (on)
		t->cloexec[fd / 64] |= bit;
	else
		t->cloexec[fd / 64] &= ~bit;
}

void fd_table_close_on_exec(struct fd_table *t)
{
	for (int i = next_bit(t->cloexec, 0); i >= 0; i = next_bit(t->cloexec, i + 1))
		fd_close(t, i);
}

void fd_table_close_all(struct fd_table *t)
{
	for (int i = next_bit(t->open, 0); i >= 0; i = next_bit(t->open, i + 1))
		fd_close(t, i);
}

struct file *fd_get(struct fd_table *t, int64_t fd)
{
	if (!t || fd < 0 || fd >= FD_MAX)
		return NULL;
	return t->fd[fd];
}

int fd_free_slot(const struct fd_table *t, int64_t min)
{
	for (int w = min < 0 ? 0 : (int)(min / 64); min < FD_MAX && w < FD_WORDS; w++) {
		uint64_t free = ~t->open[w];
		if (min > w * 64)
			free &= ~0ull << (min % 64);
		if (free) {
			int fd = w * 64 + __builtin_ctzll(free);
			return (unsigned)fd < t->nofile ? fd : -EMFILE; /* RLIMIT_NOFILE */
		}
	}
	return -EMFILE;
}

int fd_install(struct fd_table *t, struct file *f, int64_t min, bool cloexec)
{
	int fd = fd_free_slot(t, min);
	if (fd >= 0)
		fd_install_at(t, fd, f, cloexec);
	return fd;
}

void fd_install_at(struct fd_table *t, int fd, struct file *f, bool cloexec)
{
	struct file *old = t->fd[fd];
	t->fd[fd] = f;
	t->open[fd / 64] |= 1ull << (fd % 64);
	fd_set_cloexec(t, fd, cloexec);
	if (old)
		file_put(old);
}

int fd_close(struct fd_table *t, int64_t fd)
{
	struct file *f = fd_get(t, fd);
	if (!f)
		return -EBADF;
	t->fd[fd] = NULL;
	t->open[fd / 64] &= ~(1ull << (fd % 64));
	fd_set_cloexec(t, (int)fd, false);
	file_put(f);
	return 0;
}

int fd_file_bytes(struct fd_table *t, int fd, const void **data, size_t *size, uint64_t *id)
{
	struct file *f = fd_get(t, fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF;
	if ((f->flags & FS_O_ACCMODE) == FS_O_WRONLY)
		return -EACCES;
	if (!f->loc.node || !FS_ISREG(f->loc.node->mode) || f->loc.node->proc != FS_PROC_NONE ||
	    f->loc.node->tmpfs)
		return -ENODEV;
	*data = f->loc.node->data;
	*size = f->loc.node->size;
	*id = f->loc.node->ino;
	return 0;
}

/* The device st_dev names for every boot-fs file: makedev(0, 1), as sys_stat.c's. */
#define MAPPING_DEV 1

int fd_mmap_source(struct fd_table *t, int fd, struct mm_mmap_source *src)
{
	struct file *f = fd_get(t, fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF;
	unsigned acc = f->flags & FS_O_ACCMODE;
	src->readable = acc != FS_O_WRONLY;
	src->writable = acc == FS_O_WRONLY || acc == FS_O_RDWR;
	src->file = NULL;
	src->noexec = false;
	struct fs_node *n = f->loc.node;
	if (!n || !FS_ISREG(n->mode) || n->proc != FS_PROC_NONE)
		return 0;
	if (n->tmpfs) { /* its mapping is its own (tmpfs.c), kept as the file changes */
		src->noexec = true;
		src->file = &n->mapping;
		return 0;
	}
	/* The same values every time: the tree is read-only and lives for the boot. */
	n->mapping = (struct mm_file){
	    .data = n->data, .size = n->size, .ino = n->ino, .dev = MAPPING_DEV, .node = n};
	src->file = &n->mapping;
	return 0;
}

int fs_file_bytes(const char *cwd, const char *path, const void **data, size_t *size)
{
	const struct fs_node *n;
	int r = fs_file_node(cwd, path, &n);
	if (r < 0)
		return r;
	*data = n->data;
	*size = n->size;
	return 0;
}

int fs_file_node(const char *cwd, const char *path, const struct fs_node **out)
{
	struct fs_loc base = fs_root();
	if (path[0] != '/' && cwd) {
		int r = fs_walk(fs_root(), cwd, FS_FOLLOW, &base, NULL);
		if (r < 0)
			return r;
	}
	return fs_file_node_at(base, path, out);
}

int fs_file_node_at(struct fs_loc base, const char *path, const struct fs_node **out)
{
	if (strnlen(path, FS_PATH_MAX) >= FS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!path[0])
		return -ENOENT;
	struct fs_loc l;
	int r = fs_walk(base, path, FS_FOLLOW, &l, NULL);
	if (r < 0)
		return r;
	struct fs_node *n = l.node;
	if (!FS_ISREG(n->mode) || n->proc != FS_PROC_NONE || !(n->mode & 0111))
		return -EACCES;
	if (n->tmpfs)
		return -EACCES; /* /tmp is mounted noexec (/proc/mounts) */
	*out = n;
	return 0;
}
