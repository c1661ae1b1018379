/*
 * tty.h - the running program's standard streams as the runner attached
 * them: which of fds 0-2 are a terminal, and fd 0's input.
 *
 * The terminal itself (line editing, echo, ^C) is the host's: the runner
 * (tools/run-prog) reads its own standard input in the host terminal's
 * mode, so the kernel only answers what a program asks about its terminal
 * (TCGETS, TIOCGWINSZ) with the host terminal's facts, and passes bytes.
 */
#ifndef SYS_TTY_H
#define SYS_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/runfile.h"

/* Takes the terminal facts of the run file (NULL: no terminal at all). */
void tty_setup(const struct runfile *rf);

/* Returns true if fd (0, 1 or 2) is attached to a terminal. */
bool tty_is_terminal(uint64_t fd);

/*
 * Reads up to n bytes of standard input into user memory at buf, waiting
 * (the CPU halted) until the runner answers; returns the count, 0 at end
 * of file or when no input is attached, or -EFAULT.
 */
int64_t tty_read_stdin(uint64_t buf, uint64_t n);

/*
 * Makes fn the source of standard input (NULL: the runner's port again):
 * it fills up to n bytes of buf (n > 0) and returns the count, 0 at end of
 * file. The kernel console uses it for the programs it runs (shell/stdin.c).
 */
void tty_set_stdin_source(int64_t (*fn)(char *buf, size_t n));

/* Answers a terminal ioctl on fd 0-2 (TCGETS, TIOCGWINSZ); -ENOTTY otherwise. */
int64_t tty_ioctl(uint64_t fd, uint64_t req, uint64_t arg);

#endif
