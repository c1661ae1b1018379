/*
 * serial.c - polled driver for the 16550 UARTs of a PC: COM1 (I/O port
 * 0x3f8) to COM4.
 *
 * The kernel writes all its output to COM1; QEMU connects it to a
 * terminal, a file or a pipe (-serial). A program run by tools/run-prog
 * also gets COM2 (its standard output, and its standard input coming the
 * other way) and COM3 (its standard error). Writing is polled, which keeps
 * it usable from anywhere, even inside a fault handler with interrupts
 * off. Reading can wait: serial_wait_readable() halts the CPU until the
 * port's receive interrupt (through the PIC, pic.c) says a byte came, so
 * a program waiting for its input costs the host nothing.
 */
#include "arch/x86_64/serial.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/pic.h"

#define REG_DATA 0
#define REG_IER 1 /* interrupt enable */
#define REG_FCR 2 /* FIFO control */
#define REG_LCR 3 /* line control */
#define REG_MCR 4 /* modem control */
#define REG_LSR 5 /* line status */
#define REG_SCRATCH 7
#define IER_RX_AVAILABLE 0x01
#define MCR_OUT2 0x08 /* on a PC, connects the UART's interrupt line to the PIC */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LSR_TX_IDLE 0x40 /* TEMT: the FIFO and the shift register are both empty */
#define DRAIN_POLLS (1u << 25)

static const uint16_t base[SERIAL_PORTS] = {0x3f8, 0x2f8, 0x3e8, 0x2e8};
static const unsigned irq[SERIAL_PORTS] = {4, 3, 4, 3};
static bool present[SERIAL_PORTS];

/* Programs a 16550 for 115200 baud, 8 data bits, no parity, one stop bit. */
static void port_init(uint16_t port)
{
	outb(port + REG_IER, 0x00);  /* no interrupts */
	outb(port + REG_LCR, 0x80);  /* DLAB: set the divisor */
	outb(port + REG_DATA, 0x01); /* 115200 / 1 */
	outb(port + REG_IER, 0x00);
	outb(port + REG_LCR, 0x03);	       /* 8N1 */
	outb(port + REG_FCR, 0xc7);	       /* FIFO on, cleared, 14-byte threshold */
	outb(port + REG_MCR, 0x03 | MCR_OUT2); /* DTR, RTS, interrupt line */
}

/* Returns true if a UART answers at port: its scratch register keeps a value. */
static bool port_exists(uint16_t port)
{
	outb(port + REG_SCRATCH, 0xa5);
	if (inb(port + REG_SCRATCH) != 0xa5)
		return false;
	outb(port + REG_SCRATCH, 0x5a);
	return inb(port + REG_SCRATCH) == 0x5a;
}

void serial_init(void)
{
	port_init(base[SERIAL_COM1]);
	present[SERIAL_COM1] = true;
	for (int i = SERIAL_COM2; i < SERIAL_PORTS; i++) {
		present[i] = port_exists(base[i]);
		if (present[i])
			port_init(base[i]);
	}
}

static void port_putc(uint16_t port, char c)
{
	while (!(inb(port + REG_LSR) & LSR_THR_EMPTY))
		;
	outb(port, (uint8_t)c);
}

/* Sends one byte, waiting until the transmitter can take it. */
void serial_putc(char c)
{
	port_putc(base[SERIAL_COM1], c);
}

void serial_write(const char *s, unsigned long n)
{
	serial_port_write(SERIAL_COM1, s, n);
}

bool serial_port_present(int port)
{
	return port >= 0 && port < SERIAL_PORTS && present[port];
}

void serial_port_write(int port, const char *s, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		port_putc(base[port], s[i]);
}

bool serial_port_idle(int port)
{
	return (inb(base[port] + REG_LSR) & LSR_TX_IDLE) != 0;
}

/*
 * THR-empty (what port_putc waits for) says only that the FIFO took the
 * last byte: under QEMU, when the host end of a port is slow (a socket
 * whose reader is behind), that byte may still be waiting in the shift
 * register, and a QEMU that exits then drops it. So before the machine is
 * turned off, each port is given the time to send everything (bounded,
 * for a host end that never reads: tens of seconds of polls).
 */
void serial_drain(void)
{
	for (int i = 0; i < SERIAL_PORTS; i++)
		for (unsigned n = 0; present[i] && n < DRAIN_POLLS && !serial_port_idle(i); n++)
			__asm__ volatile("pause");
}

/* The next received byte (0..255), or -1 if none is waiting. */
int serial_port_read_byte(int port)
{
	if (!(inb(base[port] + REG_LSR) & LSR_DATA_READY))
		return -1;
	return inb(base[port] + REG_DATA);
}

/*
 * Halts until a byte is waiting on the port. The receive interrupt is on
 * only while waiting, and the kernel otherwise runs (and runs programs)
 * with interrupts off, so nothing else ever sees it. "sti; hlt" cannot
 * miss a byte that came just before it: sti takes effect after the next
 * instruction, so an interrupt already pending wakes the hlt itself.
 */
void serial_wait_readable(int port)
{
	uint16_t p = base[port];
	outb(p + REG_IER, IER_RX_AVAILABLE);
	pic_unmask(irq[port]);
	while (!(inb(p + REG_LSR) & LSR_DATA_READY))
		__asm__ volatile("sti; hlt; cli" ::: "memory");
	pic_mask(irq[port]);
	outb(p + REG_IER, 0x00);
}

/* Returns the next byte received on the port, halting until there is one. */
uint8_t serial_port_read_byte_wait(int port)
{
	for (;;) {
		int c = serial_port_read_byte(port);
		if (c >= 0)
			return (uint8_t)c;
		serial_wait_readable(port);
	}
}
