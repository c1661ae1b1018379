/* read.c - read(2). */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Reads up to n bytes from fd; the count (0 at end of file) or -1 with errno. */
ssize_t read(int fd, void *buf, size_t n)
{
	__malloc_prepare_write(buf, n, "read");
	return __syscall_ret(__syscall3(SYS_read, fd, buf, n));
}
