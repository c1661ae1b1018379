/*
 * strtod_round.c - the exact rounding behind strtod (strtod_round.h).
 *
 * A decimal number D * 10^e is an exact ratio of integers times a power
 * of two: D * 5^e * 2^e for e >= 0, and D / 5^-e * 2^e for e < 0. From a
 * ratio a / b, long division (fp_big.c) gives q = floor(a * 2^s / b) with exactly
 * P + 1 bits (s chosen from the sizes of a and b), and whether a
 * remainder is left: the P bits of the result, one bit more (the half),
 * and "anything below" decide the rounding half to even, with no error
 * at all. Subnormals take fewer bits (q shifted right to the smallest
 * subnormal's place) and an overflow gives infinity.
 *
 * Digits beyond max_digits are only a "sticky" bit: every point where
 * the rounding changes (a multiple of half the unit in the last place)
 * has at most that many significant decimal digits, so digits after
 * them can only tell "exactly on it" from "just above". The bound is the
 * longest such point: about 11,510 digits for long double (a multiple
 * of 2^-16446), 770 for double, 115 for float.
 *
 * ERANGE, as glibc: on overflow; and when the result is tiny and not
 * exact, tiny meaning below the smallest normal after rounding to P bits
 * with an unlimited exponent (x86's "tininess after rounding").
 */
#include "stdlib/strtod_round.h"

const struct fp_target fp_target_float = {24, -149, 127, 160, 39, -46};
const struct fp_target fp_target_double = {53, -1074, 1023, 800, 309, -324};
const struct fp_target fp_target_ldouble = {64, -16445, 16383, 11600, 4933, -4951};

/* Shifts q right by d bits, folding what falls off into *sticky. */
static unsigned __int128 shift_sticky(unsigned __int128 q, long d, bool *sticky)
{
	if (d <= 0)
		return q;
	if (d >= 127) {
		*sticky |= q != 0;
		return 0;
	}
	*sticky |= (q & (((unsigned __int128)1 << d) - 1)) != 0;
	return q >> d;
}

/*
 * Rounds q (its last bit the half, P bits above it) half to even: the
 * P-bit result, with *lsb (the exponent of its last place) raised by one
 * if it carried to 2^P; *inexact if anything was dropped.
 */
static uint64_t round_half_even(unsigned __int128 q, bool sticky, int p, long *lsb, bool *inexact)
{
	unsigned __int128 m = q >> 1;
	bool half = q & 1;
	*inexact = half || sticky;
	if (half && (sticky || (m & 1)))
		m++;
	if (m >> p) { /* 1.111..1 + one unit: 10.000..0 */
		m >>= 1;
		(*lsb)++;
	}
	return (uint64_t)m;
}

/* Rounds (a / b [+ sticky]) * 2^e2 to the target; see the top of the file. */
struct fp_rounded fp_round_ratio(struct fp_big *a, struct fp_big *b, long e2, bool sticky,
				 const struct fp_target *t)
{
	struct fp_rounded r = {0, 0, false, false};
	int p = t->mant_bits;
	/* a / b lies in [2^(k-1), 2^(k+1)) for k = bits(a) - bits(b): aim q at P+1 or P+2 bits */
	long s = p + 1 - (fp_big_bits(a) - fp_big_bits(b));
	if (s > 0)
		fp_big_shl(a, s);
	else
		fp_big_shl(b, -s);
	unsigned __int128 q;
	sticky |= fp_big_div(a, b, &q); /* q < 2^(P+2) */
	if (q >> (p + 1)) {		/* P+2 bits: one too many */
		sticky |= q & 1;
		q >>= 1;
		s--;
	}
	/* the value is about q * 2^(e2 - s); the result's last place is one bit above q's */
	long lsb = e2 - s + 1;
	bool inexact;
	long lsb_free = lsb;
	uint64_t m = round_half_even(q, sticky, p, &lsb_free, &inexact);
	long top = lsb_free + p - 1; /* the exponent of the leading bit, no range limit */
	if (top > t->max_exp) {
		r.inf = r.range_error = true;
		return r;
	}
	bool tiny = top < t->lsb_min + p - 1;
	if (lsb < t->lsb_min) { /* a subnormal: fewer bits, in the smallest subnormal's places */
		q = shift_sticky(q, t->lsb_min - lsb, &sticky);
		lsb = t->lsb_min;
		m = round_half_even(q, sticky, p, &lsb, &inexact);
	} else {
		lsb = lsb_free;
	}
	r.mant = m;
	r.exp2 = (int)lsb;
	r.range_error = tiny && inexact;
	return r;
}

/* Rounds 0.digits * 10^point (+ sticky); out-of-range points give up early (see the header). */
struct fp_rounded fp_round_decimal(const char *digits, int n, long point, bool sticky,
				   const struct fp_target *t)
{
	struct fp_rounded r = {0, 0, false, false};
	if (point > t->over_point) {
		r.inf = r.range_error = true;
		return r;
	}
	if (point <= t->under_point) {
		r.range_error = true; /* below half the smallest subnormal: zero */
		return r;
	}
	struct fp_big a, b;
	fp_big_set(&a, 0);
	int i = 0;
	for (; i + 9 <= n; i += 9) { /* nine digits at a time */
		uint32_t chunk = 0;
		for (int k = 0; k < 9; k++)
			chunk = chunk * 10 + (uint32_t)(digits[i + k] - '0');
		fp_big_mul_add(&a, 1000000000u, chunk);
	}
	for (; i < n; i++)
		fp_big_mul_add(&a, 10, (uint32_t)(digits[i] - '0'));
	long e10 = point - n; /* the value is a * 10^e10 */
	fp_big_set(&b, 1);
	if (e10 >= 0)
		fp_big_mul_pow5(&a, e10);
	else
		fp_big_mul_pow5(&b, -e10);
	return fp_round_ratio(&a, &b, e10, sticky, t);
}
