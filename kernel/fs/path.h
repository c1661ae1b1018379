/*
 * path.h - finding a node from a path name, as Linux's path walk does
 * for the cases a read-only tree has: ".", "..", repeated and trailing
 * slashes, symbolic links (at most 40 in one lookup: ELOOP), a component
 * longer than 255 bytes (ENAMETOOLONG), a component under a file
 * (ENOTDIR), a missing one (ENOENT).
 */
#ifndef FS_PATH_H
#define FS_PATH_H

#include <stdbool.h>

#include "fs/node.h"

#define FS_FOLLOW 1 /* follow a symbolic link in the last component */

/* What a walk found beside its result (for open's O_CREAT answer). */
struct fs_walk_info {
	bool last_missing; /* ENOENT came from the last component only */
	bool trailing_slash;
	/* With last_missing: the directory the last name is missing from and
	 * the name (inside the path walked, or a link's target, which a
	 * creation then makes: Linux creates a dangling link's target). */
	struct fs_node *dir;
	const char *name;
	size_t len;
};

/*
 * Resolves path from base (a relative path) or from the root (an absolute
 * one). Returns 0 with *out set, or -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG; info (may be NULL) says more.
 */
int fs_walk(struct fs_loc base, const char *path, unsigned flags, struct fs_loc *out,
	    struct fs_walk_info *info);

#define FS_LINK_SMALL 16 /* room for a computed link target (/proc/self) */

/* Returns the target of the symbolic link at l, *len bytes (not
 * NUL-terminated): the archive's bytes, /proc/self's pid in small, or
 * /proc/<pid>/exe's or /proc/<pid>/fd/<n>'s text (in a buffer of its own,
 * valid until the next call); NULL for an exe link of a process that runs
 * no file of the tree, or a descriptor that is not open. A walk through
 * those two reaches the file itself (when it is a node) without this text;
 * through an fd link to a pipe or a stream it ends on the link. */
const char *fs_link_target(struct fs_loc l, char small[FS_LINK_SMALL], size_t *len);

/* Returns the root of the boot tree as a place. */
struct fs_loc fs_root(void);

/*
 * Writes the absolute path of loc into buf[0, size) (getcwd's text);
 * returns its length, or -ERANGE when it does not fit.
 */
int fs_loc_path(struct fs_loc loc, char *buf, size_t size);

/* As fs_loc_path, with " (deleted)" after the path of a node of /tmp that
 * has no name any more: what Linux's /proc shows for such a file. */
int fs_loc_path_shown(struct fs_loc loc, char *buf, size_t size);

#endif
