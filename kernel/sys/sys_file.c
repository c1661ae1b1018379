/*
 * sys_file.c - open, openat, close and lseek on a machine without a file
 * system.
 *
 * Interlude has no files yet. So that a program's fopen() fails the way it
 * would on Linux, and for the reason it would, these calls behave as on a
 * Linux system whose root directory is empty and mounted read-only, and
 * whose limit of open descriptors (RLIMIT_NOFILE) is 3, all taken by the
 * standard streams:
 *
 *   a name in the root ("x", "/x", "./x")  ENOENT, or EROFS with O_CREAT
 *   a deeper name ("a/b")                   ENOENT: "a" does not exist
 *   the root itself ("/", ".", "..")        EISDIR for writing, else EMFILE
 *
 * after Linux's own checks in Linux's order: the path copied (EFAULT,
 * ENAMETOOLONG), empty (ENOENT), the directory descriptor of a relative
 * path (EBADF, or ENOTDIR: fds 0-2 are not directories). close() really
 * closes fds 0-2: afterwards they give EBADF, as on Linux. The closed set
 * belongs to the running process (a new process starts with all three
 * open).
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/fd.h"
#include "sys/syscall.h"

#define PATH_MAX 4096
#define AT_FDCWD (-100)
#define O_ACCMODE 3
#define O_CREAT 0100

static int owner_pid;	/* the process the closed set below belongs to */
static unsigned closed; /* bit n: fd n was closed */

/* Returns the running process's closed set, cleared when a new process runs. */
static unsigned *closed_set(void)
{
	struct proc *p = proc_current();
	int pid = p ? p->pid : 0;
	if (pid != owner_pid) {
		owner_pid = pid;
		closed = 0;
	}
	return &closed;
}

/* Open unless closed by this process (fds 0-2 only). */
bool fd_is_open(uint64_t fd)
{
	return fd < FD_STANDARD && !(*closed_set() & (1u << fd));
}

/*
 * Copies the NUL-terminated user path into buf[PATH_MAX]; 0, -EFAULT, or
 * -ENAMETOOLONG when no NUL comes within PATH_MAX bytes (Linux's getname).
 */
static int64_t copy_path(char *buf, uint64_t upath)
{
	for (size_t i = 0; i < PATH_MAX; i++) {
		if (copy_from_user(&buf[i], upath + i, 1))
			return -EFAULT;
		if (!buf[i])
			return 0;
	}
	return -ENAMETOOLONG;
}

/* Returns the number of path components below the root ("." and ".." resolved
 * there), and whether the path ends with a slash. */
static int components(const char *path, bool *trailing_slash)
{
	int depth = 0;
	const char *s = path;
	while (*s) {
		while (*s == '/')
			s++;
		const char *w = s;
		while (*s && *s != '/')
			s++;
		size_t n = (size_t)(s - w);
		if (n == 0 || (n == 1 && w[0] == '.'))
			continue;
		if (n == 2 && w[0] == '.' && w[1] == '.')
			depth = depth > 0 ? depth - 1 : 0;
		else
			depth++;
	}
	*trailing_slash = s > path && s[-1] == '/';
	return depth;
}

/* Linux's order of checks; what a name means here: the table at the top. */
int64_t sys_openat(uint64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mode, uint64_t a4,
		   uint64_t a5)
{
	(void)mode, (void)a4, (void)a5;
	static char path[PATH_MAX];
	int64_t r = copy_path(path, upath);
	if (r < 0)
		return r;
	if (!path[0])
		return -ENOENT;
	if (path[0] != '/' && (int)dirfd != AT_FDCWD)
		return fd_is_open((uint64_t)(int)dirfd) ? -ENOTDIR : -EBADF;
	bool slash;
	int depth = components(path, &slash);
	if (depth == 0) /* the root directory */
		return (flags & (O_ACCMODE | O_CREAT)) ? -EISDIR : -EMFILE;
	if (depth == 1 && !slash && (flags & O_CREAT))
		return -EROFS;
	return -ENOENT;
}

/* open(2) is openat(2) from the current directory. */
int64_t sys_open(uint64_t upath, uint64_t flags, uint64_t mode, uint64_t a3, uint64_t a4,
		 uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_openat((uint64_t)(int64_t)AT_FDCWD, upath, flags, mode, 0, 0);
}

/* Closes fd 0, 1 or 2 for the rest of the process; -EBADF if not open. */
int64_t sys_close(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (!fd_is_open(fd))
		return -EBADF;
	*closed_set() |= 1u << fd;
	return 0;
}

/* The standard streams are a terminal or pipes: not seekable, whatever the
 * offset and whence (Linux's no_llseek answers before looking at them). */
int64_t sys_lseek(uint64_t fd, uint64_t offset, uint64_t whence, uint64_t a3, uint64_t a4,
		  uint64_t a5)
{
	(void)offset, (void)whence, (void)a3, (void)a4, (void)a5;
	return fd_is_open(fd) ? -ESPIPE : -EBADF;
}
