/*
 * serial_test.c - the serial ports' drain (suite "serial"; in the kernel
 * only: it needs the UARTs).
 */
#include "arch/x86_64/serial.h"
#include "test/ktest.h"

KTEST(serial, drain_leaves_every_port_with_nothing_to_send)
{
	static const char line[] = "serial drain: this line is sent before the test goes on\n";
	serial_write(line, sizeof line - 1);
	serial_drain();
	for (int i = SERIAL_COM1; i < SERIAL_PORTS; i++)
		if (serial_port_present(i))
			EXPECT_TRUE(serial_port_idle(i));
}
