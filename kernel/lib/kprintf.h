/*
 * kprintf.h - formatted output for the kernel.
 *
 * The formatting is the engine shared with the libc's printf
 * (common/format/format.h): conversions %d %i %u %x %X %o %p %s %c %n %%,
 * with the flags - 0 + space #, a field width and precision (numbers or *),
 * and the length modifiers hh h l ll z t j. %p prints 0x and the address
 * in hex (0x0 for NULL). No floating point: the kernel never uses the FPU.
 */
#ifndef LIB_KPRINTF_H
#define LIB_KPRINTF_H

#include "format/format.h"

#include <stdarg.h>
#include <stddef.h>

#define KPRINTF_FORMAT(f, a) __attribute__((format(printf, f, a)))

/* Receives formatted output a piece at a time (the engine's sink). */
typedef fmt_sink kprintf_sink;

/* Formats into sink; returns the number of characters produced (-1 past INT_MAX). */
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
