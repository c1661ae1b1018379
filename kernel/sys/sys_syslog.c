/*
 * sys_syslog.c - syslog(2) (glibc's klogctl): the kernel's log, which
 * busybox dmesg prints, in Linux's actions and errors.
 *
 * The log is the last 16 KiB kprintf wrote (lib/klog.c). Reading gives
 * the newest bytes that fit; "read" (2) does not wait or consume here: it
 * is "read all" (3), since the log never grows while a program runs
 * unless the kernel has something to say. Everyone is root, so every
 * action is allowed.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "lib/klog.h"
#include "mm/kmalloc.h"
#include "sys/syscall.h"

enum {
	ACTION_CLOSE,
	ACTION_OPEN,
	ACTION_READ,
	ACTION_READ_ALL,
	ACTION_READ_CLEAR,
	ACTION_CLEAR,
	ACTION_CONSOLE_OFF,
	ACTION_CONSOLE_ON,
	ACTION_CONSOLE_LEVEL,
	ACTION_SIZE_UNREAD,
	ACTION_SIZE_BUFFER,
};

/* Copies the newest bytes of the log that fit in len to ubuf: their
 * count, EINVAL for a NULL buffer or a negative length, EFAULT. */
static int64_t read_log(uint64_t ubuf, int len)
{
	if (!ubuf || len < 0)
		return -EINVAL;
	if (len == 0)
		return 0;
	size_t n = (size_t)len < KLOG_SIZE ? (size_t)len : KLOG_SIZE;
	char *tmp = kmalloc(n);
	if (!tmp)
		return -ENOMEM;
	n = klog_read(tmp, n);
	int64_t r = copy_to_user(ubuf, tmp, n) ? -EFAULT : (int64_t)n;
	kfree(tmp);
	return r;
}

int64_t sys_syslog(uint64_t type, uint64_t ubuf, uint64_t len, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	int64_t r;
	switch ((int)type) {
	case ACTION_CLOSE:
	case ACTION_OPEN:
	case ACTION_CONSOLE_OFF:
	case ACTION_CONSOLE_ON: return 0;
	case ACTION_CONSOLE_LEVEL: return (int)len < 1 || (int)len > 8 ? -EINVAL : 0;
	case ACTION_READ:
	case ACTION_READ_ALL: return read_log(ubuf, (int)len);
	case ACTION_READ_CLEAR:
		r = read_log(ubuf, (int)len);
		if (r >= 0)
			klog_clear();
		return r;
	case ACTION_CLEAR: klog_clear(); return 0;
	case ACTION_SIZE_UNREAD: return (int64_t)klog_held();
	case ACTION_SIZE_BUFFER: return KLOG_SIZE;
	default: return -EINVAL;
	}
}
