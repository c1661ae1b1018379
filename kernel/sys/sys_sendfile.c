/*
 * sys_sendfile.c - sendfile(2): bytes of one open file written to another
 * without passing through the caller's memory (cat, cp and busybox's
 * copy loop use it first and fall back to read and write on EINVAL or
 * ENOSYS).
 *
 * Theory of operation. The input must keep its bytes in memory (a
 * regular file or a /proc snapshot: file_holds_bytes), as Linux asks
 * for a file with a page cache; a pipe, a terminal or a directory is
 * EINVAL. The output writes from kernel memory through its kind's
 * write_kernel (a pipe, the console streams, /dev/null and friends);
 * a kind without one, or an output opened O_APPEND, is EINVAL, as
 * Linux's do_splice_direct. The bytes go from the input's data straight
 * into the output's write, so no buffer is needed. With an offset
 * pointer the input is read from *offset, which is advanced, and the
 * input's own position is left alone; without one the position moves.
 * Linux's order of checks: the offset pointer (EFAULT), the input
 * (EBADF, then a negative offset's EINVAL), the output (EBADF), then
 * what the two kinds can do (EINVAL).
 */
#include "arch/x86_64/uaccess.h"
#include "fs/file.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

#define MAX_RW_COUNT 0x7ffff000 /* Linux's cap on one transfer */

/* Returns true if f was opened for reading (not O_WRONLY or O_PATH). */
static bool can_read(const struct file *f)
{
	unsigned acc = f->flags & FS_O_ACCMODE;
	return acc != FS_O_WRONLY && acc != 3 && !(f->flags & FS_O_PATH);
}

/* Returns true if f was opened for writing. */
static bool can_write(const struct file *f)
{
	unsigned acc = f->flags & FS_O_ACCMODE;
	return (acc == FS_O_WRONLY || acc == FS_O_RDWR) && !(f->flags & FS_O_PATH);
}

/* A /tmp file's bytes go out a page at a time through this buffer (the
 * kernel is not preemptible: one call uses it at a time). */
static uint8_t bounce[4096];

/* Writes up to count bytes of in from *pos to out; returns the count
 * written (0 at the end of in) or -errno, and advances *pos by it. */
static int64_t transfer(struct file *in, struct file *out, uint64_t *pos, uint64_t count)
{
	uint64_t size = file_size(in);
	if (*pos >= size || count == 0)
		return 0;
	uint64_t n = size - *pos < count ? size - *pos : count;
	if (!in->loc.node || !in->loc.node->tmpfs) {
		int64_t w = out->ops->write_kernel(out, in->data + *pos, n);
		if (w > 0)
			*pos += (uint64_t)w;
		return w;
	}
	uint64_t done = 0;
	while (done < n) {
		size_t k = n - done < sizeof bounce ? n - done : sizeof bounce;
		k = tmpfs_read_kernel(in->loc.node, bounce, k, *pos);
		int64_t w = k ? out->ops->write_kernel(out, bounce, k) : 0;
		if (w < 0 && done == 0)
			return w;
		if (w <= 0)
			break;
		done += (uint64_t)w;
		*pos += (uint64_t)w;
		if ((uint64_t)w < k)
			break;
	}
	return (int64_t)done;
}

/* sendfile(out_fd, in_fd, offset, count): the bytes written, or -errno. */
int64_t sys_sendfile(uint64_t out_fd, uint64_t in_fd, uint64_t uoffset, uint64_t count, uint64_t a4,
		     uint64_t a5)
{
	(void)a4, (void)a5;
	int64_t off = 0;
	if (uoffset && copy_from_user(&off, uoffset, sizeof off) < 0)
		return -EFAULT;
	struct file *in = sys_file((int)in_fd);
	if (!in || !can_read(in))
		return -EBADF;
	uint64_t pos = uoffset ? (uint64_t)off : in->offset;
	if ((int64_t)pos < 0)
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	struct file *out = sys_file((int)out_fd);
	if (!out || !can_write(out))
		return -EBADF;
	if (!file_holds_bytes(in) || !out->ops->write_kernel || (out->flags & FS_O_APPEND))
		return -EINVAL;
	int64_t r = transfer(in, out, &pos, count);
	if (r < 0)
		return r;
	if (uoffset) {
		off = (int64_t)pos;
		if (copy_to_user(uoffset, &off, sizeof off) < 0)
			return -EFAULT;
	} else {
		in->offset = pos;
	}
	return r;
}
