/*
 * rand.c - a deterministic pseudo-random sequence: a 64-bit linear
 * congruential generator (Knuth's MMIX constants) whose top 31 bits are
 * the result. srand(1), like no srand at all, starts the same sequence.
 * It is not glibc's sequence (glibc's rand is an additive feedback
 * generator over 34 words): a program must not expect glibc's numbers
 * from rand() here. rand_r's sequence is glibc's.
 */
#include <stdint.h>
#include <stdlib.h>

static uint64_t state;

/* Starts the sequence for seed (the same seed, the same sequence). */
void srand(unsigned seed)
{
	state = seed - 1;
}

/* The next number of the sequence, in 0..RAND_MAX. */
int rand(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(state >> 33);
}

/*
 * rand_r: a generator whose whole state is the caller's *seed, so it can
 * be used by several users independently. Each call makes three steps of
 * the linear congruential generator seed = seed * 1103515245 + 12345
 * (mod 2^32) and keeps bits 16..26 of the first and 16..25 of the other
 * two: 11 + 10 + 10 = 31 bits. This is the sequence glibc's rand_r gives
 * for the same seed.
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
