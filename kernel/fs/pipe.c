/*
 * pipe.c - pipes: a one-page ring buffer between a read end and a write
 * end, each an open file (fs/file.h).
 *
 * Theory of operation. The ring holds PIPE_SIZE bytes: `head` counts the
 * bytes ever written, `tail` the bytes ever read, so head - tail is what
 * waits and neither index ever needs a wrap test. A read takes what is
 * there (at least one byte, at most what was asked); on an empty pipe it
 * sleeps while a writer exists, and returns 0 (end of file) once none is
 * left. A write of at most PIPE_BUF bytes goes in whole or waits for room
 * (atomic: never interleaved with another writer's bytes); a larger one
 * may be split. With no reader left, a write raises SIGPIPE and fails with
 * EPIPE. O_NONBLOCK turns every wait into EAGAIN (or a short count, if
 * some bytes moved). The counts of readers and writers are of open
 * files, not descriptors: dup and fork share a file, so the end stays
 * open until its last descriptor closes, and then the other side is woken.
 */
#include "fs/pipe.h"
#include "arch/x86_64/uaccess.h"
#include "fs/wait.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/kmalloc.h"

struct pipe {
	uint8_t buf[PIPE_SIZE];
	uint64_t head, tail; /* bytes written, bytes read, ever */
	int readers, writers;
	uint64_t ino;
};

static uint64_t next_ino = 1;

/* Returns the bytes waiting in p. */
static uint64_t used(const struct pipe *p)
{
	return p->head - p->tail;
}

/* Copies up to n bytes out to user memory; the count, or -EFAULT. */
static int64_t take(struct pipe *p, uint64_t ubuf, uint64_t n)
{
	uint64_t want = used(p) < n ? used(p) : n, done = 0;
	while (done < want) {
		uint64_t at = p->tail % PIPE_SIZE;
		uint64_t run = PIPE_SIZE - at < want - done ? PIPE_SIZE - at : want - done;
		size_t got = copy_to_user_partial(ubuf + done, p->buf + at, run);
		p->tail += got;
		done += got;
		if (got < run)
			return done ? (int64_t)done : -EFAULT;
	}
	return (int64_t)done;
}

/* Copies up to n bytes in, from user memory at ubuf or, when kbuf is not
 * NULL, from kernel memory there (sendfile); the count, or -EFAULT. */
static int64_t give(struct pipe *p, uint64_t ubuf, const uint8_t *kbuf, uint64_t n)
{
	uint64_t room = PIPE_SIZE - used(p);
	uint64_t want = room < n ? room : n, done = 0;
	while (done < want) {
		uint64_t at = p->head % PIPE_SIZE;
		uint64_t run = PIPE_SIZE - at < want - done ? PIPE_SIZE - at : want - done;
		size_t got = run;
		if (kbuf)
			memcpy(p->buf + at, kbuf + done, run);
		else
			got = copy_from_user_partial(p->buf + at, ubuf + done, run);
		p->head += got;
		done += got;
		if (got < run)
			return done ? (int64_t)done : -EFAULT;
	}
	return (int64_t)done;
}

/* Reading the write end: -EBADF (sys_read checks the access mode first,
 * so this is only a safety net). */
static int64_t pipe_no_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)ubuf, (void)n, (void)off;
	return -EBADF;
}

/* The read end's read: see the top of the file. */
static int64_t pipe_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)off;
	struct pipe *p = f->priv;
	if (n == 0)
		return 0;
	while (used(p) == 0) {
		if (p->writers == 0)
			return 0;
		if (f->flags & FS_O_NONBLOCK)
			return -EAGAIN;
		int r = fs_wait_sleep(&p->head);
		if (r < 0)
			return r;
	}
	int64_t r = take(p, ubuf, n);
	fs_wait_wakeup(&p->tail); /* room for the writers */
	return r;
}

/* The write end's write (see the top of the file), of user memory at
 * ubuf or of kernel memory at kbuf (give). */
static int64_t put(struct file *f, uint64_t ubuf, const uint8_t *kbuf, uint64_t n)
{
	struct pipe *p = f->priv;
	uint64_t done = 0;
	while (done < n) {
		if (p->readers == 0) {
			if (done == 0)
				fs_wait_sigpipe();
			return done ? (int64_t)done : -EPIPE;
		}
		uint64_t room = PIPE_SIZE - used(p), left = n - done;
		/* A write of at most PIPE_BUF bytes waits until it fits whole. */
		bool fits = n <= PIPE_BUF ? room >= left : room > 0;
		if (!fits) {
			if (f->flags & FS_O_NONBLOCK)
				return done ? (int64_t)done : -EAGAIN;
			int r = fs_wait_sleep(&p->tail);
			if (r < 0)
				return done ? (int64_t)done : r;
			continue;
		}
		int64_t w = give(p, ubuf + done, kbuf ? kbuf + done : NULL, left);
		fs_wait_wakeup(&p->head); /* bytes for the readers */
		if (w < 0)
			return done ? (int64_t)done : w;
		done += (uint64_t)w;
		if ((uint64_t)w < left && w < (int64_t)room)
			return (int64_t)done; /* the user buffer ended: a short count */
	}
	return (int64_t)done;
}

static int64_t pipe_write(struct file *f, uint64_t ubuf, uint64_t n)
{
	return put(f, ubuf, NULL, n);
}

static int64_t pipe_write_kernel(struct file *f, const void *buf, uint64_t n)
{
	return put(f, 0, buf, n);
}

/* poll: the read end is readable with bytes waiting, and hung up once
 * no writer is left; the write end is writable with room, and in error
 * once no reader is left (as Linux's pipe_poll). */
static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	unsigned m = 0;
	if ((f->flags & FS_O_ACCMODE) == FS_O_RDONLY) {
		if (used(p))
			m |= FS_POLLIN | FS_POLLRDNORM;
		if (p->writers == 0)
			m |= FS_POLLHUP;
	} else {
		if (used(p) < PIPE_SIZE)
			m |= FS_POLLOUT | FS_POLLWRNORM;
		if (p->readers == 0)
			m |= FS_POLLERR;
	}
	return m;
}

/* The last reference to one end went: the other side learns it. */
static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;
	if ((f->flags & FS_O_ACCMODE) == FS_O_RDONLY)
		p->readers--;
	else
		p->writers--;
	fs_wait_wakeup(&p->head);
	fs_wait_wakeup(&p->tail);
	if (p->readers == 0 && p->writers == 0)
		kfree(p);
}

static const struct file_ops read_ops = {
    .read = pipe_read, .write = file_no_write, .poll = pipe_poll, .release = pipe_release};
static const struct file_ops write_ops = {.read = pipe_no_read,
					  .write = pipe_write,
					  .write_kernel = pipe_write_kernel,
					  .poll = pipe_poll,
					  .release = pipe_release};

int pipe_create(unsigned flags, struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof *p);
	if (!p)
		return -ENOMEM;
	unsigned keep = flags & FS_O_NONBLOCK;
	*rd = file_alloc(&read_ops, FS_O_RDONLY | keep);
	*wr = file_alloc(&write_ops, FS_O_WRONLY | keep);
	if (!*rd || !*wr) {
		kfree(*rd), kfree(*wr), kfree(p);
		return -ENOMEM;
	}
	p->readers = p->writers = 1;
	p->ino = next_ino++;
	(*rd)->priv = (*wr)->priv = p;
	(*rd)->mode = (*wr)->mode = FS_S_IFIFO | 0600;
	(*rd)->ino = (*wr)->ino = 1000 + p->ino;
	return 0;
}
