/* remove.c - remove, rename, renameat and renameat2 of <stdio.h>. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Removes the name path: unlink, and if path is a directory (EISDIR),
 * rmdir, as glibc does; 0 or -1 with errno. */
int remove(const char *path)
{
	if (unlinkat(AT_FDCWD, path, 0) == 0)
		return 0;
	if (errno != EISDIR)
		return -1;
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

/* Gives the file oldpath the name newpath (replacing what was there). */
int rename(const char *oldpath, const char *newpath)
{
	return (int)__syscall_ret(__syscall2(SYS_rename, oldpath, newpath));
}

/* rename relative to the directories olddirfd and newdirfd. */
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return (int)__syscall_ret(__syscall4(SYS_renameat, olddirfd, oldpath, newdirfd, newpath));
}

/* renameat with flags: RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT. */
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags)
{
	return (int)__syscall_ret(
	    __syscall5(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, flags));
}
