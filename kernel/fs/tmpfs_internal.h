/*
 * tmpfs_internal.h - what tmpfs.c (the tree) and tmpfs_pages.c (a file's
 * pages) share: the file system's counters and its page helpers.
 */
#ifndef FS_TMPFS_INTERNAL_H
#define FS_TMPFS_INTERNAL_H

#include <stdint.h>

#include "fs/node.h"

extern uint64_t tmpfs_frames_held;	 /* pages the files hold */
extern uint64_t tmpfs_page_limit;	 /* the most they may hold: half the RAM */
extern unsigned long tmpfs_objects_held; /* kernel-heap objects of the files */

/* Seconds since 1970: a node's time stamp. */
int64_t tmpfs_now(void);

/* Gives back the file's reference to each page of n from page `from` on
 * (a frame goes with its last reference: a page some process still maps
 * stays until unmapped); from 0, frames[] itself too. */
void tmpfs_drop_pages(struct fs_node *n, uint64_t from);

/* The page cache's way into a file of /tmp (struct mm_file's page): its
 * own frame of page index, a reference added (tmpfs_page); 0 with *full
 * set when /tmp has no room for it. */
uint64_t tmpfs_mm_page(const struct mm_file *f, uint64_t index, bool *full);

#endif
