/* fp_glibc.c - glibc's printf and strtod behind plain names (fp_glibc.h). */
#include "fp_glibc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* glibc's snprintf of one double. */
int glibc_format(char *buf, size_t size, const char *fmt, double x)
{
	return snprintf(buf, size, fmt, x);
}

/* glibc's snprintf of one long double. */
int glibc_format_long(char *buf, size_t size, const char *fmt, long double x)
{
	return snprintf(buf, size, fmt, x);
}

/* glibc's strtod, with where it stopped and its errno. */
double glibc_strtod(const char *s, long *end_off, int *err)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	*err = errno;
	*end_off = end - s;
	return d;
}

/* glibc's strtof, with where it stopped and its errno. */
float glibc_strtof(const char *s, long *end_off, int *err)
{
	char *end;
	errno = 0;
	float f = strtof(s, &end);
	*err = errno;
	*end_off = end - s;
	return f;
}

/* glibc's strtold, with where it stopped and its errno. */
long double glibc_strtold(const char *s, long *end_off, int *err)
{
	char *end;
	errno = 0;
	long double x = strtold(s, &end);
	*err = errno;
	*end_off = end - s;
	return x;
}

#pragma GCC diagnostic ignored "-Wformat-security"

/* glibc's sscanf into a float and a count. */
int glibc_scan_float(const char *in, const char *fmt, float *v, int *n)
{
	return sscanf(in, fmt, v, n);
}

/* glibc's sscanf into a double and a count. */
int glibc_scan_double(const char *in, const char *fmt, double *v, int *n)
{
	return sscanf(in, fmt, v, n);
}

/* glibc's sscanf into a long double and a count. */
int glibc_scan_ldouble(const char *in, const char *fmt, long double *v, int *n)
{
	return sscanf(in, fmt, v, n);
}

/* glibc's sscanf into a long and a count. */
int glibc_scan_long(const char *in, const char *fmt, long *v, int *n)
{
	return sscanf(in, fmt, v, n);
}

/* glibc's sscanf with only a count to store. */
int glibc_scan_count(const char *in, const char *fmt, int *n)
{
	return sscanf(in, fmt, n);
}
