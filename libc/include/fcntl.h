/*
 * fcntl.h - opening files: open, openat and their flags (Linux x86-64's
 * values), and fcntl. On Interlude the files are the read-only boot file
 * system's: creating or writing one is EROFS.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_CLOEXEC 02000000
#define __O_TMPFILE 020000000

#define O_PATH 010000000
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY) /* a file with no name in a directory */
#define O_LARGEFILE 0100000

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200
#define AT_REMOVEDIR 0x200	/* unlinkat: rmdir (the same bit as AT_EACCESS, as in Linux) */
#define AT_SYMLINK_FOLLOW 0x400 /* linkat: follow a final link (/proc/self/fd/N: the open file) */
#define AT_EMPTY_PATH 0x1000

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

int fcntl(int fd, int cmd, ...);

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);

#endif
