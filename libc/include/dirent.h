/*
 * dirent.h - reading directories: opendir, fdopendir, readdir, closedir,
 * dirfd, rewinddir (libc/dirent/dirent.c), over getdents64.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

typedef struct __dirstream DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
int dirfd(DIR *d);
void rewinddir(DIR *d);
/* The entries filter keeps, sorted by cmp, in a malloc'd array of malloc'd
 * entries (libc/dirent/scandir.c); alphasort and versionsort are orders. */
int scandir(const char *path, struct dirent ***out, int (*filter)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);
int versionsort(const struct dirent **a, const struct dirent **b);

#endif
