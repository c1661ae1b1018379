/*
 * sys_io.c - read, write, writev and ioctl on the three standard file
 * descriptors.
 *
 * There are no files: fd 0 is the runner's standard input (sys/tty.c; end
 * of file at once when none is attached), fds 1 and 2 go to the user
 * console (the runner's standard output and error, arch/x86_64/console_serial.c),
 * and ioctl answers what a program asks about its terminal. User buffers are
 * copied a chunk at a time through copy_from_user_partial, so a buffer
 * that becomes invalid part-way gives a short count, and one invalid from
 * its first byte gives -EFAULT, as on Linux (uaccess.efault-short-count).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/console.h"
#include "lib/errno.h"
#include "mm/kmalloc.h"
#include "sys/fd.h"
#include "sys/syscall.h"
#include "sys/tty.h"

#define CHUNK 256
#define IOV_MAX 1024
#define MAX_RW_COUNT 0x7ffff000 /* Linux's cap on one read or write */

/* Linux's order (vfs_read): the descriptor, then the whole range must lie
 * in user space (access_ok), before anything is read: so a kernel pointer
 * is -EFAULT even when there is nothing to read. Then the count is capped
 * and the read returns what one read by the runner returned (sys/tty.c). */
int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (fd != 0 || !fd_is_open(fd))
		return -EBADF; /* fds 1 and 2 are write-only consoles; there are no files */
	if (!uaccess_range_ok(buf, n))
		return -EFAULT;
	return tty_read_stdin(buf, n < MAX_RW_COUNT ? n : MAX_RW_COUNT);
}

/* Writes n bytes of user memory at buf to fd's console; returns the count
 * written, or -EFAULT if not even the first byte was readable. */
static int64_t write_user(uint64_t fd, uint64_t buf, uint64_t n)
{
	char chunk[CHUNK];
	uint64_t done = 0;
	while (done < n) {
		size_t want = n - done < CHUNK ? n - done : CHUNK;
		size_t got = copy_from_user_partial(chunk, buf + done, want);
		user_console_write((int)fd, chunk, got);
		done += got;
		if (got < want)
			return done ? (int64_t)done : -EFAULT;
	}
	return (int64_t)done;
}

/* Linux's order: the descriptor, then the whole range must lie in user
 * space (access_ok), then the count is capped. */
int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if ((fd != 1 && fd != 2) || !fd_is_open(fd))
		return -EBADF;
	if (!uaccess_range_ok(buf, n))
		return -EFAULT;
	return write_user(fd, buf, n < MAX_RW_COUNT ? n : MAX_RW_COUNT);
}

struct iovec_user {
	uint64_t base, len;
};

/*
 * As Linux (import_iovec): the whole iovec array is read and every length
 * checked (a negative one: -EINVAL) while it is copied in, and only then
 * every range (outside user space: -EFAULT), so a negative length wins
 * over a bad pointer in an earlier entry; nothing is written before all
 * entries passed.
 */
int64_t sys_writev(uint64_t fd, uint64_t iov, uint64_t cnt, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if ((fd != 1 && fd != 2) || !fd_is_open(fd))
		return -EBADF;
	if (cnt > IOV_MAX)
		return -EINVAL;
	if (cnt == 0)
		return 0;
	struct iovec_user *v = kmalloc_array(cnt, sizeof *v);
	if (!v)
		return -ENOMEM;
	int64_t r = 0;
	if (copy_from_user(v, iov, cnt * sizeof *v) < 0)
		r = -EFAULT;
	for (uint64_t i = 0; i < cnt && r == 0; i++)
		if ((int64_t)v[i].len < 0)
			r = -EINVAL;
	for (uint64_t i = 0; i < cnt && r == 0; i++)
		if (!uaccess_range_ok(v[i].base, v[i].len))
			r = -EFAULT;
	uint64_t total = 0;
	for (uint64_t i = 0; i < cnt && r == 0 && total < MAX_RW_COUNT; i++) {
		uint64_t len = v[i].len < MAX_RW_COUNT - total ? v[i].len : MAX_RW_COUNT - total;
		int64_t w = write_user(fd, v[i].base, len);
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

/* On fds 0-2: the terminal's answers (sys/tty.c), ENOTTY when not a terminal. */
int64_t sys_ioctl(uint64_t fd, uint64_t req, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return fd_is_open(fd) ? tty_ioctl(fd, req, arg) : -EBADF;
}
