/*
 * rand.c - pseudo-random numbers with glibc's sequences: rand/srand (and
 * random/srandom, the same) give the numbers glibc's give for the same
 * seed, and so does rand_r.
 *
 * rand is an additive lagged Fibonacci generator: r[i] = r[i-31] + r[i-3]
 * (mod 2^32), each output being r[i] >> 1 (31 bits, 0..RAND_MAX). srand
 * fills r[0..33] from the seed with the "minimal standard" generator
 * r[i] = 16807 r[i-1] mod (2^31 - 1), copies r[0..2] to r[31..33], and
 * throws the first 310 outputs away: they still show the seed's pattern.
 * No srand at all, like srand(0), is srand(1).
 */
#include <stdint.h>
#include <stdlib.h>

#define LAG_LONG 31
#define LAG_SHORT 3
#define WORDS 34 /* the ring of the last values needed */
#define DISCARD 310

static uint32_t ring[WORDS];
static unsigned next; /* where r[i], the next value, goes: i mod WORDS */
static int seeded;

/* r[i] = r[i - 31] + r[i - 3]; returns it. (The place is kept mod WORDS,
 * not as a count of values, which would wrap after 2^32 of them at a
 * multiple of no ring size but a power of two.) */
static uint32_t step(void)
{
	uint32_t v =
	    ring[(next + WORDS - LAG_LONG) % WORDS] + ring[(next + WORDS - LAG_SHORT) % WORDS];
	ring[next] = v;
	next = next + 1 == WORDS ? 0 : next + 1;
	return v;
}

/* Starts the sequence for seed (the same seed, the same sequence). */
void srand(unsigned seed)
{
	int32_t r = (int32_t)(seed ? seed : 1); /* glibc keeps the seed as a signed 32-bit word */
	ring[0] = (uint32_t)r;
	for (int i = 1; i < LAG_LONG; i++) {
		int64_t v = (16807 * (int64_t)r) % 2147483647;
		r = (int32_t)(v < 0 ? v + 2147483647 : v);
		ring[i] = (uint32_t)r;
	}
	for (int i = LAG_LONG; i < WORDS; i++)
		ring[i] = ring[i - LAG_LONG];
	next = 0; /* r[34] goes where r[0] was */
	for (int i = 0; i < DISCARD; i++)
		step();
	seeded = 1;
}

/* The next number of the sequence, in 0..RAND_MAX. */
int rand(void)
{
	if (!seeded)
		srand(1);
	return (int)(step() >> 1);
}

/* POSIX's random and srandom: in glibc, the same generator and state as
 * rand and srand (rand is random cut to int), so here too. */
long random(void)
{
	return rand();
}

void srandom(unsigned seed)
{
	srand(seed);
}

/*
 * rand_r: a generator whose whole state is the caller's *seed, so it can
 * be used by several users independently. Each call makes three steps of
 * the linear congruential generator seed = seed * 1103515245 + 12345
 * (mod 2^32) and keeps bits 16..26 of the first and 16..25 of the other
 * two: 11 + 10 + 10 = 31 bits. This is the sequence glibc's rand_r gives
 * for the same seed (not rand's: rand_r has only the seed for state).
 */
int rand_r(unsigned *seed)
{
	unsigned next = *seed;
	unsigned result;
	next = next * 1103515245u + 12345u;
	result = (next >> 16) & 0x7ff;
	next = next * 1103515245u + 12345u;
	result = result << 10 ^ ((next >> 16) & 0x3ff);
	next = next * 1103515245u + 12345u;
	result = result << 10 ^ ((next >> 16) & 0x3ff);
	*seed = next;
	return (int)result;
}
