/*
 * devfs.c - /dev: null, zero, full, random, urandom and tty.
 *
 * Theory of operation. The devices are nodes of the boot tree like
 * /proc's, added at boot, each a character device (FS_S_IFCHR, mode
 * 0666) with the major and minor numbers Linux gives it, so that stat
 * shows the same st_rdev. Opening one makes a file whose operations are
 * the device's: /dev/null reads nothing and swallows every write;
 * /dev/zero reads zeroes and swallows writes; /dev/full reads zeroes and
 * fails every write with ENOSPC; /dev/random and /dev/urandom read the
 * kernel's random bytes (arch/x86_64/random.c) and accept writes (Linux
 * mixes them into its pool; here they are dropped); /dev/tty is the
 * terminal: reads are standard input's, writes go to standard output
 * (sys/tty_file.c). Unlike the rest of the tree, they may be opened for
 * writing (sys/sys_file.c asks fs_node_is_device).
 */
#include "fs/devfs.h"
#include "arch/x86_64/random.h"
#include "arch/x86_64/uaccess.h"
#include "fs/file.h"
#include "lib/errno.h"
#include "lib/string.h"

/* Reads nothing: end of file at once. */
static int64_t read_nothing(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)ubuf, (void)n, (void)off;
	return 0;
}

/* Takes every byte and keeps none. */
static int64_t write_sink(struct file *f, uint64_t ubuf, uint64_t n)
{
	(void)f, (void)ubuf;
	return (int64_t)n;
}

/* write_sink for bytes from kernel memory (sendfile). */
static int64_t write_sink_kernel(struct file *f, const void *buf, uint64_t n)
{
	(void)f, (void)buf;
	return (int64_t)n;
}

/* No room on the device: ENOSPC (/dev/full). */
static int64_t write_full(struct file *f, uint64_t ubuf, uint64_t n)
{
	(void)f, (void)ubuf;
	return n ? -ENOSPC : 0;
}

static int64_t write_full_kernel(struct file *f, const void *buf, uint64_t n)
{
	(void)f, (void)buf;
	return n ? -ENOSPC : 0;
}

static int64_t read_zeroes(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)off;
	return copy_generated_to_user(ubuf, n, NULL);
}

static int64_t read_random(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off)
{
	(void)f, (void)off;
	return copy_generated_to_user(ubuf, n, random_fill);
}

static const struct file_ops null_ops = {
    .read = read_nothing, .write = write_sink, .write_kernel = write_sink_kernel, .seekable = true};
static const struct file_ops zero_ops = {
    .read = read_zeroes, .write = write_sink, .write_kernel = write_sink_kernel, .seekable = true};
static const struct file_ops full_ops = {
    .read = read_zeroes, .write = write_full, .write_kernel = write_full_kernel, .seekable = true};
static const struct file_ops random_ops = {
    .read = read_random, .write = write_sink, .write_kernel = write_sink_kernel};

struct device {
	const char *name;
	unsigned major, minor;
	const struct file_ops *ops; /* NULL: the terminal (file_open_tty) */
};

static const struct device devices[] = {
    {"null", 1, 3, &null_ops},	   {"zero", 1, 5, &zero_ops},	   {"full", 1, 7, &full_ops},
    {"random", 1, 8, &random_ops}, {"urandom", 1, 9, &random_ops}, {"tty", 5, 0, NULL},
};

int devfs_install(struct fs_tree *t)
{
	struct fs_node *dev = fs_child(t->root, "dev", 3);
	if (dev && !FS_ISDIR(dev->mode))
		return -EINVAL;
	if (!dev && !(dev = fs_add_node(t, t->root, "dev", 3, FS_S_IFDIR | 0755)))
		return -ENOMEM;
	for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++) {
		const struct device *d = &devices[i];
		if (fs_child(dev, d->name, strlen(d->name)))
			continue; /* the archive has one: it is a plain file then, keep it */
		struct fs_node *n =
		    fs_add_node(t, dev, d->name, strlen(d->name), FS_S_IFCHR | 0666);
		if (!n)
			return -ENOMEM;
		n->device = (uint16_t)(i + 1);
		n->rdev = (d->major << 8) | d->minor;
	}
	/* The links Linux's udev makes into /proc/self/fd, for scripts that
	 * write to /dev/stderr or read /dev/stdin. */
	static const char *const links[][2] = {{"fd", "/proc/self/fd"},
					       {"stdin", "/proc/self/fd/0"},
					       {"stdout", "/proc/self/fd/1"},
					       {"stderr", "/proc/self/fd/2"}};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		if (fs_child(dev, links[i][0], strlen(links[i][0])))
			continue;
		struct fs_node *n =
		    fs_add_node(t, dev, links[i][0], strlen(links[i][0]), FS_S_IFLNK | 0777);
		if (!n)
			return -ENOMEM;
		n->data = (const uint8_t *)links[i][1];
		n->size = strlen(links[i][1]);
	}
	return 0;
}

int devfs_open(struct fs_node *n, unsigned flags, struct file **out)
{
	const struct device *d = &devices[n->device - 1];
	struct file *f = d->ops ? file_alloc(d->ops, flags) : file_open_tty(flags);
	if (!f)
		return -ENOMEM;
	f->mode = n->mode;
	f->ino = n->ino;
	f->loc.node = n;
	*out = f;
	return 0;
}
