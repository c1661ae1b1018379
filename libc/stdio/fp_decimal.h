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
 * (the smallest long double) has 11,510 digits, 2^16384 * 2^64 fewer; a
 * double's at most 767 (2^53 * 5^1074). The caller gives the room, so
 * a double's conversion needs 1 KiB of stack, not 17.
 */
#define FP_DECIMAL_LDOUBLE_DIGITS 11600
#define FP_DECIMAL_DOUBLE_DIGITS 800
/* The base-10^9 limbs the big integer needs for that many digits. */
#define FP_DECIMAL_LIMBS(digits) ((digits) / 9 + 2)

/* value = 0.d[0] d[1] ... d[n-1] * 10^point; no leading or trailing '0'; n = 0 is zero. */
struct fp_decimal {
	char *d; /* the digits, as characters '0'..'9' */
	int n;
	int point;
};

/*
 * Expands mant * 2^exp2 exactly into buf, with limbs for the big integer
 * (FP_DECIMAL_LIMBS of buf's size), both sized for the type the number
 * came from (FP_DECIMAL_..._DIGITS); the result points into buf.
 */
struct fp_decimal fp_decimal_exact(uint64_t mant, int exp2, char *buf, uint32_t *limbs);

/*
 * Rounds x to its first keep digits (keep may be 0 or negative: a digit
 * place above the first), half to even on the exact value. A carry out
 * of the top makes "1" with point one higher; the result may be zero.
 */
void fp_decimal_round(struct fp_decimal *x, long long keep);

#endif
