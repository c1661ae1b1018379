/*
 * replay.c - the malloc lab's driver: replays a trace of mallocs, frees and
 * reallocs on the allocator it is linked with, checks every answer, and
 * measures the allocator (docs/labs/malloc.md).
 *
 *   replay TRACE [PASSES]  (TRACE: a built-in trace, from traces.c, which
 *                           is generated from tests/labs/malloc/traces/
 *                           NAME.rep; or the path of a .rep file)
 *
 * One trace per process, so that each starts on an allocator that has
 * never been called; the driver's own arrays are mmapped, not malloced.
 * It prints one line:
 *
 *   replay NAME ok ops=N peak=P heap=H instructions=I ns=T [rss=R]
 *   replay NAME FAIL op K (line L of NAME.rep): what went wrong
 *
 * The first pass checks: every pointer is 16-byte aligned (alignment()),
 * no block overlaps another live block, and no payload is changed by the
 * allocator (each block is filled with a pattern of its id, and the
 * pattern is checked before a free, around a realloc, and at the end;
 * realloc must keep the old contents up to the smaller size). It measures
 * peak, the largest total of live payload bytes, and heap, the largest
 * memory the allocator held at any time: how far the break moved up from
 * where it was, plus the bytes in its own mmaps as its mallinfo2() says
 * (0 for an allocator on sbrk alone). Utilisation is peak / heap.
 *
 * Where the kernel counts resident pages exactly (Linux), rss is how far
 * the process's resident memory rose over the pass, at its highest of
 * 1,000 samples: the allocator's memory whatever system calls it uses, so
 * that allocators can be compared (tools/bench-malloc.py's utilisation is
 * peak / rss).
 *
 * Then PASSES passes (1 if not given) replay the same trace with no checks
 * between rdtsc reads; under QEMU's -icount shift=0 rdtsc counts guest
 * instructions, so "instructions" (of the first) is the same on every
 * machine, every run; T is the median wall time of the passes, in ns.
 *
 * The same program is linked with the reference allocator (libc/malloc)
 * and with the student's (libc/malloc-simple); the grader compares them.
 */
#include <fcntl.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The allocator's extra, if it has one (an allocator of a student's may
 * not; a C library may have none at all: built with -DREPLAY_NO_MALLINFO2). */
#ifndef REPLAY_NO_MALLINFO2
#pragma weak mallinfo2
#endif

struct trace_text {
	const char *name, *text;
};
extern const struct trace_text replay_traces[]; /* traces.c; ends with a NULL name */

static const char *driver = "replay"; /* argv[0]: replay-reference, replay-student */

enum { OP_ALLOC, OP_FREE, OP_REALLOC };

struct op {
	unsigned char kind;
	unsigned id;
	size_t size;
};

struct trace {
	const char *name;
	size_t nids, nops;
	struct op *ops;
};

struct live {
	unsigned char *p; /* NULL: not live */
	size_t size;
	unsigned left, right, prio; /* its place in the tree of live blocks (below) */
};

/* Returns the number at *s and moves *s past it and the blanks after it. */
static size_t number(const char **s)
{
	char *end;
	size_t v = strtoul(*s, &end, 10);
	*s = end;
	while (**s == ' ' || **s == '\t' || **s == '\r')
		(*s)++;
	return v;
}

/* Moves *s to the start of the next line. */
static void next_line(const char **s)
{
	while (**s && **s != '\n')
		(*s)++;
	if (**s == '\n')
		(*s)++;
}

/* Returns zeroed memory of n bytes from mmap (never from the allocator
 * under test, whose heap must hold only the trace's blocks), or NULL. */
static void *pages(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Parses a trace in CS:APP's format into t; returns 0, or -1 with why printed. */
static int parse(const char *name, const char *s, struct trace *t)
{
	t->name = name;
	number(&s); /* the suggested heap size: not used */
	next_line(&s);
	t->nids = number(&s);
	next_line(&s);
	t->nops = number(&s);
	next_line(&s);
	number(&s); /* the weight: not used */
	next_line(&s);
	t->ops = pages((t->nops ? t->nops : 1) * sizeof *t->ops);
	if (!t->ops) {
		printf("%s %s FAIL: no memory for %zu operations\n", driver, name, t->nops);
		return -1;
	}
	for (size_t k = 0; k < t->nops; k++) {
		char c = *s;
		struct op *o = &t->ops[k];
		if (c != 'a' && c != 'f' && c != 'r') {
			printf("%s %s FAIL: line %zu of the trace is not an operation\n", driver,
			       name, k + 5);
			return -1;
		}
		s++;
		while (*s == ' ')
			s++;
		o->kind = c == 'a' ? OP_ALLOC : c == 'f' ? OP_FREE : OP_REALLOC;
		o->id = (unsigned)number(&s);
		if (o->kind != OP_FREE)
			o->size = number(&s);
		if (o->id >= t->nids) {
			printf("%s %s FAIL: line %zu: id %u, but the trace has %zu ids\n", driver,
			       name, k + 5, o->id, t->nids);
			return -1;
		}
		next_line(&s);
	}
	return 0;
}

/* Returns the pattern byte k of block id: different for neighbours and ids. */
static unsigned char pattern(unsigned id, size_t k)
{
	return (unsigned char)(id * 37u + k * 11u + 1u);
}

/* Fills bytes [from, size) of block id with its pattern. */
static void fill(unsigned char *p, unsigned id, size_t from, size_t size)
{
	for (size_t k = from; k < size; k++)
		p[k] = pattern(id, k);
}

/* Returns the first byte of [0, size) that is not block id's pattern, or size. */
static size_t first_bad(const unsigned char *p, unsigned id, size_t size)
{
	for (size_t k = 0; k < size; k++)
		if (p[k] != pattern(id, k))
			return k;
	return size;
}

static uintptr_t brk0;

/* Returns the program break as the kernel has it (brk(0) answers it; the
 * libc's sbrk(0) may answer what the libc last saw, and an allocator may
 * move the break with its own system calls). */
static uintptr_t break_now(void)
{
	return (uintptr_t)syscall(SYS_brk, 0);
}

/* Returns the memory the allocator holds now: break growth plus its mmaps. */
static size_t footprint(void)
{
	uintptr_t brk = break_now();
	size_t bytes = brk > brk0 ? brk - brk0 : 0;
#ifndef REPLAY_NO_MALLINFO2
	if (mallinfo2)
		bytes += mallinfo2().hblkhd;
#endif
	return bytes;
}

/* Prints the FAIL line of operation k, saying what went wrong; returns -1. */
__attribute__((format(printf, 3, 4))) static int failed(const struct trace *t, size_t k,
							const char *what, ...)
{
	va_list ap;
	va_start(ap, what);
	printf("%s %s FAIL op %zu (line %zu of %s.rep): ", driver, t->name, k + 1, k + 5, t->name);
	vprintf(what, ap);
	printf("\n");
	va_end(ap);
	return -1;
}

/*
 * The live blocks by address, for the overlap check: a treap (a binary
 * search tree on the address that is also a heap on a random priority, so
 * it stays balanced with no rebalancing rules). Its nodes are the entries
 * of live[], linked by id + 1 (0: none). Because the live blocks never
 * overlap each other, a new block [p, p + n) overlaps one of them if and
 * only if it overlaps the live block with the greatest address below
 * p + n: a check of one block, found in O(log n) steps.
 */
static struct live *live;
static unsigned root;

/* Returns a pseudo-random priority (xorshift: any spread-out numbers do). */
static unsigned priority(void)
{
	static unsigned x = 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* Splits tree t into the nodes below key (*lo) and those at or above it (*hi). */
static void split(unsigned t, const unsigned char *key, unsigned *lo, unsigned *hi)
{
	if (!t) {
		*lo = *hi = 0;
	} else if (live[t - 1].p < key) {
		split(live[t - 1].right, key, &live[t - 1].right, hi);
		*lo = t;
	} else {
		split(live[t - 1].left, key, lo, &live[t - 1].left);
		*hi = t;
	}
}

/* Returns the tree of the nodes of a and b, every key in a below every key in b. */
static unsigned merge(unsigned a, unsigned b)
{
	if (!a || !b)
		return a ? a : b;
	if (live[a - 1].prio > live[b - 1].prio) {
		live[a - 1].right = merge(live[a - 1].right, b);
		return a;
	}
	live[b - 1].left = merge(a, live[b - 1].left);
	return b;
}

/* Adds block id (live[id].p set) to the tree. */
static void tree_add(unsigned id)
{
	unsigned lo, hi;
	live[id].left = live[id].right = 0;
	live[id].prio = priority();
	split(root, live[id].p, &lo, &hi);
	root = merge(merge(lo, id + 1), hi);
}

/* Removes block id from the tree. */
static void tree_drop(unsigned id)
{
	unsigned lo, mid, hi;
	split(root, live[id].p, &lo, &mid);
	split(mid, live[id].p + 1, &mid, &hi); /* mid: block id alone (no two share an address) */
	root = merge(lo, hi);
}

/* Returns -1 (after saying so) if [p, p + size) overlaps a live block in the tree. */
static int overlaps(const struct trace *t, size_t k, unsigned id, const unsigned char *p,
		    size_t size)
{
	const unsigned char *end = p + (size ? size : 1);
	unsigned below = 0; /* the live block with the greatest address below end */
	for (unsigned n = root; n;) {
		if (live[n - 1].p < end) {
			below = n;
			n = live[n - 1].right;
		} else {
			n = live[n - 1].left;
		}
	}
	if (below) {
		const struct live *b = &live[below - 1];
		if (b->p + (b->size ? b->size : 1) > p)
			return failed(t, k, "block %u overlaps the live block %u", id, below - 1);
	}
	return 0;
}

/*
 * Resident memory, where the kernel can count it exactly (Linux's
 * /proc/self/smaps_rollup walks the page tables; its VmRSS and VmHWM are
 * kept in per-CPU counters that may be off by a few hundred KiB). The
 * allocator's real cost, metadata and every page it touched included,
 * whatever system calls it uses: what tools/bench-malloc.py compares
 * across allocators (the heap= figure knows only the break and mallinfo2).
 * The check pass samples it SAMPLES times, evenly, and at its end.
 */
enum { SAMPLES = 1000 };
static size_t sample_every; /* ops between samples; 0: not counted here */
static long rss_peak_kb;

/* Returns the KiB of anonymous memory resident in this process now (the
 * allocator's; not the pages of program code it runs), or -1 if unknown. */
static long resident_kb(void)
{
	char buf[4096];
	int fd = open("/proc/self/smaps_rollup", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	const char *at = strstr(buf, "\nAnonymous:");
	return at ? strtol(at + 11, NULL, 10) : -1;
}

/* Takes a sample of the resident memory into rss_peak_kb. */
static void sample_rss(void)
{
	long kb = resident_kb();
	if (kb > rss_peak_kb)
		rss_peak_kb = kb;
}

/* Returns the alignment a block of size bytes must have: 16, the lab's
 * rule (glibc's and Interlude's); built with -DREPLAY_ALIGN_BY_SIZE, C17's
 * rule, which jemalloc, mimalloc and tcmalloc follow: the alignment of any
 * object that fits, so 8 for a block of 8 bytes (tools/bench-malloc.py). */
static size_t alignment(size_t size)
{
#ifdef REPLAY_ALIGN_BY_SIZE
	size_t a = 1;
	while (a < 16 && a * 2 <= size)
		a *= 2;
	return a;
#else
	(void)size;
	return 16;
#endif
}

/* The checking pass: returns 0 and the peak payload and heap, or -1. */
static int check_pass(const struct trace *t, size_t *peak, size_t *heap)
{
	size_t cur = 0;
	*peak = *heap = 0;
	for (size_t k = 0; k < t->nops; k++) {
		const struct op *o = &t->ops[k];
		struct live *l = &live[o->id];
		if (sample_every && k % sample_every == 0)
			sample_rss();
		if (o->kind == OP_ALLOC && l->p)
			return failed(t, k, "the trace allocates block %u, which is live", o->id);
		if (o->kind != OP_ALLOC && !l->p)
			return failed(t, k, "the trace uses block %u, which is not live", o->id);
		if (o->kind != OP_ALLOC) {
			size_t bad = first_bad(l->p, o->id, l->size);
			if (bad != l->size)
				return failed(t, k,
					      "the payload of block %u was overwritten at byte %zu",
					      o->id, bad);
			tree_drop(o->id); /* while l->p is its key */
		}
		if (o->kind == OP_FREE) {
			free(l->p);
			cur -= l->size;
			l->p = NULL;
			continue;
		}
		unsigned char *p = o->kind == OP_ALLOC ? malloc(o->size) : realloc(l->p, o->size);
		if (!p)
			return failed(t, k, "the allocator returned NULL for block %u of %zu bytes",
				      o->id, o->size);
		if ((uintptr_t)p % alignment(o->size))
			return failed(t, k,
				      "block %u is not %zu-byte aligned (address ends in %zx)",
				      o->id, alignment(o->size), (uintptr_t)p & 15);
		if (o->kind == OP_REALLOC) {
			size_t keep = l->size < o->size ? l->size : o->size;
			size_t bad = first_bad(p, o->id, keep);
			if (bad != keep)
				return failed(t, k,
					      "realloc of block %u lost its contents at byte %zu",
					      o->id, bad);
			cur -= l->size;
		}
		if (overlaps(t, k, o->id, p, o->size))
			return -1;
		fill(p, o->id, o->kind == OP_REALLOC ? (l->size < o->size ? l->size : o->size) : 0,
		     o->size);
		l->p = p;
		l->size = o->size;
		tree_add(o->id);
		cur += o->size;
		if (cur > *peak)
			*peak = cur;
		size_t now = footprint();
		if (now > *heap)
			*heap = now;
	}
	if (sample_every)
		sample_rss();
	for (unsigned j = 0; j < t->nids; j++) {
		if (!live[j].p)
			continue;
		size_t bad = first_bad(live[j].p, j, live[j].size);
		if (bad != live[j].size)
			return failed(t, t->nops - 1,
				      "at the end, block %u was overwritten at byte %zu", j, bad);
		free(live[j].p);
		live[j].p = NULL;
	}
	root = 0;
	return 0;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return (uint64_t)hi << 32 | lo;
}

/* Nanoseconds of the monotonic clock. */
static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The timing pass: the same operations, nothing else; returns the rdtsc
 * ticks taken (guest instructions under -icount) and *ns, the wall time. */
static uint64_t time_pass(const struct trace *t, uint64_t *ns)
{
	uint64_t t0 = now_ns(), start = rdtsc();
	for (size_t k = 0; k < t->nops; k++) {
		const struct op *o = &t->ops[k];
		struct live *l = &live[o->id];
		if (o->kind == OP_ALLOC)
			l->p = malloc(o->size);
		else if (o->kind == OP_REALLOC)
			l->p = realloc(l->p, o->size);
		else {
			free(l->p);
			l->p = NULL;
		}
	}
	uint64_t took = rdtsc() - start;
	*ns = now_ns() - t0;
	for (unsigned j = 0; j < t->nids; j++) { /* what the trace left live, if anything */
		free(live[j].p);
		live[j].p = NULL;
	}
	return took;
}

/* Returns the text of the trace file at path, NUL-terminated, in pages of
 * its own; or NULL, after saying why. */
static char *read_file(const char *name, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	char *text = fd >= 0 && fstat(fd, &st) == 0 ? pages((size_t)st.st_size + 1) : NULL;
	size_t got = 0;
	while (text && got < (size_t)st.st_size) {
		ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (fd >= 0)
		close(fd);
	if (!text || got != (size_t)st.st_size) {
		printf("%s %s FAIL: cannot read %s\n", driver, name, path);
		return NULL;
	}
	return text;
}

/* Returns the text of the trace arg names (a built-in trace, or a .rep
 * file's path) and sets *name to its name; NULL if there is none. */
static const char *trace_text(const char *arg, const char **name)
{
	size_t len = strlen(arg);
	if (strchr(arg, '/') || (len > 4 && strcmp(arg + len - 4, ".rep") == 0)) {
		static char base[256];
		const char *slash = strrchr(arg, '/');
		snprintf(base, sizeof base, "%s", slash ? slash + 1 : arg);
		len = strlen(base);
		if (len > 4 && strcmp(base + len - 4, ".rep") == 0)
			base[len - 4] = 0;
		*name = base;
		return read_file(base, arg);
	}
	const struct trace_text *tt = replay_traces;
	while (tt->name && strcmp(tt->name, arg) != 0)
		tt++;
	*name = arg;
	if (!tt->name)
		printf("%s %s FAIL: no such trace\n", driver, arg);
	return tt->text;
}

/* Writes to one byte of each page of [p, p + n), so that the driver's own
 * memory is resident before the peak RSS starts to count. */
static void touch(void *p, size_t n)
{
	for (size_t k = 0; k < n; k += 4096)
		((volatile char *)p)[k] = 0;
}

/* Returns the middle of the n numbers v (sorted in place). */
static uint64_t median(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return v[n / 2];
}

enum { MAX_PASSES = 15 };

/* Replays the trace arg names, timing passes passes; returns 0 if the
 * allocator passed. */
static int replay(const char *arg, int passes)
{
	const char *name;
	const char *text = trace_text(arg, &name);
	struct trace t;
	if (!text || parse(name, text, &t))
		return -1;
	size_t bytes = (t.nids ? t.nids : 1) * sizeof *live;
	live = pages(bytes);
	if (!live) {
		printf("%s %s FAIL: no memory for %zu ids\n", driver, name, t.nids);
		return -1;
	}
	touch(live, bytes);
	long rss0 = resident_kb();
	if (rss0 >= 0) {
		rss_peak_kb = rss0;
		sample_every = t.nops / SAMPLES + 1;
	}
	size_t peak, heap;
	if (check_pass(&t, &peak, &heap))
		return -1;
	uint64_t ns[MAX_PASSES], instructions = 0;
	for (int k = 0; k < passes; k++) {
		uint64_t took = time_pass(&t, &ns[k]);
		if (k == 0)
			instructions = took;
	}
	printf("%s %s ok ops=%zu peak=%zu heap=%zu instructions=%llu ns=%llu", driver, name, t.nops,
	       peak, heap, (unsigned long long)instructions,
	       (unsigned long long)median(ns, passes));
	if (rss0 >= 0)
		printf(" rss=%ld", (rss_peak_kb - rss0) * 1024);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	brk0 = break_now();		  /* before anything could call the allocator */
	setvbuf(stdout, NULL, _IONBF, 0); /* each line out before anything can crash */
	int passes = argc == 3 ? atoi(argv[2]) : 1;
	if (argc < 2 || argc > 3 || passes < 1 || passes > MAX_PASSES) {
		printf("usage: replay TRACE [PASSES] (TRACE: a built-in trace or a .rep file; "
		       "one trace per process; 1 <= PASSES <= %d)\n",
		       MAX_PASSES);
		return 2;
	}
	const char *me = strrchr(argv[0], '/');
	driver = me ? me + 1 : argv[0];
	return replay(argv[1], passes) ? 1 : 0;
}
