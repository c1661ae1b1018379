/*
 * procfs_tree.c - the fixed nodes of /proc (procfs.h).
 *
 * Theory of operation. /proc is an ordinary directory node of the boot
 * tree marked FS_PROC_ROOT: the path walk (path.c) asks procfs for a
 * name made of digits, and getdents lists the pids after the fixed
 * entries. Every /proc/<pid>/ is the one template directory below,
 * reached with the pid attached to the place (struct fs_loc), so no node
 * is made or freed when processes come and go.
 */
#include "fs/procfs.h"
#include "lib/errno.h"
#include "lib/string.h"

static struct fs_node *pid_dir, *fd_link;

struct fs_node *procfs_pid_dir(void)
{
	return pid_dir;
}

struct fs_node *procfs_fd_link(void)
{
	return fd_link;
}

int procfs_parse_pid(const char *name, size_t len)
{
	if (len == 0 || len > 9 || name[0] == '0')
		return 0;
	int pid = 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

int procfs_parse_fd(const char *name, size_t len)
{
	if (len == 1 && name[0] == '0')
		return 0;
	int fd = procfs_parse_pid(name, len);
	return fd > 0 ? fd : -1;
}

/* Adds the node name with mode and kind under dir; NULL if out of memory. */
static struct fs_node *add(struct fs_tree *t, struct fs_node *dir, const char *name, uint32_t mode,
			   enum fs_proc_kind kind)
{
	struct fs_node *n = fs_add_node(t, dir, name, strlen(name), mode);
	if (n)
		n->proc = kind;
	return n;
}

int procfs_install(struct fs_tree *t)
{
	struct fs_node *proc = fs_child(t->root, "proc", 4);
	if (proc && !FS_ISDIR(proc->mode))
		return -EINVAL;
	if (!proc && !(proc = add(t, t->root, "proc", FS_S_IFDIR | 0555, FS_PROC_ROOT)))
		return -ENOMEM;
	proc->mode = FS_S_IFDIR | 0555;
	proc->proc = FS_PROC_ROOT;
	/* The template is not a child of /proc: it is reached by number only. */
	struct fs_node tmp_parent = *proc;
	tmp_parent.children = NULL;
	if (!add(t, proc, "meminfo", FS_S_IFREG | 0444, FS_PROC_MEMINFO) ||
	    !add(t, proc, "mounts", FS_S_IFREG | 0444, FS_PROC_MOUNTS) ||
	    !add(t, proc, "uptime", FS_S_IFREG | 0444, FS_PROC_UPTIME) ||
	    !add(t, proc, "loadavg", FS_S_IFREG | 0444, FS_PROC_LOADAVG) ||
	    !add(t, proc, "stat", FS_S_IFREG | 0444, FS_PROC_CPUSTAT) ||
	    !add(t, proc, "self", FS_S_IFLNK | 0777, FS_PROC_SELF) ||
	    !(pid_dir = add(t, &tmp_parent, "pid", FS_S_IFDIR | 0555, FS_PROC_PIDDIR)))
		return -ENOMEM;
	pid_dir->parent = proc;
	proc->nlink--; /* the template is no subdirectory of /proc's */
	if (!add(t, pid_dir, "maps", FS_S_IFREG | 0444, FS_PROC_MAPS) ||
	    !add(t, pid_dir, "statm", FS_S_IFREG | 0444, FS_PROC_STATM) ||
	    !add(t, pid_dir, "status", FS_S_IFREG | 0444, FS_PROC_STATUS) ||
	    !add(t, pid_dir, "exe", FS_S_IFLNK | 0777, FS_PROC_EXE) ||
	    !add(t, pid_dir, "cwd", FS_S_IFLNK | 0777, FS_PROC_CWD) ||
	    !add(t, pid_dir, "stat", FS_S_IFREG | 0444, FS_PROC_STAT) ||
	    !add(t, pid_dir, "cmdline", FS_S_IFREG | 0444, FS_PROC_CMDLINE) ||
	    !add(t, pid_dir, "comm", FS_S_IFREG | 0444, FS_PROC_COMM))
		return -ENOMEM;
	/* fd/ and its one template link, reached by number as the pid directory is. */
	struct fs_node *fd_dir = add(t, pid_dir, "fd", FS_S_IFDIR | 0500, FS_PROC_FDDIR);
	if (!fd_dir)
		return -ENOMEM;
	struct fs_node tmp_fd_dir = *fd_dir;
	tmp_fd_dir.children = NULL;
	if (!(fd_link = add(t, &tmp_fd_dir, "fd", FS_S_IFLNK | 0700, FS_PROC_FD)))
		return -ENOMEM;
	fd_link->parent = fd_dir;
	return 0;
}
