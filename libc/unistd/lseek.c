/* lseek.c - lseek(2). */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Moves fd's file offset; the new offset, or -1 with errno (ESPIPE on a pipe or terminal). */
off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall3(SYS_lseek, fd, offset, whence));
}
