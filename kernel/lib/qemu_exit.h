/*
 * qemu_exit.h - ending the emulator from inside the kernel.
 *
 * QEMU's isa-debug-exit device (port 0xf4) makes QEMU exit with status
 * (value << 1) | 1. We use two values, so the harness can tell "the kernel
 * said it passed" (33) from "the kernel said it failed" (35) and from
 * anything else (a crash, a triple fault: QEMU exits 0 under -no-reboot).
 *
 * Declared here, in the kernel library, because panic() needs it; the
 * port write is the machine's (arch/x86_64/qemu_exit.c), and the host
 * builds end the process instead (tests/host/kernel_stubs.c).
 */
#ifndef LIB_QEMU_EXIT_H
#define LIB_QEMU_EXIT_H

enum qemu_exit_code {
	QEMU_EXIT_SUCCESS = 0x10, /* QEMU exits with 33 */
	QEMU_EXIT_FAILURE = 0x11, /* QEMU exits with 35 */
};

__attribute__((noreturn)) void qemu_exit(enum qemu_exit_code code);

#endif
