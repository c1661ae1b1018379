/*
 * serial.h - the PC's serial ports: COM1 is the kernel's console; COM2
 * and COM3 carry a program's standard streams when the runner attaches
 * them (arch/x86_64/console_serial.c, sys/tty.c).
 */
#ifndef ARCH_X86_64_SERIAL_H
#define ARCH_X86_64_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

enum { SERIAL_COM1, SERIAL_COM2, SERIAL_COM3, SERIAL_COM4, SERIAL_PORTS };

/* Programs COM1 and every other port that answers. */
void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, unsigned long n);

/* Returns true if the port (SERIAL_COM1..SERIAL_COM4) exists. */
bool serial_port_present(int port);
/* Sends n bytes on the port, waiting for the transmitter as needed. */
void serial_port_write(int port, const char *s, unsigned long n);
/* Returns true if the port has sent every byte it was given (TEMT). */
bool serial_port_idle(int port);
/* Waits until every port has sent every byte (qemu_exit calls it: a QEMU
 * that exits drops what a port still holds). */
void serial_drain(void);
/* Returns the next received byte (0..255), or -1 if none is waiting. */
int serial_port_read_byte(int port);
/* Halts the CPU until a byte is waiting on the port (its receive interrupt). */
void serial_wait_readable(int port);
/* Returns the next received byte, halting (serial_wait_readable) until one comes. */
uint8_t serial_port_read_byte_wait(int port);

#endif
