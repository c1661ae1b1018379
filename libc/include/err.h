/*
 * err.h - the BSD error messages: "program: message: strerror(errno)" on
 * standard error (warn, err; without the errno part: warnx, errx), and
 * err and errx then exit with status eval (libc/err/err.c).
 */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
__attribute__((noreturn, format(printf, 2, 3))) void err(int eval, const char *fmt, ...);
__attribute__((noreturn, format(printf, 2, 3))) void errx(int eval, const char *fmt, ...);
__attribute__((noreturn, format(printf, 2, 0))) void verr(int eval, const char *fmt, va_list ap);
__attribute__((noreturn, format(printf, 2, 0))) void verrx(int eval, const char *fmt, va_list ap);

#endif
