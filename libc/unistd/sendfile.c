/* sendfile.c - sendfile(2), the kernel's copy from a file to a file. */
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include "internal/syscall.h"

/* Writes up to count bytes of in_fd (from *offset if offset is not NULL,
 * which then advances, else from in_fd's position) to out_fd; the count
 * written, 0 at the end of in_fd, or -1 with errno. */
ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
	return __syscall_ret(__syscall4(SYS_sendfile, out_fd, in_fd, offset, count));
}
