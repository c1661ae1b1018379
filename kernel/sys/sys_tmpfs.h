/*
 * sys_tmpfs.h - the changes to the tree that only /tmp takes (sys_tmpfs.c),
 * for sys_rofs.c's calls, which split paths as Linux's filename_parentat.
 */
#ifndef SYS_SYS_TMPFS_H
#define SYS_SYS_TMPFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/node.h"

/* What the last name of a path is (Linux's LAST_NORM, LAST_DOT, ...). */
enum last_kind { LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT };

/* A path split into the directory that holds its last name, and that name. */
struct parent {
	struct fs_loc dir;
	const char *name; /* inside the caller's path buffer, not NUL-terminated */
	size_t len;
	enum last_kind kind;
	bool slash; /* the name was followed by a slash ("a/b/") */
};

/* unlink (dir false) or rmdir (dir true) of the last name of p, a path
 * whose directory is one of /tmp: 0 or Linux's error. */
int64_t tmpfs_remove_at(const struct parent *p, bool dir);

/* rename of from's last name to to's, both in directories of /tmp, with
 * renameat2's flags (already checked against each other): 0 or Linux's
 * error. */
int64_t tmpfs_rename_at(const struct parent *from, const struct parent *to, uint64_t flags);

/* truncate, ftruncate, O_TRUNC of regular file n of /tmp to len bytes:
 * the pages past the new end unmapped from every process first. 0 or
 * -EFBIG. */
int64_t tmpfs_truncate_mapped(struct fs_node *n, uint64_t len);

#endif
