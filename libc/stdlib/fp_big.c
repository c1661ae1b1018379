/*
 * fp_big.c - big integers for strtod (fp_big.h). Schoolbook arithmetic
 * on 32-bit limbs with 64-bit intermediates; every operation keeps the
 * invariant that the top limb is not zero, so the bit length reads the
 * top limb first.
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

/*
 * Long division in base 2^32 (Knuth's algorithm D): b is shifted so its
 * top limb has its top bit set (a by as much: the quotient stays), then
 * each quotient limb is guessed from the top two limbs of what is left
 * divided by b's top limb, corrected with b's second limb (the guess is
 * then at most one too big), and b times it subtracted; a negative
 * difference means the guess was one too big: add b back. Only the
 * quotient and whether the remainder is zero matter to strtod.
 */
bool fp_big_div(struct fp_big *a, const struct fp_big *b, unsigned __int128 *q)
{
	*q = 0;
	if (a->n < b->n)
		return a->n != 0; /* a < b: the quotient is 0, the remainder a */
	struct fp_big v = *b;
	int sh = 0;
	for (uint32_t top = v.limb[v.n - 1]; !(top & 0x80000000u); top <<= 1)
		sh++;
	fp_big_shl(&v, sh);
	fp_big_shl(a, sh);
	int n = v.n, m = a->n - n; /* the quotient has m + 1 limbs */
	uint32_t *u = a->limb;
	u[a->n] = 0; /* the room a guess on the top limb needs */
	uint32_t qd[4] = {0, 0, 0, 0};
	for (int j = m; j >= 0; j--) {
		uint64_t num = (uint64_t)u[j + n] << 32 | u[j + n - 1];
		uint64_t qhat = num / v.limb[n - 1], rhat = num % v.limb[n - 1];
		while (qhat >> 32 ||
		       (n >= 2 && qhat * v.limb[n - 2] > (rhat << 32 | u[j + n - 2]))) {
			qhat--;
			rhat += v.limb[n - 1];
			if (rhat >> 32)
				break;
		}
		uint64_t carry = 0;
		int64_t borrow = 0;
		for (int i = 0; i < n; i++) { /* u[j..j+n] -= qhat * v */
			uint64_t p = qhat * v.limb[i] + carry;
			carry = p >> 32;
			int64_t t = (int64_t)u[i + j] - (int64_t)(uint32_t)p - borrow;
			u[i + j] = (uint32_t)t;
			borrow = t < 0;
		}
		int64_t t = (int64_t)u[j + n] - (int64_t)carry - borrow;
		u[j + n] = (uint32_t)t;
		if (t < 0) { /* one too many: add v back */
			qhat--;
			uint64_t c = 0;
			for (int i = 0; i < n; i++) {
				uint64_t s = (uint64_t)u[i + j] + v.limb[i] + c;
				u[i + j] = (uint32_t)s;
				c = s >> 32;
			}
			u[j + n] += (uint32_t)c;
		}
		if (j < 4)
			qd[j] = (uint32_t)qhat;
	}
	*q = (unsigned __int128)qd[2] << 64 | (unsigned __int128)qd[1] << 32 | qd[0];
	a->n = n;
	trim(a);
	return a->n != 0;
}
