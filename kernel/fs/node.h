/*
 * node.h - the file tree: one struct fs_node per file, directory or
 * symbolic link of the boot file system and of /proc.
 *
 * The boot tree is read-only and lives for the whole boot: built once
 * from the cpio archive GRUB loaded (bootfs.c), with /proc's fixed nodes
 * added (procfs.c). A regular file's bytes are the archive's own bytes,
 * never copied. Below /tmp is the one writable part, a tmpfs (tmpfs.c):
 * its nodes are made and freed while the kernel runs, and a file's bytes
 * are its own pages. A place in the tree is a struct fs_loc: the node, and for the
 * nodes under /proc/<pid>/ the process they describe (they are one set of
 * nodes for every process).
 */
#ifndef FS_NODE_H
#define FS_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/pagecache.h"

#define FS_S_IFMT 0170000
#define FS_S_IFDIR 0040000
#define FS_S_IFREG 0100000
#define FS_S_IFLNK 0120000
#define FS_S_IFCHR 0020000
#define FS_S_IFIFO 0010000
#define FS_ISDIR(m) (((m)&FS_S_IFMT) == FS_S_IFDIR)
#define FS_ISREG(m) (((m)&FS_S_IFMT) == FS_S_IFREG)
#define FS_ISLNK(m) (((m)&FS_S_IFMT) == FS_S_IFLNK)

#define FS_NAME_MAX 255	  /* a component: Linux's NAME_MAX */
#define FS_PATH_MAX 4096  /* a path, NUL included: Linux's PATH_MAX */
#define FS_SYMLOOP_MAX 40 /* symbolic links followed in one lookup (Linux's) */

struct file;

/* What a /proc node generates (procfs.c); NULL for every other node. */
enum fs_proc_kind {
	FS_PROC_NONE,
	FS_PROC_MEMINFO, /* /proc/meminfo */
	FS_PROC_SELF,	 /* /proc/self: a link to the caller's pid */
	FS_PROC_PIDDIR,	 /* /proc/<pid>/ */
	FS_PROC_MAPS,	 /* /proc/<pid>/maps */
	FS_PROC_STATUS,	 /* /proc/<pid>/status */
	FS_PROC_STATM,	 /* /proc/<pid>/statm */
	FS_PROC_EXE,	 /* /proc/<pid>/exe: a link to the file the process runs */
	FS_PROC_CWD,	 /* /proc/<pid>/cwd: a link to its current directory */
	FS_PROC_MOUNTS,	 /* /proc/mounts: the two file systems, as Linux lists them */
	FS_PROC_UPTIME,	 /* /proc/uptime: seconds since boot, and idle */
	FS_PROC_LOADAVG, /* /proc/loadavg: the load (not kept: 0), processes, the last pid */
	FS_PROC_CPUSTAT, /* /proc/stat: the CPU's times, as top reads them */
	FS_PROC_STAT,	 /* /proc/<pid>/stat: Linux's one line of 52 fields (ps reads it) */
	FS_PROC_CMDLINE, /* /proc/<pid>/cmdline: its arguments, each ended by NUL */
	FS_PROC_COMM,	 /* /proc/<pid>/comm: its name and a newline */
	FS_PROC_FDDIR,	 /* /proc/<pid>/fd/: its open descriptors are listed and looked up */
	FS_PROC_FD,	 /* /proc/<pid>/fd/<n>: a link to what descriptor n has open */
	FS_PROC_ROOT,	 /* /proc itself: its pids are listed and looked up */
};

struct fs_node {
	uint32_t mode; /* type and permission bits, as st_mode */
	uint32_t nlink;
	uint64_t ino;
	int64_t mtime;
	const uint8_t *data; /* a file's bytes, a link's target (not NUL-terminated) */
	size_t size;
	enum fs_proc_kind proc;
	uint16_t device;	/* a /dev node: its index in devfs.c's table + 1; 0 for others */
	uint32_t rdev;		/* a device's number, (major << 8) | minor, for st_rdev */
	struct fs_node *parent; /* the root is its own parent */
	struct fs_node *children, *next; /* a directory's entries, in archive order */
	/* Where the entry stands in its directory's listing (getdents64's
	 * offset): numbers given in the order entries are added, never given
	 * twice, so that removing an entry moves no other one, and a listing
	 * read while entries go (rm -r) misses none that stays. */
	uint64_t seq;
	uint64_t last_seq;	/* a directory: the highest seq it has given */
	struct mm_file mapping; /* a regular file as mmap sees it (fd_mmap_source fills it) */
	/* A node of /tmp (tmpfs.c): it changes, and goes when its last name
	 * and its last open file and mapping are gone. */
	bool tmpfs;
	uint32_t uid, gid; /* its owner (chown); the boot tree's are root's */
	uint32_t opens;	   /* tmpfs: open files and file areas naming it */
	/* tmpfs: made by O_TMPFILE without O_EXCL and not named yet, so that
	 * linkat may give it a name (tmpfs_link) */
	bool linkable;
	uint64_t *frames; /* tmpfs: each page's frame (0: a hole, which reads zeroes) */
	uint64_t nframes; /* tmpfs: the length of frames[] */
	uint64_t pages;	  /* tmpfs: how many of frames[] are not 0 */
	/* tmpfs hard links: a node is one name. A file's second name is a
	 * node of its own in its directory (link_of: the file), which a walk
	 * passes over to the file; the file lists its other names (aliases,
	 * linked by alias_next). */
	struct fs_node *link_of, *aliases, *alias_next;
	char name[];
};

/* A place in the tree: a node, the process for /proc/<pid>/ nodes, and the
 * descriptor for /proc/<pid>/fd/<n>. */
struct fs_loc {
	struct fs_node *node;
	int pid;
	int fd;
};

/* A tree: its root and what it holds (for tests and the boot log). */
struct fs_tree {
	struct fs_node *root;
	size_t nodes, files, bytes;
};

/* The boot file system (an empty root until bootfs_load). */
extern struct fs_tree fs_boot_tree;

/*
 * Builds *t from the cpio newc archive buf[0, len) (bootfs.c): every
 * entry's parents are made as directories if the archive does not list
 * them. Returns 0, -EINVAL for a corrupt archive or a bad entry (a name
 * with "..", a device or a socket, a file under a non-directory) with a
 * sentence in err, or -ENOMEM (the tree is freed either way on error).
 */
int fs_tree_build(struct fs_tree *t, const void *buf, size_t len, char *err, size_t errlen);

/* Frees every node of t (the archive's bytes are not t's). */
void fs_tree_free(struct fs_tree *t);

/* Gives entry n, added to directory dir, the next place in dir's listing
 * (after "." and "..", which are 1 and 2). */
static inline void fs_give_seq(struct fs_node *dir, struct fs_node *n)
{
	if (dir->last_seq < 2)
		dir->last_seq = 2;
	n->seq = ++dir->last_seq;
}

/* The file a directory entry names: itself, or the file it is another
 * name of (a hard link of /tmp). */
static inline struct fs_node *fs_entry_node(struct fs_node *e)
{
	return e->link_of ? e->link_of : e;
}

/* Returns the child of dir named name[0, len), or NULL: the entry itself,
 * a second name (fs_entry_node gives its file). */
struct fs_node *fs_child(const struct fs_node *dir, const char *name, size_t len);

/*
 * Returns the executable regular file under dir (depth first, in listing
 * order) whose bytes are data[0, size): the same memory or a copy of it;
 * NULL if there is none. For a program that was not started through the
 * tree (a boot module, fw_cfg's copy of /bin/busybox) it finds the file it
 * is, so that its /proc/<pid>/exe names that file as Linux's would.
 */
const struct fs_node *fs_find_file(const struct fs_node *dir, const void *data, size_t size);

/* Adds a node name under dir (made by procfs); returns it or NULL (no memory). */
struct fs_node *fs_add_node(struct fs_tree *t, struct fs_node *dir, const char *name, size_t len,
			    uint32_t mode);

#endif
