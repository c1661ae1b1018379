/*
 * klog.c - the kernel's log in memory (klog.h).
 *
 * Theory of operation. A ring of KLOG_SIZE bytes: `total` counts every
 * byte ever appended, so the newest byte is at (total - 1) % KLOG_SIZE
 * and the ring holds min(total - cleared, KLOG_SIZE) bytes, the oldest
 * overwritten first, as Linux's log buffer. Nothing allocates and nothing
 * blocks, so kprintf may append from anywhere, a fault handler included.
 */
#include "lib/klog.h"

static char ring[KLOG_SIZE];
static unsigned long long total, cleared;

void klog_append(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ring[(total + i) % KLOG_SIZE] = s[i];
	total += n;
}

size_t klog_held(void)
{
	unsigned long long held = total - cleared;
	return held > KLOG_SIZE ? KLOG_SIZE : (size_t)held;
}

size_t klog_read(char *buf, size_t size)
{
	size_t n = klog_held();
	if (n > size)
		n = size;
	for (size_t i = 0; i < n; i++)
		buf[i] = ring[(total - n + i) % KLOG_SIZE];
	return n;
}

void klog_clear(void)
{
	cleared = total;
}
