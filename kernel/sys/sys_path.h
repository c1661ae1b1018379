/*
 * sys_path.h - what the file system calls share: the caller's descriptor
 * table and current directory, and turning a (dirfd, user path) pair
 * into a place in the tree with Linux's checks in Linux's order.
 */
#ifndef SYS_SYS_PATH_H
#define SYS_SYS_PATH_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/fd.h"
#include "fs/file.h"
#include "fs/path.h"

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

/* The running process's descriptor table (NULL when none runs). */
struct fd_table *sys_files(void);

/* Returns the file fd names for the caller, or NULL. */
struct file *sys_file(int64_t fd);

/* The caller's current directory as a place (the root when none runs). */
struct fs_loc sys_cwd_loc(void);

/*
 * Copies the NUL-terminated user path into buf[FS_PATH_MAX]: 0, -EFAULT,
 * or -ENAMETOOLONG when no NUL comes within PATH_MAX bytes (getname).
 */
int sys_copy_path(char *buf, uint64_t upath);

/*
 * Resolves (dirfd, upath) as the *at calls do: the path copied (EFAULT,
 * ENAMETOOLONG); an empty one is ENOENT unless empty_ok (AT_EMPTY_PATH:
 * then dirfd's own place, or the cwd for AT_FDCWD); a relative one starts
 * at dirfd (EBADF, ENOTDIR) or the cwd. follow: FS_FOLLOW or 0. The path
 * is left in path[FS_PATH_MAX] and info says what the walk saw.
 */
int sys_resolve_at(int64_t dirfd, uint64_t upath, unsigned follow, bool empty_ok, char *path,
		   struct fs_loc *out, struct fs_walk_info *info);

/* The same walk of a non-empty path already in kernel memory. */
int sys_resolve_kernel_at(int64_t dirfd, const char *path, unsigned follow, struct fs_loc *out,
			  struct fs_walk_info *info);

#endif
