/*
 * procfs.h - /proc: files whose text the kernel writes when they are
 * opened, describing the running processes and memory.
 *
 * The nodes (/proc, /proc/meminfo, /proc/self, one template directory
 * for /proc/<pid>/ with maps, status, statm, stat, cmdline, comm, exe) are made at boot by
 * procfs_install (fs/procfs_tree.c). What needs the process table and
 * the memory manager is kernel/procfs/procfs.c's, declared here so that
 * the file layer can call it without including proc/ (which includes fs/).
 */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

#include <stdbool.h>
#include <stddef.h>

#include "fs/node.h"

/* Adds /proc and its nodes to t; 0 or -ENOMEM. */
int procfs_install(struct fs_tree *t);

/* The template directory of every /proc/<pid>/. */
struct fs_node *procfs_pid_dir(void);

/* Returns the pid a /proc entry name[0, len) spells (digits only, no
 * leading zero, in range), or 0 if it spells none. */
int procfs_parse_pid(const char *name, size_t len);

/* Returns true if process pid exists (procfs/procfs.c). */
bool procfs_pid_exists(int pid);

/* The calling process's pid (/proc/self's target); 0 when none runs. */
int procfs_current_pid(void);

/* The file process pid runs (/proc/<pid>/exe's target): NULL if it has
 * gone, or if its program came from outside the tree (a boot module, the
 * program of fw_cfg), as Linux's exe link of a process without a file. */
const struct fs_node *procfs_exe(int pid);

/* The current directory of process pid (/proc/<pid>/cwd's target); false
 * if it has gone. */
bool procfs_cwd(int pid, struct fs_loc *out);

/* The template link of every /proc/<pid>/fd/<n>. */
struct fs_node *procfs_fd_link(void);

/* Returns the descriptor number a /proc/<pid>/fd entry name[0, len)
 * spells (digits, no leading zero but "0" itself), or -1. */
int procfs_parse_fd(const char *name, size_t len);

/* The place of what descriptor fd of process pid has open, if it is a
 * node of the tree (its node, else NULL); false if no such descriptor. */
bool procfs_fd_place(int pid, int fd, struct fs_loc *out);

/* The open file of descriptor fd of process pid, or NULL. */
struct file *procfs_fd_file(int pid, int fd);

/* Writes the target text of /proc/<pid>/fd/<fd> into buf (a path of the
 * tree, "pipe:[ino]", or /dev/tty for a console stream); its length, or
 * 0 if the descriptor is not open. */
size_t procfs_fd_target(int pid, int fd, char *buf, size_t size);

/* Calls fn for every open descriptor of process pid, in increasing order. */
void procfs_for_each_fd(int pid, void (*fn)(int fd, void *ctx), void *ctx);

/* Calls fn for every pid that exists, in increasing order. */
void procfs_for_each_pid(void (*fn)(int pid, void *ctx), void *ctx);

/*
 * Writes the text of the /proc file at loc into a new kmalloc'd buffer
 * *buf of *size bytes (the caller frees it); 0, -ENOMEM, or -ESRCH if
 * the process has gone.
 */
int procfs_generate(struct fs_loc loc, char **buf, size_t *size);

#endif
