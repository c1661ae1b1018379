/* panic.h - stopping the kernel when something it relies on is broken. */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

/*
 * Prints "KERNEL PANIC: <message>" and a backtrace, then ends QEMU with a
 * failure status (panic_stop). A registered catcher may take over first:
 * see struct panic_catcher.
 */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/*
 * The end of every fatal error once it has been reported (a panic, or an
 * exception the kernel cannot handle: arch/x86_64/trap.c): offers reason
 * to the catcher's `fatal`, then ends QEMU with a failure status.
 */
__attribute__((noreturn)) void panic_stop(const char *reason);

/*
 * A panic catcher lets a test runner survive panics without panic()
 * knowing about tests: the self-test framework (test/ktest.c) registers
 * one while it runs, so that EXPECT_PANIC works and a test that crashes
 * fails alone instead of ending the kernel.
 *   expected(message) is called before anything is printed; a test that
 *       expected this panic jumps back into itself from there;
 *   fatal(reason) is called by panic_stop, after the report; a running
 *       test is failed and the runner goes on with the next one.
 * Either returns when it has nothing to do, and the kernel goes on
 * stopping. A member may be NULL.
 */
struct panic_catcher {
	void (*expected)(const char *message);
	void (*fatal)(const char *reason);
};

/* Registers catcher (NULL: none). The struct is not copied. */
void panic_set_catcher(const struct panic_catcher *catcher);

#endif
