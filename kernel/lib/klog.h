/*
 * klog.h - the kernel's log kept in memory: the last KLOG_SIZE bytes that
 * kprintf wrote, which syslog(2) hands to dmesg.
 */
#ifndef LIB_KLOG_H
#define LIB_KLOG_H

#include <stddef.h>

#define KLOG_SIZE 16384 /* bytes kept: the oldest go first */

/* Appends s[0, n) to the log. */
void klog_append(const char *s, size_t n);

/* Copies the newest min(size, held) bytes of the log into buf, oldest
 * first; returns how many. */
size_t klog_read(char *buf, size_t size);

/* The bytes the log holds now (at most KLOG_SIZE). */
size_t klog_held(void);

/* Empties the log (syslog's SYSLOG_ACTION_CLEAR). */
void klog_clear(void);

#endif
