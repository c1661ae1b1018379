/* serial.h - the COM1 serial port: the kernel's console. */
#ifndef ARCH_X86_64_SERIAL_H
#define ARCH_X86_64_SERIAL_H

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, unsigned long n);

#endif
