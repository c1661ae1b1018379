/*
 * tty_file.c - the standard streams as open files (fs/file.h): fd 0
 * reads what the runner passes (tty.c), fds 1 and 2 write to the user
 * console (the runner's standard output and error), and ioctl answers
 * what a program asks about its terminal.
 *
 * User buffers are copied a chunk at a time through copy_from_user_partial,
 * so a buffer that becomes invalid part-way gives a short count, and one
 * invalid from its first byte gives -EFAULT, as on Linux
 * (uaccess.efault-short-count).
 */
#include "arch/x86_64/uaccess.h"
#include "fs/file.h"
#include "lib/console.h"
#include "lib/errno.h"
#include "sys/tty.h"

#define CHUNK 256

/* Standard input: what the runner passes (sys/tty.c). */
static int64_t stdin_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)off;
	return tty_read_stdin(ubuf, n);
}

/* Writes n bytes of user memory at ubuf to the stream's console; the
 * count, or -EFAULT if not even the first byte was readable. */
static int64_t stream_write(struct file *f, uint64_t ubuf, uint64_t n)
{
	char chunk[CHUNK];
	uint64_t done = 0;
	while (done < n) {
		size_t want = n - done < CHUNK ? n - done : CHUNK;
		size_t got = copy_from_user_partial(chunk, ubuf + done, want);
		user_console_write(f->stream, chunk, got);
		done += got;
		if (got < want)
			return done ? (int64_t)done : -EFAULT;
	}
	return (int64_t)done;
}

/* stream_write from kernel memory (sendfile): nothing can fault. */
static int64_t stream_write_kernel(struct file *f, const void *buf, uint64_t n)
{
	user_console_write(f->stream, buf, n);
	return (int64_t)n;
}

/* The write side of fd 0 and the read side of 1 and 2: as before files,
 * these streams go one way only. */
static int64_t stream_read_none(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)ubuf, (void)n, (void)off;
	return -EBADF;
}

/* The terminal's answers for the stream (sys/tty.c). */
static int64_t stream_ioctl(struct file *f, uint64_t req, uint64_t arg)
{
	return tty_ioctl((uint64_t)f->stream, req, arg);
}

static const struct file_ops stdin_ops = {
    .read = stdin_read, .write = file_no_write, .ioctl = stream_ioctl};
static const struct file_ops stdout_ops = {.read = stream_read_none,
					   .write = stream_write,
					   .write_kernel = stream_write_kernel,
					   .ioctl = stream_ioctl};

struct file *file_open_stream(int n)
{
	struct file *f =
	    file_alloc(n == 0 ? &stdin_ops : &stdout_ops, n == 0 ? FS_O_RDONLY : FS_O_WRONLY);
	if (!f)
		return NULL;
	f->stream = n;
	f->mode = (tty_is_terminal((uint64_t)n) ? FS_S_IFCHR : FS_S_IFIFO) | 0600;
	f->ino = (uint64_t)n + 1;
	return f;
}

/* /dev/tty's reads: standard input's; its writes go to standard output. */
static int64_t tty_dev_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)off;
	return tty_read_stdin(ubuf, n);
}

static const struct file_ops tty_ops = {.read = tty_dev_read,
					.write = stream_write,
					.write_kernel = stream_write_kernel,
					.ioctl = stream_ioctl,
					.is_terminal = true};

struct file *file_open_tty(unsigned flags)
{
	struct file *f = file_alloc(&tty_ops, flags);
	if (f)
		f->stream = 1; /* writes and ioctls as standard output's */
	return f;
}
