/*
 * serial.c - polled driver for the 16550 UART at COM1 (I/O port 0x3f8).
 *
 * The kernel writes all its output here; QEMU connects it to a terminal,
 * a file or a pipe (-serial). Polling keeps it usable from anywhere, even
 * inside a fault handler with interrupts off.
 */
#include "arch/x86_64/serial.h"
#include "arch/x86_64/cpu.h"

#define COM1 0x3f8
#define LSR_THR_EMPTY 0x20

/* Programs COM1 for 115200 baud, 8 data bits, no parity, one stop bit. */
void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no interrupts */
	outb(COM1 + 3, 0x80); /* DLAB: set the divisor */
	outb(COM1 + 0, 0x01); /* 115200 / 1 */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1 */
	outb(COM1 + 2, 0xc7); /* FIFO on, cleared, 14-byte threshold */
	outb(COM1 + 4, 0x03); /* DTR, RTS */
}

/* Sends one byte, waiting until the transmitter can take it. */
void serial_putc(char c)
{
	while (!(inb(COM1 + 5) & LSR_THR_EMPTY))
		;
	outb(COM1, (uint8_t)c);
}

void serial_write(const char *s, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		serial_putc(s[i]);
}
