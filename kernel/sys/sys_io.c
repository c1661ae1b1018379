/*
 * sys_io.c - read, write, pread64, pwrite64, readv, writev, lseek and ioctl on any
 * open file, through its kind's ops (fs/file.h).
 *
 * Linux's order (vfs_read, vfs_write): the descriptor (EBADF, also for
 * the wrong direction: a file opened read-only refuses writes), then the
 * whole range must lie in user space (access_ok) before anything moves,
 * so a kernel pointer is -EFAULT even when there is nothing to read; then
 * the count is capped at MAX_RW_COUNT.
 */
#include "arch/x86_64/uaccess.h"
#include "fs/file.h"
#include "lib/errno.h"
#include "mm/kmalloc.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

#define IOV_MAX 1024
#define MAX_RW_COUNT 0x7ffff000 /* Linux's cap on one read or write */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* Returns true if f may be read (not O_WRONLY, not O_PATH). */
static bool readable(const struct file *f)
{
	return (f->flags & FS_O_ACCMODE) != FS_O_WRONLY && (f->flags & FS_O_ACCMODE) != 3 &&
	       !(f->flags & FS_O_PATH);
}

/* Reads from f at *off (f's own offset for read, the caller's for pread). */
static int64_t do_read(struct file *f, uint64_t buf, uint64_t n, uint64_t *off)
{
	if (!uaccess_range_ok(buf, n))
		return -EFAULT;
	return f->ops->read(f, buf, n < MAX_RW_COUNT ? n : MAX_RW_COUNT, off);
}

int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || !readable(f))
		return -EBADF;
	return do_read(f, buf, n, &f->offset);
}

/* pread64: at offset, f's own offset untouched. Linux's order
 * (ksys_pread64): a negative offset EINVAL, no descriptor EBADF, a stream,
 * pipe or O_PATH descriptor ESPIPE (no FMODE_PREAD), then vfs_read's EBADF
 * for the wrong direction. */
int64_t sys_pread64(uint64_t fd, uint64_t buf, uint64_t n, uint64_t offset, uint64_t a4,
		    uint64_t a5)
{
	(void)a4, (void)a5;
	if ((int64_t)offset < 0)
		return -EINVAL;
	struct file *f = sys_file((int)fd);
	if (!f)
		return -EBADF;
	if (!f->ops->seekable || (f->flags & FS_O_PATH))
		return -ESPIPE;
	if (!readable(f))
		return -EBADF;
	uint64_t off = offset;
	return do_read(f, buf, n, &off);
}

int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_ACCMODE) == FS_O_RDONLY || (f->flags & FS_O_PATH))
		return -EBADF;
	if (!uaccess_range_ok(buf, n))
		return -EFAULT;
	return f->ops->write(f, buf, n < MAX_RW_COUNT ? n : MAX_RW_COUNT);
}

/* pwrite64: at offset, f's own offset untouched; ESPIPE for a stream or
 * pipe. A kind with no write_at (a device) takes it as a write. */
int64_t sys_pwrite64(uint64_t fd, uint64_t buf, uint64_t n, uint64_t offset, uint64_t a4,
		     uint64_t a5)
{
	(void)a4, (void)a5;
	if ((int64_t)offset < 0)
		return -EINVAL; /* pread64's order */
	struct file *f = sys_file((int)fd);
	if (!f)
		return -EBADF;
	if (!f->ops->seekable || (f->flags & FS_O_PATH))
		return -ESPIPE;
	if ((f->flags & FS_O_ACCMODE) == FS_O_RDONLY)
		return -EBADF;
	if (!uaccess_range_ok(buf, n))
		return -EFAULT;
	n = n < MAX_RW_COUNT ? n : MAX_RW_COUNT;
	return f->ops->write_at ? f->ops->write_at(f, buf, n, offset) : f->ops->write(f, buf, n);
}

struct iovec_user {
	uint64_t base, len;
};

/*
 * As Linux (import_iovec): the whole iovec array is read and every length
 * checked (a negative one: -EINVAL) while it is copied in, and only then
 * every range (outside user space: -EFAULT), so a negative length wins
 * over a bad pointer in an earlier entry; nothing moves before all
 * entries passed. Returns the array (kfree it) or NULL with *err set.
 */
static struct iovec_user *import_iovec(uint64_t iov, uint64_t cnt, int64_t *err)
{
	*err = 0;
	if (cnt > IOV_MAX) {
		*err = -EINVAL;
		return NULL;
	}
	struct iovec_user *v = kmalloc_array(cnt ? cnt : 1, sizeof *v);
	if (!v) {
		*err = -ENOMEM;
		return NULL;
	}
	if (copy_from_user(v, iov, cnt * sizeof *v) < 0)
		*err = -EFAULT;
	for (uint64_t i = 0; i < cnt && *err == 0; i++)
		if ((int64_t)v[i].len < 0)
			*err = -EINVAL;
	for (uint64_t i = 0; i < cnt && *err == 0; i++)
		if (!uaccess_range_ok(v[i].base, v[i].len))
			*err = -EFAULT;
	if (*err) {
		kfree(v);
		return NULL;
	}
	return v;
}

/* readv and writev: each entry in turn until a short transfer or an error
 * (which is the result only if nothing moved before it). */
static int64_t do_rw_vec(struct file *f, uint64_t iov, uint64_t cnt, bool write)
{
	int64_t r;
	if (cnt == 0)
		return 0;
	struct iovec_user *v = import_iovec(iov, cnt, &r);
	if (!v)
		return r;
	uint64_t total = 0;
	for (uint64_t i = 0; i < cnt && total < MAX_RW_COUNT; i++) {
		uint64_t len = v[i].len < MAX_RW_COUNT - total ? v[i].len : MAX_RW_COUNT - total;
		if (len == 0)
			continue;
		int64_t w = write ? f->ops->write(f, v[i].base, len)
				  : f->ops->read(f, v[i].base, len, &f->offset);
		if (w < 0) {
			if (total == 0)
				r = w;
			break;
		}
		total += (uint64_t)w;
		if ((uint64_t)w < len)
			break;
	}
	kfree(v);
	return r < 0 ? r : (int64_t)total;
}

int64_t sys_writev(uint64_t fd, uint64_t iov, uint64_t cnt, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_ACCMODE) == FS_O_RDONLY || (f->flags & FS_O_PATH))
		return -EBADF;
	return do_rw_vec(f, iov, cnt, true);
}

int64_t sys_readv(uint64_t fd, uint64_t iov, uint64_t cnt, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || !readable(f))
		return -EBADF;
	return do_rw_vec(f, iov, cnt, false);
}

/* lseek: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE (the whole
 * file is data); -ESPIPE on a stream or pipe, -EINVAL for another whence
 * or a negative result, -ENXIO for DATA/HOLE at or past the end. */
int64_t sys_lseek(uint64_t fd, uint64_t offset, uint64_t whence, uint64_t a3, uint64_t a4,
		  uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF;
	if (!f->ops->seekable)
		return -ESPIPE;
	int64_t off = (int64_t)offset, size = (int64_t)file_size(f), r;
	switch (whence) {
	case SEEK_SET: r = off; break;
	case SEEK_CUR: r = (int64_t)f->offset + off; break;
	case SEEK_END: r = size + off; break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (off < 0)
			return -EINVAL;
		if (off >= size)
			return -ENXIO;
		r = whence == SEEK_DATA ? off : size;
		break;
	default: return -EINVAL;
	}
	if (r < 0)
		return -EINVAL;
	f->offset = (uint64_t)r;
	return r;
}

/* ioctl: a terminal's answers (sys/tty.c); ENOTTY for every other file. */
int64_t sys_ioctl(uint64_t fd, uint64_t req, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	struct file *f = sys_file((int)fd);
	if (!f || (f->flags & FS_O_PATH))
		return -EBADF;
	return f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
}
