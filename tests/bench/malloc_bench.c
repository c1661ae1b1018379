/*
 * malloc_bench.c - single-threaded malloc/free/realloc workloads, the same
 * program built against every allocator that tools/bench-malloc.py
 * compares (glibc, musl, jemalloc, mimalloc, tcmalloc, Interlude's libc).
 *
 *   malloc_bench WORKLOAD [SCALE] [tsc]
 *
 * WORKLOAD is one of the names below or "all" (every workload in turn, in
 * one process: used under QEMU, where each boot is expensive). SCALE (a
 * decimal, default 1) multiplies the number of operations; at 1 each
 * workload takes roughly 0.2-0.5 s with glibc's malloc on the reference
 * machine. "tsc" times with rdtsc instead of clock_gettime (under QEMU
 * with -icount shift=0 one tick is one guest instruction).
 *
 * Each workload prints one line:
 *
 *   workload NAME ops N time_ns T checksum C maxrss_kb R
 *
 * "ops" counts allocation calls (malloc or realloc); every block is freed
 * again inside the timed region, so an op is one allocation plus its share
 * of frees. If clock_gettime fails (Interlude has no clock yet: -ENOSYS)
 * or "tsc" is given, "time_ns T" becomes "ticks T" (rdtsc). maxrss_kb is
 * the peak RSS of the process so far: VmHWM from /proc/self/status, else
 * getrusage(RUSAGE_SELF).ru_maxrss, else -1 (see maxrss_kb()).
 *
 * Fairness: every allocator sees the same sequence of requests (a
 * xorshift PRNG with a fixed seed), and every block is written (one byte
 * per cache line, per page for the large workload, and its last byte) and
 * read back into the checksum before it is freed, so an allocator gains
 * nothing from memory it never has to provide. The checksum depends only
 * on the sequence, never on the addresses: it must be the same for every
 * allocator (tools/bench-malloc.py checks it) and so also tests them.
 *
 * From the C library it uses malloc, free and realloc only. Clock, rusage,
 * /proc, output and the power-off are raw x86-64 Linux system calls (Interlude
 * implements the same ABI), so that the program builds unchanged against
 * any libc, including an unfinished one. When it runs as pid 1 on Linux
 * (as /init of tools/linux-bench-kernel.py) it powers the machine off at
 * the end, since an /init that exits panics the kernel.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#if !defined(__x86_64__)
#error "malloc_bench.c uses x86-64 Linux system calls and rdtsc"
#endif

/* ---- system calls, output ------------------------------------------------ */

#define SYS_READ 0
#define SYS_WRITE 1
#define SYS_OPEN 2
#define SYS_CLOSE 3
#define SYS_IOCTL 16
#define SYS_GETPID 39
#define SYS_UNAME 63
#define SYS_GETRUSAGE 98
#define SYS_REBOOT 169
#define SYS_CLOCK_GETTIME 228
#define SYS_EXIT_GROUP 231

static long sc(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;
	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "0"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return r;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static char obuf[512];
static size_t olen;

static void out_flush(void)
{
	size_t off = 0;
	while (off < olen) {
		long r = sc(SYS_WRITE, 1, (long)(obuf + off), (long)(olen - off), 0);
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	olen = 0;
}

static void out_s(const char *s)
{
	while (*s) {
		if (olen == sizeof obuf)
			out_flush();
		obuf[olen++] = *s++;
	}
}

static void out_u(uint64_t v)
{
	char t[24];
	int i = 0;
	do
		t[i++] = (char)('0' + v % 10);
	while (v /= 10);
	char s[24];
	int j = 0;
	while (i)
		s[j++] = t[--i];
	s[j] = 0;
	out_s(s);
}

static void out_i(int64_t v)
{
	if (v < 0) {
		out_s("-");
		out_u((uint64_t)-v);
	} else {
		out_u((uint64_t)v);
	}
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* ---- timing ---------------------------------------------------------------- */

static int use_tsc;

struct ts {
	int64_t sec, nsec;
};

static uint64_t now(void)
{
	if (!use_tsc) {
		struct ts t;
		if (sc(SYS_CLOCK_GETTIME, 1 /* CLOCK_MONOTONIC */, (long)&t, 0, 0) == 0)
			return (uint64_t)t.sec * 1000000000u + (uint64_t)t.nsec;
		use_tsc = 1; /* -ENOSYS (Interlude): guest ticks from now on */
	}
	return rdtsc();
}

/*
 * Peak RSS in KiB. Linux's getrusage(RUSAGE_SELF).ru_maxrss carries over
 * the peak of the process image before execve (a runner written in
 * Python passes on its ~13 MiB), so /proc/self/status's VmHWM (the
 * high-water mark of this address space only) is preferred; getrusage
 * where there is no /proc (Interlude), -1 where neither works.
 */
static int64_t maxrss_kb(void)
{
	static char buf[4096];
	long fd = sc(SYS_OPEN, (long)"/proc/self/status", 0 /* O_RDONLY */, 0, 0);
	if (fd >= 0) {
		long n = 0, r;
		while (n < (long)sizeof buf - 1 &&
		       (r = sc(SYS_READ, fd, (long)(buf + n), (long)sizeof buf - 1 - n, 0)) > 0)
			n += r;
		sc(SYS_CLOSE, fd, 0, 0, 0);
		buf[n < 0 ? 0 : n] = 0;
		for (char *p = buf; *p; p++) {
			if ((p == buf || p[-1] == '\n') && p[0] == 'V' && p[1] == 'm' && p[2] == 'H' &&
			    p[3] == 'W' && p[4] == 'M' && p[5] == ':') {
				int64_t v = 0;
				for (p += 6; *p == ' ' || *p == '\t'; p++)
					;
				for (; *p >= '0' && *p <= '9'; p++)
					v = v * 10 + (*p - '0');
				return v;
			}
		}
	}
	long ru[18]; /* struct rusage: 2 timevals + 14 longs */
	if (sc(SYS_GETRUSAGE, 0 /* RUSAGE_SELF */, (long)ru, 0, 0) != 0)
		return -1;
	return ru[4]; /* ru_maxrss, KiB */
}

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

static void oom(size_t n)
{
	out_s("malloc_bench: allocation of ");
	out_u(n);
	out_s(" bytes failed\n");
	out_flush();
	sc(SYS_EXIT_GROUP, 3, 0, 0, 0);
}

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
		oom(n);
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
			oom(n);
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

static const struct {
	const char *name;
	uint64_t (*fn)(double);
} workloads[] = {
	{"lifo", w_lifo},
	{"random", w_random},
	{"realloc", w_realloc},
	{"large", w_large},
	{"fifo", w_fifo},
	{"frag", w_frag},
};
#define NWORK (sizeof workloads / sizeof workloads[0])

static void run(size_t w, double scale)
{
	rng_seed(0x1234567 + w);
	checksum = 0;
	uint64_t t0 = now();
	uint64_t ops = workloads[w].fn(scale);
	uint64_t t1 = now();
	out_s("workload ");
	out_s(workloads[w].name);
	out_s(" ops ");
	out_u(ops);
	out_s(use_tsc ? " ticks " : " time_ns ");
	out_u(t1 - t0);
	out_s(" checksum ");
	out_u(checksum);
	out_s(" maxrss_kb ");
	out_i(maxrss_kb());
	out_s("\n");
	out_flush();
}

/* "0.05" -> 0.05, without strtod (an unfinished libc may lack it). */
static double parse_scale(const char *s)
{
	double v = 0, f = 0;
	int ok = 0;
	for (; *s >= '0' && *s <= '9'; s++, ok = 1)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (f = 0.1, s++; *s >= '0' && *s <= '9'; s++, f /= 10, ok = 1)
			v += (*s - '0') * f;
	return ok && !*s && v > 0 ? v : -1;
}

static void usage(int argc, char **argv)
{
	out_s("malloc_bench: arguments:");
	for (int i = 1; i < argc; i++) {
		out_s(" '");
		out_s(argv[i]);
		out_s("'");
	}
	out_s("\nusage: malloc_bench WORKLOAD|all [SCALE] [tsc]\nworkloads:");
	for (size_t w = 0; w < NWORK; w++) {
		out_s(" ");
		out_s(workloads[w].name);
	}
	out_s("\n");
	out_flush();
}

static int is_workload(const char *s)
{
	for (size_t w = 0; w < NWORK; w++)
		if (streq(s, workloads[w].name))
			return 1;
	return 0;
}

/* As Linux's pid 1: drain the console and power off (never returns). */
static void maybe_power_off(void)
{
	struct {
		char sysname[65], rest[5 * 65];
	} u;
	if (sc(SYS_GETPID, 0, 0, 0, 0) != 1 || sc(SYS_UNAME, (long)&u, 0, 0, 0) != 0 ||
	    !streq(u.sysname, "Linux"))
		return;
	sc(SYS_IOCTL, 1, 0x5409 /* TCSBRK */, 1, 0);
	sc(SYS_REBOOT, 0xfee1dead, 672274793, 0x4321fedc /* POWER_OFF */, 0);
	for (;;)
		;
}

int main(int argc, char **argv)
{
	/* As Linux's /init, the kernel passes on the command-line words it does
	 * not know (e.g. "nokaslr") before those after "--": skip them. */
	int a = 1;
	if (sc(SYS_GETPID, 0, 0, 0, 0) == 1)
		while (a < argc && !streq(argv[a], "all") && !is_workload(argv[a]))
			a++;
	const char *name = a < argc ? argv[a] : "";
	double scale = a + 1 < argc ? parse_scale(argv[a + 1]) : 1.0;
	if (a + 2 < argc && streq(argv[a + 2], "tsc"))
		use_tsc = 1;
	int status = 0;
	if (scale <= 0) {
		usage(argc, argv);
		status = 2;
	} else if (streq(name, "all")) {
		for (size_t w = 0; w < NWORK; w++)
			run(w, scale);
		out_s("malloc_bench done\n");
		out_flush();
	} else {
		size_t w = 0;
		while (w < NWORK && !streq(name, workloads[w].name))
			w++;
		if (w < NWORK) {
			run(w, scale);
		} else {
			usage(argc, argv);
			status = 2;
		}
	}
	maybe_power_off();
	return status;
}
