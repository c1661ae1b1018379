/*
 * stdio/fp_decimal.h - the exact decimal expansion of a binary
 * floating-point number, and rounding it to a number of digits, for
 * printf's %f, %e and %g (printf_float.c).
 *
 * Every finite binary number has a finite decimal expansion: m * 2^-k is
 * m * 5^k / 10^k. fp_decimal_exact() computes it with a big integer
 * (fp_decimal.c), so every digit printf shows is the true one and rounding
 * decides on the exact value, the way glibc does: round half to even.
 */
#ifndef LIBC_STDIO_FP_DECIMAL_H
#define LIBC_STDIO_FP_DECIMAL_H

#include <stdint.h>

/*
 * The most digits an expansion has: a 64-bit significand times 5^16445
 * (the smallest long double) has 11,510 digits; 2^16384 * 2^64 far fewer.
 */
#define FP_DECIMAL_MAX_DIGITS 11600

/* value = 0.d[0] d[1] ... d[n-1] * 10^point; no leading or trailing '0'; n = 0 is zero. */
struct fp_decimal {
	char *d; /* the digits, as characters '0'..'9' */
	int n;
	int point;
};

/*
 * Expands mant * 2^exp2 exactly into buf (FP_DECIMAL_MAX_DIGITS bytes),
 * for |exp2| up to 16445 (so every double and long double); the result
 * points into buf.
 */
struct fp_decimal fp_decimal_exact(uint64_t mant, int exp2, char *buf);

/*
 * Rounds x to its first keep digits (keep may be 0 or negative: a digit
 * place above the first), half to even on the exact value. A carry out
 * of the top makes "1" with point one higher; the result may be zero.
 */
void fp_decimal_round(struct fp_decimal *x, long long keep);

#endif
