/*
 * fd.h - the file descriptors a process has: only 0, 1 and 2, the
 * standard streams, open at start; close() can close them (sys_file.c).
 */
#ifndef SYS_FD_H
#define SYS_FD_H

#include <stdbool.h>
#include <stdint.h>

#define FD_STANDARD 3 /* fds 0-2; RLIMIT_NOFILE is in effect 3 */

/* Returns true if fd is one of the running process's open descriptors. */
bool fd_is_open(uint64_t fd);

#endif
