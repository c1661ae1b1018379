/*
 * sys_io.c - read, write, writev and ioctl on the three standard file
 * descriptors.
 *
 * There are no files: fd 0 is an empty standard input (read returns 0,
 * end of file), fds 1 and 2 go to the user console. User buffers are
 * copied a chunk at a time through copy_from_user_partial, so a buffer
 * that becomes invalid part-way gives a short count, and one invalid from
 * its first byte gives -EFAULT, as on Linux (reference item 72).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/console.h"
#include "lib/errno.h"
#include "sys/syscall.h"

#define CHUNK 256
#define IOV_MAX 1024

int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)buf, (void)n, (void)a3, (void)a4, (void)a5;
	if (fd != 0)
		return fd <= 2 ? -EBADF : -EBADF;
	return 0; /* standard input is empty: end of file, nothing copied */
}

/* Writes n bytes of user memory at buf to the console; returns the count
 * written, or -EFAULT if not even the first byte was readable. */
static int64_t write_user(uint64_t buf, uint64_t n)
{
	char chunk[CHUNK];
	uint64_t done = 0;
	while (done < n) {
		size_t want = n - done < CHUNK ? n - done : CHUNK;
		size_t got = copy_from_user_partial(chunk, buf + done, want);
		user_console_write(chunk, got);
		done += got;
		if (got < want)
			return done ? (int64_t)done : -EFAULT;
	}
	return (int64_t)done;
}

int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (fd != 1 && fd != 2)
		return -EBADF;
	if ((int64_t)n < 0)
		return -EINVAL;
	return write_user(buf, n);
}

struct iovec_user {
	uint64_t base, len;
};

int64_t sys_writev(uint64_t fd, uint64_t iov, uint64_t cnt, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (fd != 1 && fd != 2)
		return -EBADF;
	if (cnt > IOV_MAX)
		return -EINVAL;
	int64_t total = 0;
	for (uint64_t i = 0; i < cnt; i++) {
		struct iovec_user v;
		if (copy_from_user(&v, iov + i * sizeof v, sizeof v) < 0)
			return total ? total : -EFAULT;
		if ((int64_t)v.len < 0)
			return -EINVAL;
		int64_t r = write_user(v.base, v.len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < v.len)
			break;
	}
	return total;
}

int64_t sys_ioctl(uint64_t fd, uint64_t req, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)req, (void)arg, (void)a3, (void)a4, (void)a5;
	return fd <= 2 ? -ENOTTY : -EBADF;
}
