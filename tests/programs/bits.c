/*
 * bits.c - bit manipulation: counting, reversing, rotating, testing powers
 * of two, and printing in hexadecimal, octal and binary.
 * args: 0xdeadbeef 255 -1 1024 0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Returns the number of bits set in x (Kernighan: each step clears one). */
static int popcount(uint32_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Returns x with its 32 bits in the opposite order. */
static uint32_t reverse(uint32_t x)
{
	uint32_t r = 0;
	for (int i = 0; i < 32; i++, x >>= 1)
		r = (r << 1) | (x & 1);
	return r;
}

/* Returns x rotated left by n bits (n taken mod 32, no undefined shift). */
static uint32_t rotl(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x << n) | (x >> (32 - n)) : x;
}

static void binary(uint32_t x)
{
	for (int i = 31; i >= 0; i--)
		putchar(x >> i & 1 ? '1' : '0');
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		uint32_t x = (uint32_t)strtoul(argv[i], NULL, 0);
		printf("%s: %u = %#x = %#o = %08X\n  ", argv[i], x, x, x, x);
		binary(x);
		printf("\n  %d bits set, reversed %#010x, rotl 8 %08x, lowest bit %#x\n",
		       popcount(x), reverse(x), rotl(x, 8), x & -x);
		printf("  %s a power of two, bytes swapped %x, high half %hx, signed %d\n",
		       x && !(x & (x - 1)) ? "is" : "is not",
		       (x >> 24) | (x >> 8 & 0xff00) | (x << 8 & 0xff0000) | (x << 24),
		       (unsigned short)(x >> 16), (int32_t)x);
	}
	uint64_t big = 0x0123456789abcdefULL;
	printf("64 bits: %#llx >> 4 = %llx, ~ = %llX, %lld\n", (unsigned long long)big,
	       (unsigned long long)(big >> 4), (unsigned long long)~big, (long long)~big);
	return 0;
}
