/*
 * fp_compare_scanf.c - fp_compare's sscanf part: random short texts of
 * number characters in every numeric conversion, by both (see
 * fp_compare.c).
 */
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"
#include "fp_compare.h"
#include "fp_glibc.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* A random short text from the characters numbers are made of, and a few that are not. */
static void random_text(char *s, size_t size)
{
	static const char alphabet[] = "0123456789.eE+-xXpPaAbcfFiInNtTy( ) \t,";
	uint64_t r = rng();
	size_t len = r % 14;
	if (len > size - 1)
		len = size - 1;
	for (size_t i = 0; i < len; i++) {
		if (i % 8 == 0)
			r = rng();
		s[i] = alphabet[(r >> (8 * (i % 8))) % (sizeof alphabet - 1)];
	}
	s[len] = '\0';
}

/* Whether a value written by one sscanf is the other's (same bits), for size bytes. */
static int same_bytes(const void *a, const void *b, size_t size)
{
	return memcmp(a, b, size) == 0;
}

/*
 * sscanf by both of n random texts, in the formats that read numbers:
 * the return value, the value stored (its bits) and the %n count must be
 * glibc's. Values start as the same junk, so "not stored" is compared too.
 */
void scanf_random(long n)
{
	static const char *const float_formats[] = {"%f%n", "%3f%n", " %f %n"};
	static const char *const double_formats[] = {"%lf%n", "%le%n", "%5la%n", "%2lg%n",
						     "%*lf%n"};
	static const char *const long_formats[] = {"%ld%n",  "%li%n",  "%lx%n", "%lo%n", "%lu%n",
						   "%2li%n", "%3lx%n", "%p%n",	"x%ld%n"};
	char text[16];
	for (long i = 0; i < n; i++) {
		random_text(text, sizeof text);
		uint64_t r = rng();
		int kind = (int)(r % 4), k, ra, rb, na = -7, nb = -7, same;
		const char *fmt;
		if (kind == 0) {
			fmt = float_formats[(r >> 8) % 3];
			float a = -7, b = -7;
			ra = sscanf(text, fmt, &a, &na);
			rb = glibc_scan_float(text, fmt, &b, &nb);
			same = same_bytes(&a, &b, sizeof a);
		} else if (kind == 1) {
			k = (int)((r >> 8) % 5);
			fmt = double_formats[k];
			double a = -7, b = -7;
			ra = k == 4 ? sscanf(text, fmt, &na) : sscanf(text, fmt, &a, &na);
			rb = k == 4 ? glibc_scan_count(text, fmt, &nb)
				    : glibc_scan_double(text, fmt, &b, &nb);
			same = same_bytes(&a, &b, sizeof a);
		} else if (kind == 2) {
			fmt = "%Lf%n";
			long double a = -7, b = -7;
			ra = sscanf(text, fmt, &a, &na);
			rb = glibc_scan_ldouble(text, fmt, &b, &nb);
			same = same_bytes(&a, &b, 10);
		} else {
			fmt = long_formats[(r >> 8) % 9];
			long a = -7, b = -7;
			ra = sscanf(text, fmt, &a, &na);
			rb = glibc_scan_long(text, fmt, &b, &nb);
			same = a == b;
		}
		if (ra != rb || na != nb || !same) {
			if (mismatches++ < 10)
				ktap_diag(
				    "sscanf(\"%s\", \"%s\"): ours %d (%%n %d), glibc %d (%%n %d)%s",
				    text, fmt, ra, na, rb, nb, same ? "" : ", values differ");
		}
	}
}
