/*
 * replay.c - the malloc lab's driver: replays a trace of mallocs, frees and
 * reallocs on the allocator it is linked with, checks every answer, and
 * measures the allocator (docs/labs/malloc.md).
 *
 *   replay TRACE           (the traces are built in: traces.c, generated
 *                           from tests/labs/malloc/traces/NAME.rep)
 *
 * One trace per process, so that each starts on an allocator that has
 * never been called; the driver's own arrays are mmapped, not malloced.
 * It prints one line:
 *
 *   replay NAME ok ops=N peak=P heap=H instructions=I
 *   replay NAME FAIL op K (line L of NAME.rep): what went wrong
 *
 * The first pass checks: every pointer is 16-byte aligned, no block
 * overlaps another live block, and no payload is ever changed by the
 * allocator (each block is filled with a pattern of its id, and the
 * pattern is checked before a free, around a realloc, and at the end;
 * realloc must keep the old contents up to the smaller size). It measures
 * peak, the largest total of live payload bytes, and heap, the largest
 * memory the allocator held at any time: how far the break moved up from
 * where it was, plus the bytes in its own mmaps as its mallinfo2() says
 * (0 for an allocator on sbrk alone). Utilisation is peak / heap.
 *
 * The second pass replays the same trace with no checks between rdtsc
 * reads; under QEMU's -icount shift=0 rdtsc counts guest instructions, so
 * "instructions" is the same on every machine, every run.
 *
 * The same program is linked with the reference allocator (libc/malloc)
 * and with the student's (libc/malloc-simple); the grader compares them.
 */
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The allocator's extra, if it has one (an allocator of a student's may not). */
#pragma weak mallinfo2

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
	size_t slot; /* its place in live_ids[] while live */
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
	if (mallinfo2)
		bytes += mallinfo2().hblkhd;
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
 * The live blocks, as a compact list of ids (live_ids[0..nlive)), so that
 * the overlap check looks at live blocks only; live[id].slot is the place
 * of id in the list.
 */
static unsigned *live_ids;
static size_t nlive;

static void list_add(struct live *live, unsigned id)
{
	live[id].slot = nlive;
	live_ids[nlive++] = id;
}

static void list_drop(struct live *live, unsigned id)
{
	unsigned last = live_ids[--nlive];
	live_ids[live[id].slot] = last;
	live[last].slot = live[id].slot;
}

/* Returns -1 (after saying so) if [p, p + size) overlaps a live block other than id. */
static int overlaps(const struct trace *t, size_t k, const struct live *live, unsigned id,
		    const unsigned char *p, size_t size)
{
	size_t n = size ? size : 1;
	for (size_t s = 0; s < nlive; s++) {
		unsigned j = live_ids[s];
		size_t m = live[j].size ? live[j].size : 1;
		if (j != id && p < live[j].p + m && live[j].p < p + n)
			return failed(t, k, "block %u overlaps the live block %u", id, j);
	}
	return 0;
}

/* The checking pass: returns 0 and the peak payload and heap, or -1. */
static int check_pass(const struct trace *t, struct live *live, size_t *peak, size_t *heap)
{
	size_t cur = 0;
	*peak = *heap = 0;
	for (size_t k = 0; k < t->nops; k++) {
		const struct op *o = &t->ops[k];
		struct live *l = &live[o->id];
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
		}
		if (o->kind == OP_FREE) {
			free(l->p);
			cur -= l->size;
			l->p = NULL;
			list_drop(live, o->id);
			continue;
		}
		unsigned char *p = o->kind == OP_ALLOC ? malloc(o->size) : realloc(l->p, o->size);
		if (!p)
			return failed(t, k, "the allocator returned NULL for block %u of %zu bytes",
				      o->id, o->size);
		if ((uintptr_t)p % 16)
			return failed(t, k, "block %u is not 16-byte aligned (address ends in %zx)",
				      o->id, (uintptr_t)p & 15);
		if (o->kind == OP_REALLOC) {
			size_t keep = l->size < o->size ? l->size : o->size;
			size_t bad = first_bad(p, o->id, keep);
			if (bad != keep)
				return failed(t, k,
					      "realloc of block %u lost its contents at byte %zu",
					      o->id, bad);
			cur -= l->size;
		}
		if (overlaps(t, k, live, o->id, p, o->size))
			return -1;
		fill(p, o->id, o->kind == OP_REALLOC ? (l->size < o->size ? l->size : o->size) : 0,
		     o->size);
		if (o->kind == OP_ALLOC)
			list_add(live, o->id);
		l->p = p;
		l->size = o->size;
		cur += o->size;
		if (cur > *peak)
			*peak = cur;
		size_t now = footprint();
		if (now > *heap)
			*heap = now;
	}
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
	return 0;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return (uint64_t)hi << 32 | lo;
}

/* The timing pass: the same operations, nothing else; returns the instructions taken. */
static uint64_t time_pass(const struct trace *t, struct live *live)
{
	uint64_t start = rdtsc();
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
	for (unsigned j = 0; j < t->nids; j++) { /* what the trace left live, if anything */
		free(live[j].p);
		live[j].p = NULL;
	}
	return took;
}

/* Replays the trace called name; returns 0 if the allocator passed. */
static int replay(const char *name)
{
	const struct trace_text *tt = replay_traces;
	while (tt->name && strcmp(tt->name, name) != 0)
		tt++;
	if (!tt->name) {
		printf("%s %s FAIL: no such trace\n", driver, name);
		return -1;
	}
	struct trace t;
	if (parse(tt->name, tt->text, &t))
		return -1;
	struct live *live = pages((t.nids ? t.nids : 1) * sizeof *live);
	live_ids = pages((t.nids ? t.nids : 1) * sizeof *live_ids);
	if (!live || !live_ids) {
		printf("%s %s FAIL: no memory for %zu ids\n", driver, name, t.nids);
		return -1;
	}
	size_t peak, heap;
	if (check_pass(&t, live, &peak, &heap))
		return -1;
	uint64_t instructions = time_pass(&t, live);
	printf("%s %s ok ops=%zu peak=%zu heap=%zu instructions=%llu\n", driver, name, t.nops, peak,
	       heap, (unsigned long long)instructions);
	return 0;
}

int main(int argc, char **argv)
{
	brk0 = break_now();		  /* before anything could call the allocator */
	setvbuf(stdout, NULL, _IONBF, 0); /* each line out before anything can crash */
	if (argc != 2) {
		printf("usage: replay TRACE (one trace per process)\n");
		return 2;
	}
	const char *me = strrchr(argv[0], '/');
	driver = me ? me + 1 : argv[0];
	return replay(argv[1]) ? 1 : 0;
}
