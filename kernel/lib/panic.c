/* panic.c - see panic.h. */
#include "lib/panic.h"
#include "arch/x86_64/qemu_exit.h"
#include "lib/backtrace.h"
#include "lib/kprintf.h"
#include "test/ktest.h"

#include <stdarg.h>

void panic(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ktest_catch_expected_panic(msg); /* a test that wants this panic goes on */

	const char *prefix = ktest_diag_prefix();
	kprintf("%sKERNEL PANIC: %s\n", prefix, msg);
	backtrace_here(prefix);

	char reason[220];
	ksnprintf(reason, sizeof reason, "panic: %s", msg);
	ktest_on_crash(reason); /* inside a test: fail it, run the next one */
	qemu_exit(QEMU_EXIT_FAILURE);
}
