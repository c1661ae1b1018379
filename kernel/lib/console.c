/* console.c - the kernel console is COM1; see console.h. */
#include "lib/console.h"
#include "arch/x86_64/serial.h"
#include "lib/string.h"
#include "test/ktest.h"

void console_write(const char *s, size_t n)
{
	serial_write(s, n);
}

/*
 * Without COM2, user output shares the kernel console. During a self-test
 * each of its lines is shown as a KTAP diagnostic ("    # user: ..."), so
 * it cannot break the test report.
 */
void user_console_write(const char *s, size_t n)
{
	static bool midline;
	if (serial_com2_present()) {
		serial_com2_write(s, n);
		return;
	}
	if (!ktest_running()) {
		serial_write(s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!midline) {
			const char *p = ktest_diag_prefix();
			serial_write(p, strlen(p));
			serial_write("user: ", 6);
		}
		serial_write(&s[i], 1);
		midline = s[i] != '\n';
	}
}
