/*
 * sys/statvfs.h - POSIX's statvfs and fstatvfs, with glibc's x86-64
 * struct statvfs (libc/stat/statfs.c builds it from Linux's statfs).
 */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;

struct statvfs {
	unsigned long f_bsize;	/* the best transfer size */
	unsigned long f_frsize; /* the unit of f_blocks, f_bfree, f_bavail */
	fsblkcnt_t f_blocks, f_bfree, f_bavail;
	fsfilcnt_t f_files, f_ffree, f_favail;
	unsigned long f_fsid;
	unsigned long f_flag; /* ST_RDONLY, ST_NOSUID, ... */
	unsigned long f_namemax;
	int __f_spare[6];
};

#define ST_RDONLY 1
#define ST_NOSUID 2
#define ST_NODEV 4
#define ST_NOEXEC 8
#define ST_SYNCHRONOUS 16
#define ST_MANDLOCK 64
#define ST_NOATIME 1024
#define ST_NODIRATIME 2048
#define ST_RELATIME 4096

int statvfs(const char *__restrict path, struct statvfs *__restrict buf);
int fstatvfs(int fd, struct statvfs *buf);

#endif
