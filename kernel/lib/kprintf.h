/*
 * kprintf.h - formatted output for the kernel.
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%, with the flags - 0 + space #,
 * a field width and precision (numbers or *), and the length modifiers
 * hh h l ll z t j. %p prints 0x and the address in hex.
 */
#ifndef LIB_KPRINTF_H
#define LIB_KPRINTF_H

#include <stdarg.h>
#include <stddef.h>

#define KPRINTF_FORMAT(f, a) __attribute__((format(printf, f, a)))

/* Receives formatted output a piece at a time. */
typedef void (*kprintf_sink)(void *ctx, const char *s, size_t n);

/* Formats into sink; returns the number of characters produced. */
int kvformat(kprintf_sink sink, void *ctx, const char *fmt, va_list ap);

/* Prints to the console; returns the number of characters printed. */
int kprintf(const char *fmt, ...) KPRINTF_FORMAT(1, 2);
int kvprintf(const char *fmt, va_list ap);

/*
 * Formats into buf, writing at most size bytes including the final NUL.
 * Returns the length the whole output would have had (as C's snprintf),
 * so a result >= size means it was cut short.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) KPRINTF_FORMAT(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
