/*
 * syslog_test.c - syslog(2), the kernel's log as dmesg reads it: its size
 * (SYSLOG_ACTION_SIZE_BUFFER), then the newest bytes that fit
 * (READ_ALL), which on Interlude begin with the boot banner; a NULL buffer
 * or a negative length is EINVAL, an unknown action EINVAL. Linux may
 * refuse a reader without CAP_SYSLOG (EPERM), which is accepted there
 * only. Run on Linux and on Interlude and compared.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

/* 1 on Interlude (uname's sysname), 0 on Linux. */
static int on_interlude(void)
{
	char u[6 * 65];
	return syscall(SYS_uname, u) == 0 && strcmp(u, "Interlude") == 0;
}

int main(void)
{
	ktap_begin(4);
	int il = on_interlude();
	long size = syscall(SYS_syslog, 10, NULL, 0);
	int denied = size < 0 && errno == EPERM && !il;
	EXPECT(denied || size > 0, "SIZE_BUFFER: the log's size");
	char *buf = malloc(size > 0 ? (size_t)size + 1 : 1);
	long n = size > 0 ? syscall(SYS_syslog, 3, buf, size) : -1;
	EXPECT(denied || (n > 0 && n <= size), "READ_ALL: up to that many bytes");
	if (n > 0)
		buf[n] = '\0';
	EXPECT(!il || (n > 0 && strstr(buf, "Interlude: a teaching kernel") != NULL),
	       "the log holds the boot's first line (Interlude)");
	errno = 0;
	long bad = syscall(SYS_syslog, 3, NULL, 10);
	int bad_errno = errno;
	long bad2 = syscall(SYS_syslog, 99, NULL, 0);
	EXPECT((bad == -1 && bad_errno == EINVAL && bad2 == -1 && errno == EINVAL) || denied ||
		   (!il && errno == EPERM),
	       "a NULL buffer, an unknown action: EINVAL");
	free(buf);
	return ktap_end();
}
