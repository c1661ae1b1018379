/* serial.h - the COM1 serial port: the kernel's console. */
#ifndef ARCH_X86_64_SERIAL_H
#define ARCH_X86_64_SERIAL_H

#include <stdbool.h>

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, unsigned long n);

/* The second port, COM2 (0x2f8): for user programs' output. */
bool serial_com2_present(void);
void serial_com2_write(const char *s, unsigned long n);

#endif
