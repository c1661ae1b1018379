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
#define COM2 0x2f8
#define LSR_THR_EMPTY 0x20
#define SCRATCH 7

static bool com2_present;

/* Programs a 16550 for 115200 baud, 8 data bits, no parity, one stop bit. */
static void port_init(uint16_t port)
{
	outb(port + 1, 0x00); /* no interrupts */
	outb(port + 3, 0x80); /* DLAB: set the divisor */
	outb(port + 0, 0x01); /* 115200 / 1 */
	outb(port + 1, 0x00);
	outb(port + 3, 0x03); /* 8N1 */
	outb(port + 2, 0xc7); /* FIFO on, cleared, 14-byte threshold */
	outb(port + 4, 0x03); /* DTR, RTS */
}

/* Returns true if a UART answers at port: its scratch register keeps a value. */
static bool port_exists(uint16_t port)
{
	outb(port + SCRATCH, 0xa5);
	if (inb(port + SCRATCH) != 0xa5)
		return false;
	outb(port + SCRATCH, 0x5a);
	return inb(port + SCRATCH) == 0x5a;
}

void serial_init(void)
{
	port_init(COM1);
	com2_present = port_exists(COM2);
	if (com2_present)
		port_init(COM2);
}

static void port_putc(uint16_t port, char c)
{
	while (!(inb(port + 5) & LSR_THR_EMPTY))
		;
	outb(port, (uint8_t)c);
}

/* Sends one byte, waiting until the transmitter can take it. */
void serial_putc(char c)
{
	port_putc(COM1, c);
}

void serial_write(const char *s, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		port_putc(COM1, s[i]);
}

bool serial_com2_present(void)
{
	return com2_present;
}

void serial_com2_write(const char *s, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		port_putc(COM2, s[i]);
}
