/*
 * kernel_stubs.c - what the kernel's pure code needs from the machine,
 * supplied on the host for the host tests (build/host/ktest-host), the
 * fuzzers and the host benchmark: the console device (stdout), a
 * backtrace (none: AddressSanitizer prints the stack when panic()
 * aborts) and qemu_exit() (the process ends instead of the emulator).
 *
 * Everything else is the kernel's own code, built for the host:
 * lib/console.c (the line prefix the self-test runner sets), lib/panic.c
 * (the catchers of EXPECT_PANIC; without a catcher, as in a fuzzer, where
 * only legal calls are made, a panic is a bug and aborts).
 */
#include "lib/qemu_exit.h"
#include "lib/backtrace.h"
#include "lib/console.h"

#include <stdio.h>
#include <stdlib.h>

void console_device_write(const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
}

/* The host has no kernel symbol table to print a backtrace with. */
void backtrace_here(void)
{
}

/* Ends the process: exit status 0 for success; abort() for a failure, so
 * that a fuzzer records the input and ASan prints where it happened. */
void qemu_exit(enum qemu_exit_code code)
{
	fflush(stdout);
	if (code == QEMU_EXIT_SUCCESS)
		exit(0);
	abort();
}
