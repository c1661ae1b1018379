/*
 * dirent.c - directory streams (<dirent.h>) over getdents64.
 *
 * A DIR holds the directory's descriptor and a buffer of linux_dirent64
 * records, refilled by one getdents64 call when readdir has used them
 * all. The records have struct dirent's layout up to the name (which is
 * NUL-terminated), so readdir copies one into the stream's own struct
 * dirent, which the next readdir on the same stream overwrites (POSIX).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

struct __dirstream {
	int fd;
	size_t pos, len;
	struct dirent ent;
	char buf[4096];
};

/* Opens the directory path for reading; NULL with errno. */
DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

/* A stream on the open directory fd (which it takes over). */
DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof *d);
	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

/* The next entry, or NULL at the end (errno untouched) or on error (errno set). */
struct dirent *readdir(DIR *d)
{
	if (d->pos >= d->len) {
		long n = __syscall_ret(__syscall3(SYS_getdents64, d->fd, d->buf, sizeof d->buf));
		if (n <= 0)
			return NULL;
		d->len = (size_t)n;
		d->pos = 0;
	}
	const char *rec = d->buf + d->pos;
	unsigned short reclen;
	memcpy(&reclen, rec + 16, sizeof reclen);
	memcpy(&d->ent.d_ino, rec, 8);
	memcpy(&d->ent.d_off, rec + 8, 8);
	d->ent.d_reclen = reclen;
	d->ent.d_type = (unsigned char)rec[18];
	size_t namelen = strnlen(rec + 19, reclen - 19);
	if (namelen > 255)
		namelen = 255;
	memcpy(d->ent.d_name, rec + 19, namelen);
	d->ent.d_name[namelen] = '\0';
	d->pos += reclen;
	return &d->ent;
}

/* Closes the stream and its descriptor. */
int closedir(DIR *d)
{
	int r = close(d->fd);
	free(d);
	return r;
}

/* The stream's descriptor. */
int dirfd(DIR *d)
{
	return d->fd;
}

/* Back to the first entry. */
void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
}
