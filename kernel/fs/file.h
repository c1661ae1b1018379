/*
 * file.h - open files: what a file descriptor refers to.
 *
 * A struct file is made by open (or pipe, or for the standard streams)
 * and shared by every descriptor that dup or fork copied from the first:
 * they share its offset and its status flags (F_GETFL), as on Linux. It
 * counts its references and is released when the last one goes. What
 * reading, writing and seeking do depends on its kind, through its ops:
 * a boot-fs file or a /proc snapshot (bytes in memory), a directory, the
 * terminal streams (sys/tty.c), a pipe's end (pipe.c), a file of /tmp
 * (tmpfs.c).
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/node.h"

/* Open flags kept in f->flags (Linux's values). */
#define FS_O_ACCMODE 03
#define FS_O_RDONLY 00
#define FS_O_WRONLY 01
#define FS_O_RDWR 02
#define FS_O_CREAT 0100
#define FS_O_EXCL 0200
#define FS_O_NOCTTY 0400
#define FS_O_TRUNC 01000
#define FS_O_APPEND 02000
#define FS_O_NONBLOCK 04000
#define FS_O_LARGEFILE 0100000
#define FS_O_DIRECTORY 0200000
#define FS_O_NOFOLLOW 0400000
#define FS_O_CLOEXEC 02000000
#define FS_O_PATH 010000000
#define FS_O_TMPFILE 020000000

/* What poll reports (Linux's values): file_poll. */
#define FS_POLLIN 0x001
#define FS_POLLPRI 0x002
#define FS_POLLOUT 0x004
#define FS_POLLERR 0x008
#define FS_POLLHUP 0x010
#define FS_POLLNVAL 0x020
#define FS_POLLRDNORM 0x040
#define FS_POLLWRNORM 0x100

struct file;

struct file_ops {
	/* Reads up to n bytes into user memory at ubuf from *off (which it
	 * advances); the count, 0 at the end, or -errno. */
	int64_t (*read)(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off);
	/* Writes n bytes of user memory at ubuf; the count or -errno. */
	int64_t (*write)(struct file *f, uint64_t ubuf, uint64_t n);
	/* The same at offset off, f's own offset untouched (pwrite64); NULL:
	 * write's, the offset meaning nothing to the kind (a device). */
	int64_t (*write_at)(struct file *f, uint64_t ubuf, uint64_t n, uint64_t off);
	/* The same from kernel memory (sendfile's bytes come from a file, not
	 * from the caller); NULL: the kind cannot be sendfile's output (EINVAL). */
	int64_t (*write_kernel)(struct file *f, const void *buf, uint64_t n);
	/* A terminal's ioctl; NULL: -ENOTTY. */
	int64_t (*ioctl)(struct file *f, uint64_t req, uint64_t arg);
	/* What f is ready for now (FS_POLL* bits); NULL: always ready to read
	 * and write, as a regular file (file_poll). */
	unsigned (*poll)(struct file *f);
	/* Frees what the kind holds when the last reference goes; may be NULL. */
	void (*release)(struct file *f);
	bool seekable; /* lseek works (else -ESPIPE) */
	bool is_terminal;
};

struct file {
	int refs;
	unsigned flags;	 /* O_ACCMODE, O_APPEND, O_NONBLOCK, ... (F_GETFL, F_SETFL) */
	uint32_t mode;	 /* st_mode for fstat */
	uint64_t offset; /* the shared file position */
	const struct file_ops *ops;
	struct fs_loc loc;   /* the node, or a NULL node for a stream or pipe */
	const uint8_t *data; /* a file's bytes (the archive's, or owned) */
	size_t size;
	void *owned;  /* freed on release: a /proc snapshot */
	void *priv;   /* the kind's own: a pipe */
	int stream;   /* a standard stream's number (0, 1, 2) */
	uint64_t ino; /* st_ino of a stream or pipe */
};

/* Returns a new file with one reference, zeroed but for ops and flags;
 * NULL when out of memory. */
struct file *file_alloc(const struct file_ops *ops, unsigned flags);

/* Adds a reference; returns f. */
struct file *file_get(struct file *f);

/* Drops a reference; the last one releases and frees f. */
void file_put(struct file *f);

/* Opens the node at loc as a file with open's flags (checked by the
 * caller): a regular file, a directory, a /proc snapshot. Returns 0 and
 * *out, or -ENOMEM. */
int file_open_node(struct fs_loc loc, unsigned flags, struct file **out);

/* What f is ready for now: its kind's poll, or ready for everything. */
unsigned file_poll(struct file *f);

/* Writing a file opened for reading only: -EBADF, as Linux's. */
int64_t file_no_write(struct file *f, uint64_t ubuf, uint64_t n);
/* Reading a directory with read(2): -EISDIR (getdents64 lists it). */
int64_t file_dir_read(struct file *f, uint64_t ubuf, uint64_t n, uint64_t *off);
/* Returns true if f's bytes lie in memory (at f->data: a regular file of
 * the boot tree or a /proc snapshot; in its pages: a file of /tmp): what
 * sendfile can read from, as Linux's page cache. */
bool file_holds_bytes(const struct file *f);

/* The size of what f reads: a /tmp file's as it is now, else f->size. */
uint64_t file_size(const struct file *f);

/* The standard stream n (sys/tty_file.c: 0 reads the runner's input, 1 and 2 write to
 * the console); NULL when out of memory. */
struct file *file_open_stream(int n);

/* The terminal as one file that reads standard input and writes
 * standard output (/dev/tty; sys/tty_file.c); NULL when out of memory. */
struct file *file_open_tty(unsigned flags);

/* Copies bytes data[*off, size) into user memory (the read of every
 * in-memory file); the count, or -EFAULT. */
int64_t file_read_bytes(const uint8_t *data, size_t size, uint64_t ubuf, uint64_t n, uint64_t *off);

#endif
