/*
 * path.c - see path.h.
 *
 * Theory of operation. The walk goes one component at a time from its
 * start, which must be a directory at each step. A symbolic link met on
 * the way (or at the end with FS_FOLLOW, or with a trailing slash) is
 * replaced by a walk of its target from the link's directory, counted
 * against the 40-link budget that the whole lookup shares. /proc is part
 * of the same tree; only two of its places are computed: "/proc/self" is
 * a link whose target is the caller's pid, and "/proc/<pid>" is the one
 * template directory of procfs.c with the pid attached to the place.
 */
#include "fs/path.h"
#include "fs/procfs.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"

struct walk {
	int links; /* symbolic links followed so far */
	struct fs_walk_info *info;
};

struct fs_loc fs_root(void)
{
	struct fs_loc l = {fs_boot_tree.root, 0, 0};
	return l;
}

/* Returns the entry name[0, len) of directory d, or a NULL node. */
static struct fs_loc child(struct fs_loc d, const char *name, size_t len)
{
	struct fs_loc r = {NULL, d.pid, 0};
	if (d.node->proc == FS_PROC_FDDIR) {
		int fd = procfs_parse_fd(name, len);
		struct fs_loc open;
		if (fd >= 0 && procfs_fd_place(d.pid, fd, &open)) {
			r.node = procfs_fd_link();
			r.fd = fd;
		}
		return r;
	}
	if (d.node->proc == FS_PROC_ROOT) {
		int pid = procfs_parse_pid(name, len);
		if (pid > 0) {
			r.node = procfs_pid_exists(pid) ? procfs_pid_dir() : NULL;
			r.pid = pid;
			return r;
		}
	}
	r.node = fs_child(d.node, name, len);
	if (r.node)
		r.node = fs_entry_node(r.node); /* a hard link: the file itself */
	return r;
}

const char *fs_link_target(struct fs_loc l, char small[FS_LINK_SMALL], size_t *len)
{
	/* One system call at a time: one buffer serves every exe link (a
	 * walk follows the link to its node without reading the path). */
	static char exe_path[FS_PATH_MAX];
	if (l.node->proc == FS_PROC_SELF) {
		*len = (size_t)ksnprintf(small, FS_LINK_SMALL, "%d", procfs_current_pid());
		return small;
	}
	if (l.node->proc == FS_PROC_EXE) {
		struct fs_loc exe = {(struct fs_node *)procfs_exe(l.pid), 0, 0};
		int n = exe.node ? fs_loc_path(exe, exe_path, sizeof exe_path) : -ENOENT;
		*len = n > 0 ? (size_t)n : 0;
		return n > 0 ? exe_path : NULL;
	}
	if (l.node->proc == FS_PROC_FD) {
		*len = procfs_fd_target(l.pid, l.fd, exe_path, sizeof exe_path);
		return *len ? exe_path : NULL;
	}
	struct fs_loc cwd;
	if (l.node->proc == FS_PROC_CWD && procfs_cwd(l.pid, &cwd)) {
		int n = fs_loc_path_shown(cwd, exe_path, sizeof exe_path);
		*len = n > 0 ? (size_t)n : 0;
		return n > 0 ? exe_path : NULL;
	}
	if (l.node->proc == FS_PROC_CWD)
		return NULL;
	*len = l.node->size;
	return (const char *)l.node->data;
}

static int walk(struct walk *w, struct fs_loc cur, const char *path, const char *end,
		unsigned flags, struct fs_loc *out);

/* Follows the link at l (whose directory is dir): *out is its target's
 * place. The target is not copied (the walk takes an end pointer), so
 * that 40 nested links cost 40 small frames of the kernel stack. */
static int follow(struct walk *w, struct fs_loc dir, struct fs_loc l, struct fs_loc *out)
{
	if (++w->links > FS_SYMLOOP_MAX)
		return -ELOOP;
	if (l.node->proc == FS_PROC_EXE) {
		/* As Linux's magic link: the file itself, not its path walked. */
		out->node = (struct fs_node *)procfs_exe(l.pid);
		out->pid = out->fd = 0;
		return out->node ? 0 : -ENOENT;
	}
	if (l.node->proc == FS_PROC_CWD) /* the same: the directory itself */
		return procfs_cwd(l.pid, out) ? 0 : -ENOENT;
	if (l.node->proc == FS_PROC_FD) {
		/* The open file's own place when it is a node of the tree; a
		 * pipe or a stream has none, so the walk ends on the link
		 * itself, which open reopens and stat describes as that file. */
		struct fs_loc open;
		if (!procfs_fd_place(l.pid, l.fd, &open))
			return -ENOENT;
		*out = open.node ? open : l;
		return 0;
	}
	char small[FS_LINK_SMALL];
	size_t len;
	const char *target = fs_link_target(l, small, &len);
	if (!target)
		return -ENOENT;
	return walk(w, dir, target, target + len, FS_FOLLOW, out);
}

/* The walk of path[0, end - path) from cur (see the top of the file). */
static int walk(struct walk *w, struct fs_loc cur, const char *path, const char *end,
		unsigned flags, struct fs_loc *out)
{
	if (path < end && path[0] == '/')
		cur = fs_root();
	const char *s = path;
	for (;;) {
		while (s < end && *s == '/')
			s++;
		if (s == end)
			break;
		const char *name = s;
		while (s < end && *s != '/')
			s++;
		size_t len = (size_t)(s - name);
		if (len > FS_NAME_MAX)
			return -ENAMETOOLONG;
		if (!FS_ISDIR(cur.node->mode))
			return -ENOTDIR;
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			if (cur.node->proc == FS_PROC_PIDDIR)
				cur.pid = 0;
			cur.node = cur.node->parent;
			continue;
		}
		const char *rest = s;
		while (rest < end && *rest == '/')
			rest++;
		bool last = rest == end, slash = s < end;
		struct fs_loc next = child(cur, name, len);
		if (!next.node) {
			if (w->info) {
				w->info->last_missing = last;
				w->info->dir = cur.node;
				w->info->name = name, w->info->len = len;
				w->info->trailing_slash = slash;
			}
			return -ENOENT;
		}
		if (FS_ISLNK(next.node->mode) && (!last || slash || (flags & FS_FOLLOW))) {
			int r = follow(w, cur, next, &next);
			if (r < 0) {
				/* a name missing at the end of the link's target is the
				 * path's last only if the link is (open's O_CREAT makes it) */
				if (w->info && (!last || slash))
					w->info->last_missing = false;
				return r;
			}
		}
		cur = next;
	}
	if (s > path && s[-1] == '/') {
		if (w->info)
			w->info->trailing_slash = true;
		if (!FS_ISDIR(cur.node->mode))
			return -ENOTDIR;
	}
	*out = cur;
	return 0;
}

int fs_walk(struct fs_loc base, const char *path, unsigned flags, struct fs_loc *out,
	    struct fs_walk_info *info)
{
	struct walk w = {0, info};
	if (info)
		memset(info, 0, sizeof *info);
	if (!fs_boot_tree.root)
		return -ENOENT;
	if (!base.node)
		base = fs_root();
	return walk(&w, base, path, path + strlen(path), flags, out);
}

/* Writes the path of loc's node (its pid for a pid directory) at the end
 * of buf[0, *end), moving *end back; false if it does not fit. A loop up
 * the parents, not a recursion: /tmp's directories may nest deeper than
 * a kernel stack has frames for. */
static bool prepend_path(struct fs_loc loc, char *buf, size_t *end)
{
	int pid = loc.pid;
	for (struct fs_node *n = loc.node; n != fs_boot_tree.root; n = n->parent) {
		char pidname[16];
		const char *name = n->name;
		if (n->proc == FS_PROC_PIDDIR) {
			ksnprintf(pidname, sizeof pidname, "%d", pid);
			name = pidname;
			pid = 0;
		}
		size_t len = strlen(name);
		if (*end < len + 1)
			return false;
		*end -= len;
		memcpy(buf + *end, name, len);
		buf[--*end] = '/';
	}
	return true;
}

int fs_loc_path(struct fs_loc loc, char *buf, size_t size)
{
	if (size < 2)
		return -ERANGE;
	size_t end = size - 1;
	buf[end] = '\0';
	if (!prepend_path(loc, buf, &end))
		return -ERANGE;
	if (end == size - 1)
		buf[--end] = '/';
	size_t len = size - 1 - end;
	memmove(buf, buf + end, len + 1);
	return (int)len;
}

int fs_loc_path_shown(struct fs_loc loc, char *buf, size_t size)
{
	int n = fs_loc_path(loc, buf, size);
	if (n < 0 || !loc.node->tmpfs || loc.node->nlink > 0)
		return n;
	static const char mark[] = " (deleted)";
	if ((size_t)n + sizeof mark > size)
		return -ERANGE;
	memcpy(buf + n, mark, sizeof mark);
	return n + (int)sizeof mark - 1;
}
