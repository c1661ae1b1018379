/*
 * rand48.c - POSIX's 48-bit generators: drand48, erand48, lrand48,
 * nrand48, mrand48, jrand48, srand48, seed48, lcong48. POSIX fixes the
 * arithmetic, so every C library gives the same numbers:
 *
 *   X(n+1) = (a * X(n) + c) mod 2^48,  a = 0x5DEECE66D, c = 0xB
 *
 * drand48 returns X / 2^48 (in [0, 1)), lrand48 its top 31 bits, mrand48
 * its top 32 bits as a signed number. The e/n/j forms keep X in the
 * caller's three 16-bit words (low word first); the others in one state
 * here, which before any seeding is X = 0, as in glibc. srand48 sets the
 * top 32 bits of X and 0x330E below; seed48 sets all 48 bits and returns
 * the old ones; lcong48 also replaces a and c (until srand48 or seed48).
 */
#include <stdlib.h>

#define MASK48 ((1ull << 48) - 1)
#define A_DEFAULT 0x5DEECE66Dull
#define C_DEFAULT 0xBu

static unsigned short state[3];
static unsigned long long mult = A_DEFAULT;
static unsigned short addend = C_DEFAULT;

/* The 48-bit number in x[0..3), low word first. */
static unsigned long long get48(const unsigned short x[3])
{
	return (unsigned long long)x[0] | (unsigned long long)x[1] << 16 |
	       (unsigned long long)x[2] << 32;
}

static void put48(unsigned short x[3], unsigned long long v)
{
	x[0] = (unsigned short)v;
	x[1] = (unsigned short)(v >> 16);
	x[2] = (unsigned short)(v >> 32);
}

/* Steps the generator kept in x; its new value. */
static unsigned long long step(unsigned short x[3])
{
	unsigned long long v = (mult * get48(x) + addend) & MASK48;
	put48(x, v);
	return v;
}

double erand48(unsigned short x[3])
{
	return (double)step(x) / (double)(1ull << 48); /* exact: 48 bits fit a double */
}

double drand48(void)
{
	return erand48(state);
}

long nrand48(unsigned short x[3])
{
	return (long)(step(x) >> 17);
}

long lrand48(void)
{
	return nrand48(state);
}

long jrand48(unsigned short x[3])
{
	return (long)(int)(unsigned)(step(x) >> 16);
}

long mrand48(void)
{
	return jrand48(state);
}

void srand48(long seed)
{
	put48(state, (unsigned long long)(unsigned)seed << 16 | 0x330E);
	mult = A_DEFAULT;
	addend = C_DEFAULT;
}

unsigned short *seed48(unsigned short seed[3])
{
	static unsigned short old[3];
	old[0] = state[0], old[1] = state[1], old[2] = state[2];
	state[0] = seed[0], state[1] = seed[1], state[2] = seed[2];
	mult = A_DEFAULT;
	addend = C_DEFAULT;
	return old;
}

void lcong48(unsigned short param[7])
{
	state[0] = param[0], state[1] = param[1], state[2] = param[2];
	mult = get48(param + 3);
	addend = param[6];
}
