/*
 * console_serial.c - the kernel's console devices: COM1 for the kernel
 * console, COM2 (when present) for user programs' standard output and
 * COM3 (when present) for their standard error; see console.h.
 */
#include "arch/x86_64/serial.h"
#include "lib/console.h"

#include <stdbool.h>

void console_device_write(const char *s, size_t n)
{
	serial_write(s, n);
}

/*
 * Without COM3, standard error shares COM2; without COM2, user output
 * shares the kernel console. While a line
 * prefix is set (during a self-test) each line of it is marked "user: "
 * after the prefix ("    # user: ..."), so it cannot break the test
 * report and a reader sees who wrote it.
 */
void user_console_write(int fd, const char *s, size_t n)
{
	static bool midline; /* the program's last byte was not '\n' */
	if (fd == 2 && serial_port_present(SERIAL_COM3)) {
		serial_port_write(SERIAL_COM3, s, n);
		return;
	}
	if (serial_port_present(SERIAL_COM2)) {
		serial_port_write(SERIAL_COM2, s, n);
		return;
	}
	if (!console_line_prefix()[0]) {
		console_write(s, n);
		return;
	}
	while (n) {
		size_t k = 0;
		while (k < n && s[k++] != '\n')
			;
		if (!midline)
			console_write("user: ", 6);
		console_write(s, k);
		midline = s[k - 1] != '\n';
		s += k;
		n -= k;
	}
}
