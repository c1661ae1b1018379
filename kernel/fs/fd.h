/*
 * fd.h - a process's file descriptor table: small numbers naming open
 * files (file.h), each with its close-on-exec bit.
 *
 * struct fd_table is embedded in struct proc (p->files). A descriptor
 * holds one reference to its file; fork copies the table (the files are
 * then shared, offsets too, as on Linux), execve closes the close-on-exec
 * ones, exit closes all. RLIMIT_NOFILE is Linux's default soft limit,
 * 1024: a descriptor beyond is EMFILE.
 */
#ifndef FS_FD_H
#define FS_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FD_MAX 1024 /* RLIMIT_NOFILE's hard limit: the table's size */

struct file;
struct mm_mmap_source;
#include "fs/node.h"

#define FD_WORDS (FD_MAX / 64)

/* fd[i] is non-NULL exactly when bit i of open is set: fork, exit and
 * execve visit the open descriptors through the bitmap (16 words), not
 * all 1024 slots. */
struct fd_table {
	struct file *fd[FD_MAX];
	uint64_t open[FD_WORDS];
	uint64_t cloexec[FD_WORDS];
	unsigned nofile; /* RLIMIT_NOFILE's soft limit (<= FD_MAX): new descriptors stay below */
};

/* Opens 0, 1 and 2, the standard streams; 0 or -ENOMEM (nothing open). */
int fd_table_init_std(struct fd_table *t);

/* Makes dst, which must be empty (all zero, as a new struct proc is), a
 * copy of src sharing its files; returns 0. */
int fd_table_fork(struct fd_table *dst, const struct fd_table *src);

/* Closes the descriptors marked close-on-exec (execve). */
void fd_table_close_on_exec(struct fd_table *t);

/* Closes every descriptor (exit). */
void fd_table_close_all(struct fd_table *t);

/* Returns the file fd names in t, or NULL (-EBADF for the caller). */
struct file *fd_get(struct fd_table *t, int64_t fd);

/* The lowest free descriptor >= min and below t->nofile, or -EMFILE:
 * what fd_install would take (open asks first, as Linux takes its
 * descriptor before the walk, so that EMFILE creates or empties nothing). */
int fd_free_slot(const struct fd_table *t, int64_t min);

/* Puts f in the lowest free descriptor >= min and below t->nofile;
 * returns it, or -EMFILE (the caller keeps its reference to f then). */
int fd_install(struct fd_table *t, struct file *f, int64_t min, bool cloexec);

/* Puts f in descriptor fd, closing what was there; takes the reference. */
void fd_install_at(struct fd_table *t, int fd, struct file *f, bool cloexec);

/* Closes fd: 0, or -EBADF. */
int fd_close(struct fd_table *t, int64_t fd);

/* The close-on-exec bit of fd (which must be open). */
bool fd_cloexec(const struct fd_table *t, int fd);
void fd_set_cloexec(struct fd_table *t, int fd, bool on);

/*
 * For mmap of a file (cow): the bytes of the regular file open as fd, and
 * an id that is the same for every open of the same file. Returns 0;
 * -EBADF (not open), -EACCES (not open for reading), -ENODEV (not a
 * regular file of the boot tree).
 */
int fd_file_bytes(struct fd_table *t, int fd, const void **data, size_t *size, uint64_t *id);

/*
 * For mmap of a file (sys/sys_mm.c): fills *src with the descriptor's
 * mode and, if it is a regular file of the boot tree, the file as the
 * page cache knows it (its node's mapping); any other kind leaves
 * src->file NULL, which mmap turns into -ENODEV in Linux's order.
 * Returns 0, or -EBADF (not open, or an O_PATH descriptor).
 */
int fd_mmap_source(struct fd_table *t, int fd, struct mm_mmap_source *src);

/*
 * For execve (proc): the bytes of the regular file at path (relative to
 * the directory cwd names). Returns 0; -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG (the walk), -EACCES (not a regular file, or no x bit).
 */
int fs_file_bytes(const char *cwd, const char *path, const void **data, size_t *size);

/* The same walk, giving the file's node (for /proc/<pid>/exe): 0 or the
 * same errors as fs_file_bytes. */
int fs_file_node(const char *cwd, const char *path, const struct fs_node **out);

/* The same from the place base (a process's current directory) for a
 * relative path: execve's. */
int fs_file_node_at(struct fs_loc base, const char *path, const struct fs_node **out);

#endif
