/*
 * malloc_bench_workloads.c - the six workloads of the malloc benchmark:
 * the requests each makes, the PRNG that chooses them and the checksum
 * of what is read back. The harness that times and reports them is
 * malloc_bench.c (usage and output format there).
 *
 * Fairness: every allocator sees the same sequence of requests (a
 * xorshift PRNG with a fixed seed per workload), and every block is
 * written (one byte per cache line, per page for the large workload, and
 * its last byte) and read back into the checksum before it is freed, so
 * an allocator gains nothing from memory it never has to provide. The
 * checksum depends only on the sequence, never on the addresses: it must
 * be the same for every allocator (tools/bench-malloc.py checks it) and
 * so also tests them.
 *
 * Plain C with malloc, free and realloc only: nothing here depends on
 * the C library or the machine. The PRNG state and the checksum stay
 * static to this file; the harness reaches them through
 * mb_workload_begin() and mb_checksum().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "malloc_bench.h"

/* ---- PRNG, touching ------------------------------------------------------ */

static uint64_t rng_state;

static void rng_seed(uint64_t s)
{
	rng_state = s ? s : 0x9e3779b97f4a7c15u;
}

static inline uint64_t rng(void) /* xorshift64* */
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1du;
}

static inline size_t rng_range(size_t lo, size_t hi) /* [lo, hi] */
{
	return lo + (size_t)(rng() % (hi - lo + 1));
}

static uint64_t checksum;

/* Writes tag at every step-th byte of [from, n) and at the last byte. */
static inline void touch(unsigned char *p, size_t from, size_t n, size_t step, unsigned char tag)
{
	for (size_t i = from; i < n; i += step)
		p[i] = tag;
	p[n - 1] = tag;
}

/* Reads back the first and the last byte (both written by touch). */
static inline void check(const unsigned char *p, size_t n)
{
	checksum = checksum * 31 + p[0] + ((uint64_t)p[n - 1] << 8);
}

static inline void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		mb_oom(n);
	return p;
}

/* ---- the workloads ------------------------------------------------------- */

/* Each returns the number of operations (allocation calls) it made. */

/* Same-size LIFO churn: a stack of 1000 64-byte blocks filled and emptied
 * (37,500 times at scale 1). */
static uint64_t w_lifo(double scale)
{
	enum { DEPTH = 1000, SIZE = 64 };
	uint64_t rounds = (uint64_t)(37500 * scale) + 1;
	unsigned char **stack = xmalloc(DEPTH * sizeof *stack);
	for (uint64_t r = 0; r < rounds; r++) {
		unsigned char tag = (unsigned char)r;
		for (int i = 0; i < DEPTH; i++) {
			unsigned char *p = xmalloc(SIZE);
			touch(p, 0, SIZE, 64, tag);
			stack[i] = p;
		}
		for (int i = DEPTH - 1; i >= 0; i--) {
			check(stack[i], SIZE);
			free(stack[i]);
		}
	}
	free(stack);
	return rounds * DEPTH + 1;
}

/* Random sizes 8-512 B, a large random live set: 128 Ki slots (about
 * 34 MiB live), each op frees a random slot's block and allocates anew. */
static uint64_t w_random(double scale)
{
	enum { SLOTS = 1 << 17 };
	uint64_t ops = (uint64_t)(2500000 * scale) + 1;
	unsigned char **slot = xmalloc(SLOTS * sizeof *slot);
	uint32_t *len = xmalloc(SLOTS * sizeof *len);
	for (size_t i = 0; i < SLOTS; i++) {
		size_t n = rng_range(8, 512);
		slot[i] = xmalloc(n);
		len[i] = (uint32_t)n;
		touch(slot[i], 0, n, 64, (unsigned char)i);
	}
	for (uint64_t k = 0; k < ops; k++) {
		size_t i = (size_t)(rng() % SLOTS);
		check(slot[i], len[i]);
		free(slot[i]);
		size_t n = rng_range(8, 512);
		slot[i] = xmalloc(n);
		len[i] = (uint32_t)n;
		touch(slot[i], 0, n, 64, (unsigned char)k);
	}
	for (size_t i = 0; i < SLOTS; i++) {
		check(slot[i], len[i]);
		free(slot[i]);
	}
	free(slot);
	free(len);
	return ops + SLOTS + 2;
}

/* realloc growth: 256 buffers, each grown by 1-256 bytes at a time (a
 * string builder) up to a random limit of 4-256 KiB, then freed and
 * started again. The grown part is written; the old part is checked. */
static uint64_t w_realloc(double scale)
{
	enum { BUFS = 256 };
	uint64_t ops = (uint64_t)(700000 * scale) + 1;
	unsigned char **buf = xmalloc(BUFS * sizeof *buf);
	size_t *len = xmalloc(BUFS * sizeof *len);
	size_t *lim = xmalloc(BUFS * sizeof *lim);
	for (size_t i = 0; i < BUFS; i++) {
		buf[i] = NULL;
		len[i] = 0;
		lim[i] = rng_range(4096, 262144);
	}
	for (uint64_t k = 0; k < ops; k++) {
		size_t i = (size_t)(rng() % BUFS);
		size_t old = len[i], n = old + rng_range(1, 256);
		unsigned char *p = realloc(buf[i], n);
		if (!p)
			mb_oom(n);
		if (old)
			check(p, old);
		/* continue the cache-line grid of the buffer, then the last byte */
		touch(p, (old + 63) & ~(size_t)63, n, 64, (unsigned char)i);
		buf[i] = p;
		len[i] = n;
		if (n >= lim[i]) {
			check(p, n);
			free(p);
			buf[i] = NULL;
			len[i] = 0;
			lim[i] = rng_range(4096, 262144);
		}
	}
	for (size_t i = 0; i < BUFS; i++) {
		if (buf[i])
			check(buf[i], len[i]);
		free(buf[i]);
	}
	free(buf);
	free(len);
	free(lim);
	return ops + 3;
}

/* Large blocks, 64 KiB - 4 MiB (log-uniform), 16 live: each op frees a
 * random one and allocates anew, writing one byte per 4 KiB page. */
static uint64_t w_large(double scale)
{
	enum { LIVE = 16 };
	uint64_t ops = (uint64_t)(6000 * scale) + 1;
	unsigned char *slot[LIVE];
	size_t len[LIVE];
	for (size_t i = 0; i < LIVE; i++) {
		size_t n = (size_t)65536 << rng_range(0, 5);
		n += (size_t)(rng() % n); /* 64 KiB << [0, 6) plus up to as much again */
		if (n > (4u << 20))
			n = 4u << 20;
		slot[i] = xmalloc(n);
		len[i] = n;
		touch(slot[i], 0, n, 4096, (unsigned char)i);
	}
	for (uint64_t k = 0; k < ops; k++) {
		size_t i = (size_t)(rng() % LIVE);
		check(slot[i], len[i]);
		free(slot[i]);
		size_t n = (size_t)65536 << rng_range(0, 5);
		n += (size_t)(rng() % n);
		if (n > (4u << 20))
			n = 4u << 20;
		slot[i] = xmalloc(n);
		len[i] = n;
		touch(slot[i], 0, n, 4096, (unsigned char)k);
	}
	for (size_t i = 0; i < LIVE; i++) {
		check(slot[i], len[i]);
		free(slot[i]);
	}
	return ops + LIVE;
}

/* FIFO frees: a queue of 20,000 blocks of 16-256 B; each op allocates at
 * the tail and frees the oldest at the head. */
static uint64_t w_fifo(double scale)
{
	enum { Q = 20000 };
	uint64_t ops = (uint64_t)(16000000 * scale) + 1;
	unsigned char **q = xmalloc(Q * sizeof *q);
	uint16_t *len = xmalloc(Q * sizeof *len);
	size_t head = 0, count = 0;
	for (uint64_t k = 0; k < ops; k++) {
		if (count == Q) {
			check(q[head], len[head]);
			free(q[head]);
			head = head + 1 == Q ? 0 : head + 1;
			count--;
		}
		size_t tail = head + count;
		if (tail >= Q)
			tail -= Q;
		size_t n = rng_range(16, 256);
		q[tail] = xmalloc(n);
		len[tail] = (uint16_t)n;
		touch(q[tail], 0, n, 64, (unsigned char)k);
		count++;
	}
	while (count) {
		check(q[head], len[head]);
		free(q[head]);
		head = head + 1 == Q ? 0 : head + 1;
		count--;
	}
	free(q);
	free(len);
	return ops + 2;
}

/* Fragmentation-adversarial: each round allocates 4 MiB in blocks of one
 * size class (16, 32, ... 2048 B, cycling, with +-25% jitter), then frees
 * all but every 16th block; the survivors live four rounds more. The holes
 * a round leaves are the wrong size for the next round's blocks, and the
 * survivors pin the pages they are in: an allocator that neither
 * coalesces nor reuses pages across sizes grows its footprint. */
static uint64_t w_frag(double scale)
{
	enum { ROUND_BYTES = 4 << 20, KEEP_EVERY = 16, KEEP_ROUNDS = 4, MAXN = ROUND_BYTES / 12 };
	uint64_t rounds = (uint64_t)(128 * scale) + 1;
	unsigned char **blk = xmalloc(MAXN * sizeof *blk);
	uint16_t *blen = xmalloc(MAXN * sizeof *blen);
	unsigned char **surv[KEEP_ROUNDS];
	uint16_t *slen[KEEP_ROUNDS];
	size_t scount[KEEP_ROUNDS];
	for (int s = 0; s < KEEP_ROUNDS; s++) {
		surv[s] = xmalloc((MAXN / KEEP_EVERY + 1) * sizeof *surv[s]);
		slen[s] = xmalloc((MAXN / KEEP_EVERY + 1) * sizeof *slen[s]);
		scount[s] = 0;
	}
	uint64_t ops = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		size_t base = (size_t)16 << (r % 8);
		size_t nblk = 0, bytes = 0;
		while (bytes < ROUND_BYTES && nblk < MAXN) {
			size_t n = rng_range(base - base / 4, base + base / 4);
			unsigned char *p = xmalloc(n);
			touch(p, 0, n, 64, (unsigned char)nblk);
			blk[nblk] = p;
			blen[nblk] = (uint16_t)n;
			nblk++;
			bytes += n;
		}
		ops += nblk;
		/* this round's survivors replace those of four rounds ago */
		int s = (int)(r % KEEP_ROUNDS);
		for (size_t i = 0; i < scount[s]; i++) {
			check(surv[s][i], slen[s][i]);
			free(surv[s][i]);
		}
		scount[s] = 0;
		for (size_t i = 0; i < nblk; i++) {
			if (i % KEEP_EVERY == KEEP_EVERY - 1) {
				surv[s][scount[s]] = blk[i];
				slen[s][scount[s]++] = blen[i];
			} else {
				check(blk[i], blen[i]);
				free(blk[i]);
			}
		}
	}
	for (int s = 0; s < KEEP_ROUNDS; s++) {
		for (size_t i = 0; i < scount[s]; i++) {
			check(surv[s][i], slen[s][i]);
			free(surv[s][i]);
		}
		free(surv[s]);
		free(slen[s]);
	}
	free(blk);
	free(blen);
	return ops + 2 + 2 * KEEP_ROUNDS;
}

const struct mb_workload mb_workloads[] = {
    {"lifo", w_lifo},	{"random", w_random}, {"realloc", w_realloc},
    {"large", w_large}, {"fifo", w_fifo},     {"frag", w_frag},
};
const size_t mb_nworkloads = sizeof mb_workloads / sizeof mb_workloads[0];

void mb_workload_begin(size_t w)
{
	rng_seed(0x1234567 + w);
	checksum = 0;
}

uint64_t mb_checksum(void)
{
	return checksum;
}
