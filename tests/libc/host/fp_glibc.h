/*
 * fp_glibc.h - glibc's own conversions, for tests/libc/host/fp_compare.c:
 * fp_glibc.c is compiled against glibc's headers (not the libc's, not
 * renamed), so these reach glibc's printf and strtod while everything
 * else in the program is Interlude's libc under its ilc_ names.
 */
#ifndef TESTS_LIBC_HOST_FP_GLIBC_H
#define TESTS_LIBC_HOST_FP_GLIBC_H

#include <stddef.h>

/* glibc's snprintf(buf, size, fmt, x) for one double, or one long double. */
int glibc_format(char *buf, size_t size, const char *fmt, double x);
int glibc_format_long(char *buf, size_t size, const char *fmt, long double x);

/* glibc's strtod, strtof and strtold: *end_off is how far endptr went, *err the errno (0 if none).
 */
double glibc_strtod(const char *s, long *end_off, int *err);
float glibc_strtof(const char *s, long *end_off, int *err);
long double glibc_strtold(const char *s, long *end_off, int *err);

/* glibc's sscanf(in, fmt, value, count) for a format of one conversion and %n. */
int glibc_scan_float(const char *in, const char *fmt, float *v, int *n);
int glibc_scan_double(const char *in, const char *fmt, double *v, int *n);
int glibc_scan_ldouble(const char *in, const char *fmt, long double *v, int *n);
int glibc_scan_long(const char *in, const char *fmt, long *v, int *n);
/* ... for a format whose only argument is its %n count. */
int glibc_scan_count(const char *in, const char *fmt, int *n);

#endif
