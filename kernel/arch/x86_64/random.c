/*
 * random.c - random bytes for programs: a xoshiro256** generator whose
 * state is stirred with the CPU's RDRAND (where CPUID says it has one)
 * and the time stamp counter on every call.
 *
 * Theory of operation. xoshiro256** is a small, fast generator with a
 * 256-bit state and good statistical quality, but it is not
 * cryptographic: its state can be recovered from its output. Mixing in
 * RDRAND (a hardware generator; QEMU's TCG supplies one from the host)
 * each call makes the output as good as RDRAND's where it exists; on a
 * CPU without it only the TSC's jitter is added, which is enough for
 * hash-table seeds and stack canaries in a teaching kernel, and not for
 * keys. Interlude says so in docs/SYSCALLS.md (getrandom).
 */
#include "arch/x86_64/random.h"
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "lib/string.h"

static uint64_t state[4];
static bool seeded, has_rdrand;

/* Returns x rotated left by k bits. */
static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* The generator's next 64 bits (xoshiro256**). */
static uint64_t next(void)
{
	uint64_t result = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;
	state[2] ^= state[0];
	state[3] ^= state[1];
	state[1] ^= state[2];
	state[0] ^= state[3];
	state[2] ^= t;
	state[3] = rotl(state[3], 45);
	return result;
}

/* 64 bits of the hardware generator, or of the TSC without one. */
static uint64_t entropy(void)
{
	uint64_t v = 0;
	unsigned char ok = 0;
	if (has_rdrand)
		__asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
	return (ok ? v : 0) ^ (rdtsc() * 0x9e3779b97f4a7c15ull);
}

/* Mixes fresh entropy into the state (the first time: seeds it). */
static void stir(void)
{
	if (!seeded) {
		uint32_t a, b, c, d;
		cpuid(1, 0, &a, &b, &c, &d);
		has_rdrand = c & (1u << 30);
		state[0] = 0x243f6a8885a308d3ull; /* digits of pi: never all zero */
		seeded = true;
	}
	for (int i = 0; i < 4; i++)
		state[i] ^= entropy();
	if (!(state[0] | state[1] | state[2] | state[3]))
		state[0] = 1;
	for (int i = 0; i < 8; i++)
		(void)next();
}

void random_fill(void *buf, size_t n)
{
	stir();
	uint8_t *out = buf;
	while (n) {
		uint64_t v = next();
		size_t k = n < sizeof v ? n : sizeof v;
		memcpy(out, &v, k);
		out += k;
		n -= k;
	}
}
