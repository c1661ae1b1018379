/*
 * shell.h - the kernel console: a command line on the serial port (COM1)
 * to look at memory while the machine runs (docs/DEBUGGING.md).
 */
#ifndef SHELL_SHELL_H
#define SHELL_SHELL_H

#include "boot/multiboot2.h"

/*
 * Reads commands from COM1 and runs them until `poweroff`, which ends
 * QEMU; never returns. bi gives the boot modules `run` may start, cmdline
 * the options the self-tests of `test` see.
 */
__attribute__((noreturn)) void shell_run(const struct boot_info *bi, const char *cmdline);

#endif
