/*
 * sys_pipe.c - pipe(2) and pipe2(2): a pipe (fs/pipe.c) as the two
 * lowest free descriptors, written to the user's int[2] only once both
 * exist (and both closed again if that write faults), as Linux does.
 */
#include "arch/x86_64/uaccess.h"
#include "fs/pipe.h"
#include "lib/errno.h"
#include "sys/sys_path.h"
#include "sys/syscall.h"

int64_t sys_pipe2(uint64_t ufds, uint64_t flags, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (flags & ~(uint64_t)(FS_O_CLOEXEC | FS_O_NONBLOCK))
		return -EINVAL;
	struct file *rd, *wr;
	int r = pipe_create((unsigned)flags, &rd, &wr);
	if (r < 0)
		return r;
	struct fd_table *t = sys_files();
	bool cloexec = flags & FS_O_CLOEXEC;
	int fds[2] = {fd_install(t, rd, 0, cloexec), -1};
	if (fds[0] < 0) {
		file_put(rd), file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(t, wr, 0, cloexec);
	if (fds[1] < 0) {
		fd_close(t, fds[0]);
		file_put(wr);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof fds)) {
		fd_close(t, fds[0]);
		fd_close(t, fds[1]);
		return -EFAULT;
	}
	return 0;
}

int64_t sys_pipe(uint64_t ufds, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sys_pipe2(ufds, 0, 0, 0, 0, 0);
}
