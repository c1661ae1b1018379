/*
 * sys/statfs.h - Linux's statfs and fstatfs, with Linux x86-64's struct
 * statfs (120 bytes): what kind of file system a path is on (f_type: a
 * magic number such as PROC_SUPER_MAGIC 0x9fa0) and its sizes.
 */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	long f_type;				   /* the file system's magic number */
	long f_bsize;				   /* the best transfer size */
	unsigned long f_blocks, f_bfree, f_bavail; /* in f_frsize units */
	unsigned long f_files, f_ffree;		   /* inodes */
	fsid_t f_fsid;
	long f_namelen; /* the longest name */
	long f_frsize;	/* the fragment size */
	long f_flags;	/* ST_* of <sys/statvfs.h>, and ST_VALID (0x20) */
	long f_spare[4];
};

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
