/*
 * rand.c - a deterministic pseudo-random sequence: a 64-bit linear
 * congruential generator (Knuth's MMIX constants) whose top 31 bits are
 * the result. srand(1), like no srand at all, starts the same sequence.
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
