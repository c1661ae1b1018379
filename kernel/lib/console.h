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

/*
 * Where user programs' standard output and error go: the second serial
 * port (COM2) when the machine has one, so that a terminal can receive
 * exactly the bytes a program wrote while the kernel's own messages go
 * elsewhere; otherwise the kernel console.
 */
void user_console_write(const char *s, size_t n);

#endif
