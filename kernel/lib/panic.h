/* panic.h - stopping the kernel when something it relies on is broken. */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

/*
 * Prints "KERNEL PANIC: <message>" and a backtrace, then ends QEMU with a
 * failure status. Inside a self-test, the test fails instead (or passes, if
 * it expected the panic) and the runner goes on.
 */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
