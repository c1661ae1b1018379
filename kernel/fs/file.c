/*
 * file.c - open file objects (file.h): their references, and the kinds
 * that keep their bytes in memory or pass them to the console.
 *
 * Theory of operation. A file is reference-counted: open makes it with
 * one reference (the descriptor), dup and fork add one per descriptor,
 * close drops one, and the last drop calls the kind's release and frees
 * it. A regular file of the boot tree reads straight from the archive's
 * bytes; a /proc file is generated once when it is opened (procfs.c) into
 * a buffer the file owns, so that a program reading it in small pieces
 * sees one consistent snapshot, as Linux's seq_file gives for small files.
 * The standard streams are sys/tty_file.c's.
 */
#include "fs/file.h"
#include "fs/devfs.h"
#include "arch/x86_64/uaccess.h"
#include "fs/procfs.h"
#include "fs/tmpfs.h"
#include "lib/errno.h"
#include "mm/kmalloc.h"

struct file *file_alloc(const struct file_ops *ops, unsigned flags)
{
	struct file *f = kzalloc(sizeof *f);
	if (!f)
		return NULL;
	f->refs = 1;
	f->ops = ops;
	f->flags = flags;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	if (--f->refs > 0)
		return;
	if (f->ops->release)
		f->ops->release(f);
	kfree(f->owned);
	kfree(f);
}

int64_t file_read_bytes(const uint8_t *data, size_t size, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	if (*off >= size)
		return 0;
	uint64_t want = size - *off < n ? size - *off : n;
	size_t done = copy_to_user_partial(ubuf, data + *off, want);
	if (done == 0 && want > 0)
		return -EFAULT;
	*off += done;
	return (int64_t)done;
}

/* A regular file or a /proc snapshot: its bytes from *off. */
static int64_t mem_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	return file_read_bytes(f->data, f->size, ubuf, n, off);
}

/* A directory is read with getdents64, never read(2): Linux's EISDIR. */
int64_t file_dir_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)ubuf, (void)n, (void)off;
	return -EISDIR;
}

unsigned file_poll(struct file *f)
{
	if (f->ops->poll)
		return f->ops->poll(f);
	return FS_POLLIN | FS_POLLRDNORM | FS_POLLOUT | FS_POLLWRNORM;
}

/* Writing a file of the read-only tree: it was opened for reading only,
 * so the descriptor refuses (Linux's EBADF). */
int64_t file_no_write(struct file *f, uint64_t ubuf, uint64_t n)
{
	(void)f, (void)ubuf, (void)n;
	return -EBADF;
}

static const struct file_ops mem_ops = {.read = mem_read, .write = file_no_write, .seekable = true};
static const struct file_ops dir_ops = {
    .read = file_dir_read, .write = file_no_write, .seekable = true};

bool file_holds_bytes(const struct file *f)
{
	return f->ops == &mem_ops || f->ops == &tmpfs_file_ops;
}

uint64_t file_size(const struct file *f)
{
	return f->loc.node && f->loc.node->tmpfs ? f->loc.node->size : f->size;
}

int file_open_node(struct fs_loc loc, unsigned flags, struct file **out)
{
	struct fs_node *n = loc.node;
	if (n->device && !(flags & FS_O_PATH))
		return devfs_open(n, flags, out);
	const struct file_ops *ops = FS_ISDIR(n->mode) ? &dir_ops : &mem_ops;
	if (n->tmpfs)
		ops = FS_ISDIR(n->mode) ? &tmpfs_dir_ops : &tmpfs_file_ops;
	struct file *f = file_alloc(ops, flags);
	if (!f)
		return -ENOMEM;
	if (n->tmpfs)
		tmpfs_hold(n); /* the file keeps the node, even once it has no name */
	f->loc = loc;
	f->mode = n->mode;
	f->ino = n->ino;
	f->data = n->data;
	f->size = n->size;
	if (n->proc != FS_PROC_NONE && !FS_ISDIR(n->mode) && !(flags & FS_O_PATH)) {
		int r = procfs_generate(loc, (char **)&f->owned, &f->size);
		if (r < 0) {
			kfree(f);
			return r;
		}
		f->data = f->owned;
	}
	*out = f;
	return 0;
}
