/*
 * console.h - where kprintf's output goes.
 *
 * console_write() hands bytes to the console device: the serial port in
 * the kernel (arch/x86_64/console_serial.c), stdout on the host
 * (tests/host). On the way it can start every line with a prefix: the
 * self-test runner sets
 * "    # " while a test runs, so that whatever the kernel prints then (a
 * panic, a heap error report, a killed program) is a KTAP diagnostic line
 * and cannot break the test report. The code that prints does not know.
 */
#ifndef LIB_CONSOLE_H
#define LIB_CONSOLE_H

#include <stddef.h>

/* Writes n bytes, each line starting with the line prefix (if one is set). */
void console_write(const char *s, size_t n);

/*
 * Sets the prefix of every line written from now on (NULL or "": none).
 * The string is not copied: it must stay valid while it is set.
 */
void console_set_line_prefix(const char *prefix);

/* Returns the line prefix in use, "" if none. */
const char *console_line_prefix(void);

/*
 * The device under the console, written to without any prefix: supplied
 * by the platform (arch/x86_64/console_serial.c in the kernel, the host stubs in
 * tests/host).
 */
void console_device_write(const char *s, size_t n);

/*
 * Where user programs' standard output (fd 1) and error (fd 2) go: the
 * second serial port (COM2) and the third (COM3) when the machine has
 * them, so that the runner receives exactly the bytes a program wrote to
 * each while the kernel's own messages go elsewhere; otherwise the kernel
 * console. Kernel only.
 */
void user_console_write(int fd, const char *s, size_t n);

#endif
