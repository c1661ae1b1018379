/*
 * console.h - where kprintf's output goes.
 *
 * In the kernel it is the serial port; the host build of the pure kernel
 * code (tests/host) supplies its own console that writes to stdout.
 */
#ifndef LIB_CONSOLE_H
#define LIB_CONSOLE_H

#include <stddef.h>

void console_write(const char *s, size_t n);

#endif
