/*
 * rem_pio2.c - the range reduction of sin, cos and tan: x = n pi/2 + r
 * with n an integer and |r| <= pi/4, for every finite double x. Only n
 * mod 4 matters (which of +-sin r, +-cos r is the answer).
 *
 * The hard part is a huge x: x = 10^300 is an integer, and x - n pi/2
 * needs pi to 300 digits and more; and an x close to a multiple of pi/2
 * (the closest doubles come within about 2^-61 of one, relatively) needs
 * 61 more bits for r to keep its own 64. The method is Payne and Hanek's:
 * with x = m 2^e (m a 53-bit integer), x * 2/pi = sum of m 2^e b_i 2^-i
 * over the bits b_i of 2/pi. The bits with e - i >= 2 add multiples of 4
 * (nothing mod 4), and the bits more than 190 places further down add
 * less than 2^-137: so a window of 192 bits of 2/pi, from bit e - 1 on,
 * multiplied by m as integers (a 245-bit product), gives n mod 4 and the
 * fraction of x * 2/pi to 190 bits, whatever the size of x. The fraction
 * f (made |f| <= 1/2 by rounding n to nearest) times pi/2 is r.
 */
#include <stdint.h>
#include "math/ext.h"

#define PIO2_HI 0x1.921fb54442d1846ap+0L
#define PIO2_LO -0x1.d9cceba3f91f1976p-66L

/* The first 1280 bits of the fraction of 2/pi = 0.a2f9836e...: tools/math-constants.py. */
static const uint64_t two_over_pi[20] = {
    0xa2f9836e4e441529, 0xfc2757d1f534ddc0, 0xdb6295993c439041, 0xfe5163abdebbc561,
    0xb7246e3a424dd2e0, 0x06492eea09d1921c, 0xfe1deb1cb129a73e, 0xe88235f52ebb4484,
    0xe99c7026b45f7e41, 0x3991d639835339f4, 0x9c845f8bbdf9283b, 0x1ff897ffde05980f,
    0xef2f118b5a0a6d1f, 0x6d367ecf27cb09b7, 0x4f463f669e5fea2d, 0x7527bac7ebe5f17b,
    0x3d0739f78a5292ea, 0x6bfb5fb11f8d5d08, 0x56033046fc7b6bab, 0xf0cfbc209af4361d,
};

/* 64 bits of 2/pi from bit i on (bit 1 is the first after the point), for 1 <= i <= 1152. */
static uint64_t bits_from(int i)
{
	int w = (i - 1) / 64, off = (i - 1) % 64;
	if (off == 0)
		return two_over_pi[w];
	return two_over_pi[w] << off | two_over_pi[w + 1] >> (64 - off);
}

/* Bit b of the 256-bit number p (p[0] the most significant word). */
static int bit_of(const uint64_t p[4], int b)
{
	return (int)(p[3 - b / 64] >> (b % 64)) & 1;
}

/* p <<= k within 256 bits, 0 <= k < 128. */
static void shift_left(uint64_t p[4], int k)
{
	while (k >= 64) {
		p[0] = p[1], p[1] = p[2], p[2] = p[3], p[3] = 0;
		k -= 64;
	}
	if (k == 0)
		return;
	for (int j = 0; j < 3; j++)
		p[j] = p[j] << k | p[j + 1] >> (64 - k);
	p[3] <<= k;
}

/* Fraction bits (192, p[0..2]) as a long double pair, times sign; the bits are 0.p[0]p[1]p[2]. */
static struct ext2 fraction_value(uint64_t p[3], int negative)
{
	int lz = 0;
	while (lz < 128 &&
	       !(p[0] >> 63)) { /* normalise: at most 64 leading zeros occur for doubles */
		p[0] = p[0] << 1 | p[1] >> 63;
		p[1] = p[1] << 1 | p[2] >> 63;
		p[2] <<= 1;
		lz++;
	}
	long double hi = ext_scale((long double)p[0], -64 - lz); /* 64 bits: exact */
	long double lo = ext_scale((long double)p[1], -128 - lz);
	if (negative)
		hi = -hi, lo = -lo;
	return ext_two_sum(hi, lo);
}

/*
 * For finite x: sets *r to x - n pi/2 with |r| <= pi/4 (as hi + lo, to
 * about 120 bits, relative to r) and returns n mod 4.
 */
int __math_rem_pio2(double x, struct ext2 *r)
{
	double a = __builtin_fabs(x);
	if (a <= 0x1.921fb54442d18p-1) { /* |x| <= pi/4: nothing to reduce */
		r->hi = x, r->lo = 0;
		return 0;
	}
	uint64_t u = math_bits(a);
	uint64_t m = (u & ((1ULL << 52) - 1)) | (1ULL << 52);
	int e = (int)(u >> 52) - 1075; /* a = m 2^e; e >= -53 here */
	int s = e - 1 >= 1 ? e - 1 : 1;
	uint64_t w[3] = {bits_from(s), bits_from(s + 64), bits_from(s + 128)};

	/* p = m * w, 245 bits, least significant word first */
	uint64_t p[4];
	unsigned __int128 t = (unsigned __int128)m * w[2];
	p[3] = (uint64_t)t;
	t = (unsigned __int128)m * w[1] + (uint64_t)(t >> 64);
	p[2] = (uint64_t)t;
	t = (unsigned __int128)m * w[0] + (uint64_t)(t >> 64);
	p[1] = (uint64_t)t;
	p[0] = (uint64_t)(t >> 64);

	/* x * 2/pi = p * 2^-F: the integer part's low two bits, then the fraction at the top */
	int F = s + 191 - e;
	int n = bit_of(p, F) | bit_of(p, F + 1) << 1;
	shift_left(p, 256 - F);
	int negative = 0;
	if (p[0] >> 63) { /* fraction >= 1/2: take n + 1 and the fraction - 1 */
		n++;
		negative = 1;
		p[2] = ~p[2] + 1; /* 2^192 - fraction (two's complement of 192 bits) */
		p[1] = ~p[1] + (p[2] == 0);
		p[0] = ~p[0] + (p[2] == 0 && p[1] == 0);
	}
	struct ext2 f = fraction_value(p, negative);
	struct ext2 pio2 = {PIO2_HI, PIO2_LO};
	*r = ext2_mul(f, pio2);
	if (x < 0) {
		r->hi = -r->hi, r->lo = -r->lo;
		n = -n;
	}
	return n & 3;
}
