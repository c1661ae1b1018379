/*
 * fp_big.c - big integers for strtod (fp_big.h). Schoolbook arithmetic
 * on 32-bit limbs with 64-bit intermediates; every operation keeps the
 * invariant that the top limb is not zero, so the bit length and the
 * comparison read the top limb first.
 */
#include "stdlib/fp_big.h"

/* Drops zero limbs from the top. */
static void trim(struct fp_big *b)
{
	while (b->n > 0 && b->limb[b->n - 1] == 0)
		b->n--;
}

/* Sets b to v. */
void fp_big_set(struct fp_big *b, uint64_t v)
{
	b->limb[0] = (uint32_t)v;
	b->limb[1] = (uint32_t)(v >> 32);
	b->n = 2;
	trim(b);
}

/* b = b * f + add: one pass, the carry becomes a new top limb. */
void fp_big_mul_add(struct fp_big *b, uint32_t f, uint32_t add)
{
	uint64_t carry = add;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->limb[i] * f + carry;
		b->limb[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && b->n < FP_BIG_LIMBS)
		b->limb[b->n++] = (uint32_t)carry;
	trim(b);
}

/* b = b * 5^k, by 5^13 (the largest power of five below 2^32) at a time. */
void fp_big_mul_pow5(struct fp_big *b, long k)
{
	for (; k >= 13; k -= 13)
		fp_big_mul_add(b, 1220703125u, 0);
	uint32_t f = 1;
	while (k-- > 0)
		f *= 5;
	fp_big_mul_add(b, f, 0);
}

/* b = b * 2^k: whole limbs moved up, then the bits within a limb. */
void fp_big_shl(struct fp_big *b, long k)
{
	if (b->n == 0 || k <= 0)
		return;
	int words = (int)(k / 32), bits = (int)(k % 32);
	int n = b->n + words + 1;
	if (n > FP_BIG_LIMBS)
		n = FP_BIG_LIMBS; /* cannot happen within strtod's bounds */
	for (int i = n - 1; i >= 0; i--) {
		int src = i - words;
		uint64_t hi = src >= 0 && src < b->n ? b->limb[src] : 0;
		uint64_t lo = src - 1 >= 0 && src - 1 < b->n ? b->limb[src - 1] : 0;
		b->limb[i] = bits ? (uint32_t)(hi << bits | lo >> (32 - bits)) : (uint32_t)hi;
	}
	b->n = n;
	trim(b);
}

/* b = floor(b / 2). */
void fp_big_shr1(struct fp_big *b)
{
	for (int i = 0; i < b->n; i++) {
		uint32_t next = i + 1 < b->n ? b->limb[i + 1] : 0;
		b->limb[i] = b->limb[i] >> 1 | next << 31;
	}
	trim(b);
}

/* The number of bits of b. */
long fp_big_bits(const struct fp_big *b)
{
	if (b->n == 0)
		return 0;
	long bits = 32L * (b->n - 1);
	for (uint32_t top = b->limb[b->n - 1]; top; top >>= 1)
		bits++;
	return bits;
}

/* Compares a and b: the longer is larger, else the first limb that differs decides. */
int fp_big_cmp(const struct fp_big *a, const struct fp_big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->limb[i] != b->limb[i])
			return a->limb[i] < b->limb[i] ? -1 : 1;
	return 0;
}

/* a = a - b (a >= b), borrowing along. */
void fp_big_sub(struct fp_big *a, const struct fp_big *b)
{
	int64_t borrow = 0;
	for (int i = 0; i < a->n; i++) {
		int64_t t = (int64_t)a->limb[i] - (i < b->n ? b->limb[i] : 0) - borrow;
		borrow = t < 0;
		a->limb[i] = (uint32_t)(t + (borrow ? (int64_t)1 << 32 : 0));
	}
	trim(a);
}
