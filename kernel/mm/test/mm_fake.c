/*
 * mm_fake.c - a static VMA pool and a callback log for the mm tests.
 *
 * Theory of operation: the pool is an array with an in-use flag per slot,
 * so a test can count live structs (leaks) and make allocation fail on
 * purpose (mm_fake_fail_after) to check that calls fail cleanly with
 * ENOMEM. Nothing here needs the kernel heap, so the suites run at any
 * point of boot and on the host alike.
 */
#include "mm/test/mm_fake.h"

#include "lib/errno.h"

#define POOL_SIZE 256

static struct vma pool[POOL_SIZE];
static bool used[POOL_SIZE];
static int live, allowance = -1;

struct fake_call mm_fake_calls[FAKE_MAX_CALLS];
int mm_fake_ncalls;

/* Hands out a free pool slot, or NULL when the pool or the allowance is spent. */
static struct vma *fake_alloc(void *ctx)
{
	(void)ctx;
	if (allowance == 0)
		return NULL;
	for (int i = 0; i < POOL_SIZE; i++) {
		if (!used[i]) {
			used[i] = true;
			live++;
			if (allowance > 0)
				allowance--;
			return &pool[i];
		}
	}
	return NULL;
}

/* Returns v's slot to the pool. */
static void fake_free(void *ctx, struct vma *v)
{
	(void)ctx;
	used[v - pool] = false;
	live--;
}

/* Appends one call to the log (the log keeps the first FAKE_MAX_CALLS). */
static void record(char kind, uint64_t start, uint64_t end, unsigned prot)
{
	if (mm_fake_ncalls < FAKE_MAX_CALLS)
		mm_fake_calls[mm_fake_ncalls] = (struct fake_call){kind, start, end, prot, 0};
	mm_fake_ncalls++;
}

/* Logs an unmap callback. */
static void fake_unmap(void *ctx, uint64_t start, uint64_t end)
{
	(void)ctx;
	record('u', start, end, 0);
}

/* Logs a protect callback. */
static void fake_protect(void *ctx, uint64_t start, uint64_t end, unsigned prot)
{
	(void)ctx;
	record('p', start, end, prot);
}

/* Logs a zap callback. */
static void fake_zap(void *ctx, uint64_t start, uint64_t end)
{
	(void)ctx;
	record('z', start, end, 0);
}

static bool populate_fails;

/* Logs a populate callback; fails it with -ENOMEM when told to. */
static int fake_populate(void *ctx, uint64_t start, uint64_t end, unsigned prot)
{
	(void)ctx;
	record('f', start, end, prot);
	return populate_fails ? -ENOMEM : 0;
}

/* Makes every further populate callback fail (as when memory runs out) or not. */
void mm_fake_fail_populate(bool fail)
{
	populate_fails = fail;
}

static bool move_fails;

/* Logs a move callback; fails it with -ENOMEM when told to. */
static int fake_move(void *ctx, uint64_t from, uint64_t to, uint64_t len)
{
	(void)ctx;
	record('m', from, from + len, 0);
	if (mm_fake_ncalls <= FAKE_MAX_CALLS)
		mm_fake_calls[mm_fake_ncalls - 1].to = to;
	return move_fails ? -ENOMEM : 0;
}

/* Makes every further move callback fail (as when no page table is left) or not. */
void mm_fake_fail_move(bool fail)
{
	move_fails = fail;
}

/* Counts the logged moves of [start, end) to `to`. */
int mm_fake_count_move(uint64_t start, uint64_t end, uint64_t to)
{
	int n = 0;
	for (int i = 0; i < mm_fake_ncalls && i < FAKE_MAX_CALLS; i++)
		if (mm_fake_calls[i].kind == 'm' && mm_fake_calls[i].start == start &&
		    mm_fake_calls[i].end == end && mm_fake_calls[i].to == to)
			n++;
	return n;
}

const struct mm_ops mm_fake_ops = {
    .alloc = fake_alloc,
    .free = fake_free,
    .unmap = fake_unmap,
    .protect = fake_protect,
    .zap = fake_zap,
    .populate = fake_populate,
    .move = fake_move,
};

/* Frees every slot and empties the log. */
void mm_fake_reset(int allow)
{
	for (int i = 0; i < POOL_SIZE; i++)
		used[i] = false;
	live = 0;
	allowance = allow;
	populate_fails = false;
	move_fails = false;
	mm_fake_ncalls = 0;
}

/* Returns the number of slots in use. */
int mm_fake_live(void)
{
	return live;
}

/* Sets how many allocations may still succeed. */
void mm_fake_fail_after(int allow)
{
	allowance = allow;
}

/* Builds the standard layout (see mm_fake.h). */
int mm_fake_fresh(struct mm *u)
{
	static const struct mm_segment segs[] = {
	    {0x400000, 0x401000, PROT_READ | PROT_EXEC},
	    {0x401000, 0x401800, PROT_READ | PROT_WRITE}, /* rounded up to a page */
	};
	mm_fake_reset(-1);
	mm_init(u, &mm_fake_ops, NULL, FAKE_RAM_PAGES);
	int r = mm_setup(u, segs, 2, FAKE_STACK_PAGES * PAGE_SIZE);
	mm_fake_ncalls = 0;
	return r;
}

/* Empties the log. */
void mm_fake_clear_calls(void)
{
	mm_fake_ncalls = 0;
}

/* Counts logged calls matching kind and range. */
int mm_fake_count(char kind, uint64_t start, uint64_t end)
{
	int n = 0;
	for (int i = 0; i < mm_fake_ncalls && i < FAKE_MAX_CALLS; i++)
		if (mm_fake_calls[i].kind == kind && mm_fake_calls[i].start == start &&
		    mm_fake_calls[i].end == end)
			n++;
	return n;
}

static char maps_buf[1024];
static size_t maps_len;

/* Appends printed text to maps_buf, cutting at its end. */
static void maps_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	while (n-- && maps_len + 1 < sizeof maps_buf)
		maps_buf[maps_len++] = *s++;
	maps_buf[maps_len] = '\0';
}

/* Prints the whole listing into maps_buf. */
const char *mm_fake_maps(const struct mm *u)
{
	maps_len = 0;
	maps_buf[0] = '\0';
	mm_print_maps(u, maps_sink, NULL);
	return maps_buf;
}

/* Prints only the VMAs meeting [start, end): each through a one-VMA copy of u. */
const char *mm_fake_maps_in(const struct mm *u, uint64_t start, uint64_t end)
{
	static char part[1024];
	size_t n = 0;
	for (struct vma *v = vma_first(&u->vmas); v; v = vma_next(v)) {
		if (v->end <= start || v->start >= end)
			continue;
		struct mm one = *u;
		struct vma copy = *v;
		vma_set_init(&one.vmas);
		vma_insert(&one.vmas, &copy);
		for (const char *l = mm_fake_maps(&one); *l && n + 1 < sizeof part; l++)
			part[n++] = *l;
	}
	part[n] = '\0';
	return part;
}
