/*
 * panic.c - see panic.h. Also built on the host, where the host stubs
 * (tests/host/kernel_stubs.c) supply the backtrace and qemu_exit().
 */
#include "lib/panic.h"
#include "lib/qemu_exit.h"
#include "lib/backtrace.h"
#include "lib/kprintf.h"

#include <stdarg.h>
#include <stddef.h>

static const struct panic_catcher *catcher;

void panic_set_catcher(const struct panic_catcher *c)
{
	catcher = c;
}

void panic(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (catcher && catcher->expected)
		catcher->expected(msg); /* returns unless a test wanted this panic */

	kprintf("KERNEL PANIC: %s\n", msg);
	backtrace_here();

	char reason[220];
	ksnprintf(reason, sizeof reason, "panic: %s", msg);
	panic_stop(reason);
}

void panic_stop(const char *reason)
{
	if (catcher && catcher->fatal)
		catcher->fatal(reason); /* returns unless a test was running */
	qemu_exit(QEMU_EXIT_FAILURE);
}
