/*
 * malloc_record.c - a malloc-lab trace of a program's allocations
 * (malloc_record.h).
 *
 * Theory of operation. A trace names blocks by small ids: "a ID SIZE",
 * "r ID SIZE", "f ID", after a header of four lines (a suggested heap
 * size, the number of ids, the number of operations, a weight). The
 * recorder maps each live pointer to its id in a hash table (open
 * addressing, linear probing; a deleted entry's cluster is shifted back
 * into place, so no tombstones pile up), and gives a freed id to the next
 * allocation, so the ids number only as many as the blocks ever live at
 * once. Operations go into an array, written out at the end when their
 * count is known. Every buffer is mmapped: the recorder never calls the
 * allocator it watches.
 */
#include "malloc_record.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int record_on;

struct rec_op {
	char kind; /* 'a', 'r' or 'f' */
	unsigned id;
	size_t size;
};

struct slot {
	void *p; /* NULL: empty */
	unsigned id;
	size_t size;
};

static FILE *out;
static struct rec_op *ops;
static size_t nops, ops_cap;
static struct slot *table;
static size_t table_cap, nlive;		/* table_cap: a power of two */
static unsigned *free_ids, nfree, nids; /* the ids given back, a stack */
static size_t free_cap;
static size_t live_bytes, peak_bytes;

/* Returns n bytes of zeroed memory from mmap, or NULL. */
static void *map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Grows the array at *a (of *cap elements of size each) to twice its
 * size; returns 0, or -1 if there is no memory. */
static int grow(void **a, size_t *cap, size_t size)
{
	size_t n = *cap ? *cap * 2 : 4096;
	void *b = map(n * size);
	if (!b)
		return -1;
	if (*a) {
		memcpy(b, *a, *cap * size);
		munmap(*a, *cap * size);
	}
	*a = b;
	*cap = n;
	return 0;
}

/* Returns the home slot of p: a multiplicative hash of its address. */
static size_t home(const void *p)
{
	return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 20) & (table_cap - 1);
}

/* Returns the slot that holds p, or the empty slot where it would go. */
static struct slot *find(const void *p)
{
	size_t i = home(p);
	while (table[i].p && table[i].p != p)
		i = (i + 1) & (table_cap - 1);
	return &table[i];
}

/* Doubles the table when it is half full; returns 0, or -1. */
static int table_room(void)
{
	if (table_cap && nlive * 2 < table_cap)
		return 0;
	struct slot *old = table;
	size_t old_cap = table_cap;
	table_cap = old_cap ? old_cap * 2 : 4096;
	table = map(table_cap * sizeof *table);
	if (!table)
		return -1;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].p)
			*find(old[i].p) = old[i];
	if (old)
		munmap(old, old_cap * sizeof *old);
	return 0;
}

/* Empties slot s and moves later entries of its cluster back into place. */
static void table_delete(struct slot *s)
{
	size_t hole = (size_t)(s - table), i = hole;
	table[hole].p = NULL;
	for (;;) {
		i = (i + 1) & (table_cap - 1);
		if (!table[i].p)
			return;
		size_t h = home(table[i].p);
		/* the entry at i may fill the hole if its home is not in (hole, i] */
		if ((i > hole && (h <= hole || h > i)) || (i < hole && h <= hole && h > i)) {
			table[hole] = table[i];
			table[i].p = NULL;
			hole = i;
		}
	}
}

/* Appends one operation; stops the recording if there is no memory. */
static void add_op(char kind, unsigned id, size_t size)
{
	if (nops == ops_cap && grow((void **)&ops, &ops_cap, sizeof *ops)) {
		record_on = 0;
		return;
	}
	ops[nops++] = (struct rec_op){kind, id, size};
}

int record_open(const char *path)
{
	out = fopen(path, "w");
	if (!out)
		return -1;
	if (table_room() || grow((void **)&free_ids, &free_cap, sizeof *free_ids)) {
		fclose(out);
		errno = ENOMEM;
		return -1;
	}
	record_on = 1;
	return 0;
}

/* Maps p (not in the table) to id in the slot s that find(p) returned. */
static void insert(struct slot *s, void *p, unsigned id, size_t n)
{
	*s = (struct slot){p, id, n};
	nlive++;
	live_bytes += n;
	if (live_bytes > peak_bytes)
		peak_bytes = live_bytes;
}

/* Forgets the block in slot s (its id is the caller's to give back or reuse). */
static void forget(struct slot *s)
{
	live_bytes -= s->size;
	table_delete(s);
	nlive--;
}

/* Records the free of the block in slot s and gives its id back. */
static void drop(struct slot *s)
{
	free_ids[nfree++] = s->id;
	add_op('f', s->id, 0);
	forget(s);
}

void record_malloc(void *p, size_t n)
{
	if (!record_on || !p || table_room())
		return;
	struct slot *s = find(p);
	if (s->p) /* already live: freed behind the hooks' back, so a new block now */
		drop(s);
	/* free_ids must have room for every id, all given back */
	if (!nfree && nids == free_cap && grow((void **)&free_ids, &free_cap, sizeof *free_ids)) {
		record_on = 0;
		return;
	}
	unsigned id = nfree ? free_ids[--nfree] : nids++;
	insert(find(p), p, id, n);
	add_op('a', id, n);
}

/* The block a realloc is moving, between record_realloc_begin and _end. */
static struct {
	void *old;
	int known; /* the recording had old: id and size are its */
	unsigned id;
	size_t size;
} moving;

void record_realloc_begin(void *old)
{
	moving.old = old;
	moving.known = 0;
	if (!record_on || !old)
		return;
	struct slot *s = find(old);
	if (s->p) {
		moving.known = 1;
		moving.id = s->id;
		moving.size = s->size;
		forget(s);
	}
}

void record_realloc_end(void *p, size_t n)
{
	if (!record_on || !moving.known) { /* a block the recording never saw: new to it */
		record_malloc(p, n);
		return;
	}
	moving.known = 0;
	if (table_room()) {
		record_on = 0;
		return;
	}
	if (!p) { /* failed: the old block stays as it was */
		insert(find(moving.old), moving.old, moving.id, moving.size);
		return;
	}
	struct slot *t = find(p);
	if (t->p) { /* p was live under another id: that block was freed unseen */
		drop(t);
		t = find(p);
	}
	insert(t, p, moving.id, n);
	add_op('r', moving.id, n);
}

void record_free(void *p)
{
	if (!record_on || !p)
		return;
	struct slot *s = find(p);
	if (s->p)
		drop(s);
}

int record_close(void)
{
	if (!out)
		return 0;
	int ok = record_on;
	record_on = 0;
	fprintf(out, "%zu\n%u\n%zu\n1\n", peak_bytes, nids, nops);
	for (size_t k = 0; k < nops; k++) {
		if (ops[k].kind == 'f')
			fprintf(out, "f %u\n", ops[k].id);
		else
			fprintf(out, "%c %u %zu\n", ops[k].kind, ops[k].id, ops[k].size);
	}
	if (fclose(out) != 0)
		ok = 0;
	out = NULL;
	/* all forgotten, for the next recording */
	if (ops)
		munmap(ops, ops_cap * sizeof *ops);
	if (table)
		munmap(table, table_cap * sizeof *table);
	if (free_ids)
		munmap(free_ids, free_cap * sizeof *free_ids);
	ops = NULL, table = NULL, free_ids = NULL;
	nops = ops_cap = table_cap = nlive = free_cap = live_bytes = peak_bytes = 0;
	nfree = nids = 0;
	if (!ok && !errno)
		errno = ENOMEM;
	return ok ? 0 : -1;
}
