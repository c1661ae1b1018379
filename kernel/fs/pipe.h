/*
 * pipe.h - pipes (pipe.c): one page of bytes between two open files.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include "fs/file.h"

#define PIPE_SIZE 4096 /* the ring: one page (Linux's default is 16 pages) */
#define PIPE_BUF 4096  /* writes up to this size are atomic (POSIX, Linux) */

/* Makes a pipe: *rd reads what *wr writes; flags may have O_NONBLOCK.
 * Returns 0, or -ENOMEM (nothing made). */
int pipe_create(unsigned flags, struct file **rd, struct file **wr);

#endif
