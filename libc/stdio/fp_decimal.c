/*
 * fp_decimal.c - exact decimal expansions (fp_decimal.h).
 *
 * The big integer is an array of base-10^9 limbs, least significant
 * first: each limb is nine decimal digits, so turning the number into
 * text is printing each limb, and multiplying a limb by a factor below
 * 2^32 fits in 64 bits. To expand mant * 2^exp2:
 *   exp2 >= 0: the integer mant * 2^exp2 (multiply by 2^29 at a time);
 *   exp2 < 0:  mant * 5^-exp2 (multiply by 5^13 at a time), whose digits
 *              are the number's with the decimal point -exp2 places left.
 */
#include "stdio/fp_decimal.h"

#define LIMB_BASE 1000000000u /* 10^9 */
#define LIMB_DIGITS 9

struct bigdec {
	uint32_t *limb; /* the caller's room */
	int n;		/* limbs in use; limb[n-1] is the most significant */
};

/* Multiplies b by f (below 2^32); the product's carry grows b by a limb when needed. */
static void bigdec_mul(struct bigdec *b, uint32_t f)
{
	uint64_t carry = 0;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->limb[i] * f + carry;
		b->limb[i] = (uint32_t)(t % LIMB_BASE);
		carry = t / LIMB_BASE;
	}
	while (carry) {
		b->limb[b->n++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

/* Writes v as exactly width digits (with leading zeros) at out. */
static void put_digits(char *out, uint32_t v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* The number of decimal digits of v (v > 0). */
static int digit_count(uint32_t v)
{
	int k = 0;
	for (; v; v /= 10)
		k++;
	return k;
}

/* Expands mant * 2^exp2 exactly; the digits go into buf. */
struct fp_decimal fp_decimal_exact(uint64_t mant, int exp2, char *buf, uint32_t *limbs)
{
	struct fp_decimal x = {.d = buf, .n = 0, .point = 0};
	if (!mant)
		return x;
	while (!(mant & 1)) { /* fewer multiplications: the trailing zero bits go to the exponent */
		mant >>= 1;
		exp2++;
	}
	struct bigdec b = {.limb = limbs, .n = 0};
	for (uint64_t m = mant; m; m /= LIMB_BASE)
		b.limb[b.n++] = (uint32_t)(m % LIMB_BASE);
	int shift10 = 0; /* the value is b * 10^shift10 */
	if (exp2 >= 0) {
		for (; exp2 >= 29; exp2 -= 29)
			bigdec_mul(&b, 1u << 29);
		bigdec_mul(&b, 1u << exp2);
	} else {
		shift10 = exp2;
		int k = -exp2;
		for (; k >= 13; k -= 13)
			bigdec_mul(&b, 1220703125u); /* 5^13 */
		uint32_t f = 1;
		while (k--)
			f *= 5;
		bigdec_mul(&b, f);
	}
	/* the top limb without its leading zeros, every other limb as nine digits */
	int top = digit_count(b.limb[b.n - 1]);
	put_digits(buf, b.limb[b.n - 1], top);
	int n = top;
	for (int i = b.n - 2; i >= 0; i--, n += LIMB_DIGITS)
		put_digits(buf + n, b.limb[i], LIMB_DIGITS);
	x.point = n + shift10;
	while (buf[n - 1] == '0')
		n--;
	x.n = n;
	return x;
}

/* Rounds x to keep digits, half to even; see fp_decimal.h. */
void fp_decimal_round(struct fp_decimal *x, long long keep)
{
	if (keep >= x->n)
		return; /* nothing below the place: exact already */
	if (keep < 0) {
		x->n = 0; /* below a tenth of the place's unit: rounds to zero */
		return;
	}
	int k = (int)keep;
	char next = x->d[k];
	int up;
	if (next != '5')
		up = next > '5';
	else if (k + 1 < x->n)
		up = 1; /* more than half: a non-zero digit follows (none is trailing '0') */
	else
		up = k > 0 &&
		     ((x->d[k - 1] - '0') & 1); /* exactly half: to even (keep 0: the digit is 0) */
	x->n = k;
	if (up) {
		int i = k - 1;
		while (i >= 0 && x->d[i] == '9')
			i--;
		if (i < 0) { /* 99.9 -> 100: one digit, one place higher */
			x->d[0] = '1';
			x->n = 1;
			x->point++;
			return;
		}
		x->d[i]++;
		x->n = i + 1;
	}
	while (x->n > 0 && x->d[x->n - 1] == '0')
		x->n--;
}
