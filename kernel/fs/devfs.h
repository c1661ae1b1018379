/*
 * devfs.h - /dev: the character devices every Unix program expects.
 */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

#include "fs/node.h"

struct file;

/* Adds /dev with null, zero, full, random, urandom and tty to t; 0 or -ENOMEM. */
int devfs_install(struct fs_tree *t);

/* Opens the device node n with open's flags: 0 and *out, or -ENOMEM. */
int devfs_open(struct fs_node *n, unsigned flags, struct file **out);

#endif
