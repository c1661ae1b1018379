/*
 * vma_test.c - tests of the VMA set (suite "vma").
 *
 * The fixed tests check each operation on small hand-made sets; the
 * randomized test runs a few thousand operations (insert, remove, split,
 * merge, lookups, gap searches) against a page-by-page model of a 64-page
 * window and checks vma_check() and the whole set against the model after
 * every one. VMAs come from a static pool, so the suite runs on the host
 * and in the kernel at any time.
 */
#include "arch/x86_64/memlayout.h"
#include "mm/mman.h"
#include "mm/vma.h"
#include "test/ktest.h"

#define PG PAGE_SIZE
#define BASE 0x100000ULL
#define NPAGES 64
#define POOL 80

static struct vma pool[POOL];
static bool pool_used[POOL];

/* Returns a zeroed pool entry (the pool never runs out in these tests). */
static struct vma *get(void)
{
	for (int i = 0; i < POOL; i++) {
		if (!pool_used[i]) {
			pool_used[i] = true;
			pool[i] = (struct vma){0};
			return &pool[i];
		}
	}
	ktest_fail(__FILE__, __LINE__, "vma test pool exhausted");
	ktest_abort();
}

/* Returns v to the pool. */
static void put(struct vma *v)
{
	pool_used[v - pool] = false;
}

/* Empties the pool and s. */
static void reset(struct vma_set *s)
{
	for (int i = 0; i < POOL; i++)
		pool_used[i] = false;
	vma_set_init(s);
}

/* Inserts a fresh VMA [start, end) with prot and flags; returns it (NULL if refused). */
static struct vma *add(struct vma_set *s, uint64_t start, uint64_t end, unsigned prot,
		       unsigned flags)
{
	struct vma *v = get();
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	if (vma_insert(s, v))
		return v;
	put(v);
	return NULL;
}

KTEST(vma, empty_set_finds_nothing)
{
	struct vma_set s;
	reset(&s);
	EXPECT_EQ(vma_count(&s), 0);
	EXPECT_NULL(vma_lookup(&s, 0x1000));
	EXPECT_NULL(vma_find(&s, 0));
	EXPECT_NULL(vma_first(&s));
	EXPECT_NULL(vma_last(&s));
	EXPECT_TRUE(vma_check(&s));
}

KTEST(vma, insert_lookup_find_next_prev)
{
	struct vma_set s;
	reset(&s);
	struct vma *b = add(&s, 0x5000, 0x7000, PROT_READ, VMA_ANON);
	struct vma *a = add(&s, 0x1000, 0x2000, PROT_READ, VMA_ANON);
	struct vma *c = add(&s, 0x9000, 0xa000, PROT_READ, VMA_ANON);
	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	ASSERT_NOT_NULL(c);
	EXPECT_EQ(vma_count(&s), 3);
	EXPECT_EQ(vma_lookup(&s, 0x1000), a);
	EXPECT_EQ(vma_lookup(&s, 0x1fff), a);
	EXPECT_NULL(vma_lookup(&s, 0x2000));
	EXPECT_EQ(vma_lookup(&s, 0x6abc), b);
	EXPECT_NULL(vma_lookup(&s, 0xa000));
	/* find: the first area ending above the address (Linux's find_vma). */
	EXPECT_EQ(vma_find(&s, 0), a);
	EXPECT_EQ(vma_find(&s, 0x2000), b);
	EXPECT_EQ(vma_find(&s, 0x8fff), c);
	EXPECT_NULL(vma_find(&s, 0xa000));
	EXPECT_EQ(vma_first(&s), a);
	EXPECT_EQ(vma_last(&s), c);
	EXPECT_EQ(vma_next(a), b);
	EXPECT_EQ(vma_next(b), c);
	EXPECT_NULL(vma_next(c));
	EXPECT_EQ(vma_prev(c), b);
	EXPECT_NULL(vma_prev(a));
	EXPECT_TRUE(vma_check(&s));
}

KTEST(vma, insert_refuses_overlap_misalignment_and_empty)
{
	struct vma_set s;
	reset(&s);
	ASSERT_NOT_NULL(add(&s, 0x4000, 0x8000, PROT_READ, VMA_ANON));
	EXPECT_NULL(add(&s, 0x3000, 0x5000, PROT_READ, VMA_ANON)); /* end-overlap */
	EXPECT_NULL(add(&s, 0x7000, 0x9000, PROT_READ, VMA_ANON)); /* start-overlap */
	EXPECT_NULL(add(&s, 0x5000, 0x6000, PROT_READ, VMA_ANON)); /* contained */
	EXPECT_NULL(add(&s, 0x2000, 0xa000, PROT_READ, VMA_ANON)); /* containing */
	EXPECT_NULL(add(&s, 0x1001, 0x2000, PROT_READ, VMA_ANON));
	EXPECT_NULL(add(&s, 0x1000, 0x1000, PROT_READ, VMA_ANON));
	/* Touching is fine. */
	EXPECT_NOT_NULL(add(&s, 0x8000, 0x9000, PROT_READ, VMA_ANON));
	EXPECT_NOT_NULL(add(&s, 0x3000, 0x4000, PROT_READ, VMA_ANON));
	EXPECT_EQ(vma_count(&s), 3);
	EXPECT_TRUE(vma_check(&s));
}

KTEST(vma, split_keeps_attributes_on_both_sides)
{
	struct vma_set s;
	reset(&s);
	struct vma *v = add(&s, 0x10000, 0x14000, PROT_READ | PROT_WRITE, VMA_ANON | VMA_SHARED);
	ASSERT_NOT_NULL(v);
	struct vma *up = vma_split(&s, v, 0x11000, get());
	EXPECT_EQ(v->start, 0x10000);
	EXPECT_EQ(v->end, 0x11000);
	EXPECT_EQ(up->start, 0x11000);
	EXPECT_EQ(up->end, 0x14000);
	EXPECT_EQ(up->prot, PROT_READ | PROT_WRITE);
	EXPECT_EQ(up->flags, VMA_ANON | VMA_SHARED);
	EXPECT_EQ(vma_next(v), up);
	EXPECT_EQ(vma_count(&s), 2);
	EXPECT_TRUE(vma_check(&s));
}

KTEST(vma, merge_joins_only_touching_compatible_anonymous_areas)
{
	struct vma_set s;
	reset(&s);
	struct vma *a = add(&s, 0x1000, 0x2000, PROT_READ, VMA_ANON);
	struct vma *b = add(&s, 0x2000, 0x3000, PROT_READ, VMA_ANON);
	struct vma *c = add(&s, 0x3000, 0x4000, PROT_READ | PROT_WRITE, VMA_ANON);
	struct vma *d = add(&s, 0x5000, 0x6000, PROT_READ | PROT_WRITE, VMA_ANON);
	struct vma *e = add(&s, 0x6000, 0x7000, PROT_READ, VMA_IMAGE);
	struct vma *f = add(&s, 0x7000, 0x8000, PROT_READ, VMA_IMAGE);
	ASSERT_NOT_NULL(f);
	EXPECT_EQ(vma_merge_next(&s, a), b); /* same prot and flags: merged */
	put(b);
	EXPECT_EQ(a->end, 0x3000);
	EXPECT_NULL(vma_merge_next(&s, a)); /* prot differs */
	EXPECT_NULL(vma_merge_next(&s, c)); /* a hole between */
	EXPECT_NULL(vma_merge_next(&s, d)); /* anonymous vs image */
	EXPECT_NULL(vma_merge_next(&s, e)); /* image areas never merge */
	EXPECT_EQ(vma_count(&s), 5);
	EXPECT_TRUE(vma_check(&s));
}

KTEST(vma, remove_every_shape_of_node_keeps_the_tree_valid)
{
	struct vma_set s;
	reset(&s);
	struct vma *v[15];
	for (int i = 0; i < 15; i++)
		v[i] = add(&s, (uint64_t)(i + 1) * 0x2000, (uint64_t)(i + 1) * 0x2000 + 0x1000,
			   PROT_READ, VMA_ANON);
	ASSERT_TRUE(vma_check(&s));
	/* Root (two children), then leaves and inner nodes in a scrambled order. */
	static const int order[15] = {7, 0, 14, 3, 11, 5, 9, 1, 13, 6, 2, 12, 4, 10, 8};
	for (int i = 0; i < 15; i++) {
		vma_remove(&s, v[order[i]]);
		put(v[order[i]]);
		EXPECT_NULL(vma_lookup(&s, v[order[i]]->start));
		EXPECT_EQ(vma_count(&s), (size_t)(14 - i));
		const char *why = vma_check_why(&s);
		EXPECT_NULL(why);
	}
	EXPECT_NULL(s.root);
}

KTEST(vma, ascending_inserts_stay_balanced)
{
	struct vma_set s;
	reset(&s);
	for (int i = 0; i < POOL; i++)
		ASSERT_NOT_NULL(
		    add(&s, (uint64_t)(i + 1) * PG, (uint64_t)(i + 2) * PG, PROT_READ, VMA_IMAGE));
	EXPECT_TRUE(vma_check(&s));
	/* An AVL tree of 80 nodes is at most 1.44 log2(82) ~ 9 high; a list would be 80. */
	EXPECT_LE(s.root->height, 9);
	EXPECT_EQ(vma_lookup(&s, 40 * PG + 5)->start, 40 * PG);
}

KTEST(vma, check_detects_a_broken_tree)
{
	struct vma_set s;
	reset(&s);
	struct vma *a = add(&s, 0x1000, 0x2000, PROT_READ, VMA_ANON);
	add(&s, 0x3000, 0x4000, PROT_READ, VMA_ANON);
	ASSERT_TRUE(vma_check(&s));
	a->end = 0x3800; /* overlaps its neighbour */
	EXPECT_FALSE(vma_check(&s));
	a->end = 0x2000;
	s.count++;
	EXPECT_FALSE(vma_check(&s));
	s.count--;
	EXPECT_TRUE(vma_check(&s));
}

KTEST(vma, start_gap_reserves_the_guard_below_grows_down_areas)
{
	struct vma g = {.start = 0x200000, .end = 0x300000, .flags = VMA_ANON | VMA_GROWSDOWN};
	struct vma n = {.start = 0x200000, .end = 0x300000, .flags = VMA_ANON};
	EXPECT_EQ(vma_start_gap(&g, 0x100000), 0x100000);
	EXPECT_EQ(vma_start_gap(&g, 0x300000), 0); /* clamped, not wrapped */
	EXPECT_EQ(vma_start_gap(&n, 0x100000), 0x200000);
}

KTEST(vma, gap_searches_find_highest_and_lowest_fit)
{
	struct vma_set s;
	reset(&s);
	add(&s, 0x10000, 0x20000, PROT_READ, VMA_ANON);
	add(&s, 0x22000, 0x30000, PROT_READ, VMA_ANON);
	add(&s, 0x40000, 0x50000, PROT_READ, VMA_ANON | VMA_GROWSDOWN);
	/* Top-down below 0x60000: above the grows-down area first. */
	EXPECT_EQ(vma_gap_topdown(&s, 0x2000, 0, 0x60000, 0), 0x5e000);
	/* Below it, its 0x4000 guard is kept free: [0x30000, 0x3c000) is usable. */
	EXPECT_EQ(vma_gap_topdown(&s, 0x2000, 0, 0x40000, 0x4000), 0x3a000);
	EXPECT_EQ(vma_gap_topdown(&s, 0xd000, 0, 0x40000, 0x4000), 0x3000); /* below 0x10000 */
	EXPECT_EQ(vma_gap_topdown(&s, 0x2000, 0x20000, 0x22000, 0), 0x20000);
	EXPECT_EQ(vma_gap_topdown(&s, 0x3000, 0x20000, 0x30000, 0), VMA_NO_GAP);
	EXPECT_EQ(vma_gap_topdown(&s, 0x1000, 0x11000, 0x1f000, 0), VMA_NO_GAP);
	/* Bottom-up from 0x10000: the two-page hole, then above 0x30000. */
	EXPECT_EQ(vma_gap_bottomup(&s, 0x2000, 0x10000, 0x100000, 0), 0x20000);
	EXPECT_EQ(vma_gap_bottomup(&s, 0x3000, 0x10000, 0x100000, 0), 0x30000);
	EXPECT_EQ(vma_gap_bottomup(&s, 0x10000, 0x10000, 0x100000, 0x8000), 0x50000);
	EXPECT_EQ(vma_gap_bottomup(&s, 0x10000, 0x10000, 0x58000, 0), 0x30000);
	EXPECT_EQ(vma_gap_bottomup(&s, 0x10000, 0x10000, 0x58000, 0x1000), VMA_NO_GAP);
}

/* --- randomized test against a page model ----------------------------------- */

/*
 * The model: per page of the window, its kind (0 free, 1 anon r--, 2 anon
 * rw-, 3 image r--) and whether a VMA starts there. Kinds 1 and 2 merge
 * with their own kind; kind 3 never merges.
 */
static uint8_t kind[NPAGES], first[NPAGES];
static uint64_t rng_state;

/* xorshift64: returns the next pseudo-random number. */
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Returns the model kind of v. */
static uint8_t kind_of(const struct vma *v)
{
	if (v->flags & VMA_IMAGE)
		return 3;
	return v->prot == PROT_READ ? 1 : 2;
}

/* Returns the address of window page p. */
static uint64_t page_addr(unsigned p)
{
	return BASE + p * PG;
}

/* Returns true (after reporting) if the set and the model disagree. */
static bool differs(const struct vma_set *s)
{
	const char *why = vma_check_why(s);
	if (why) {
		KTEST_FAIL("vma_check: %s", why);
		return true;
	}
	unsigned covered = 0, mapped = 0;
	for (const struct vma *v = vma_first(s); v; v = vma_next(v)) {
		unsigned p0 = (unsigned)((v->start - BASE) / PG),
			 p1 = (unsigned)((v->end - BASE) / PG);
		if (v->start < BASE || p1 > NPAGES || !first[p0]) {
			KTEST_FAIL("VMA %llx-%llx not in the model", (unsigned long long)v->start,
				   (unsigned long long)v->end);
			return true;
		}
		for (unsigned p = p0; p < p1; p++) {
			if (kind[p] != kind_of(v) || (p > p0 && first[p])) {
				KTEST_FAIL("page %u: model kind %u first %u, VMA %llx-%llx", p,
					   kind[p], first[p], (unsigned long long)v->start,
					   (unsigned long long)v->end);
				return true;
			}
		}
		if (p1 < NPAGES && kind[p1] && !first[p1]) {
			KTEST_FAIL("VMA %llx-%llx ends inside a model area",
				   (unsigned long long)v->start, (unsigned long long)v->end);
			return true;
		}
		covered += p1 - p0;
	}
	for (unsigned p = 0; p < NPAGES; p++)
		mapped += kind[p] != 0;
	if (covered != mapped) {
		KTEST_FAIL("model maps %u pages, the set %u", mapped, covered);
		return true;
	}
	return false;
}

/* Inserts a random area at a free page p, or checks an overlapping insert fails. */
static void op_insert(struct vma_set *s, unsigned p)
{
	unsigned len = 1 + (unsigned)(rng() % 8), k = 1 + (unsigned)(rng() % 3);
	if (kind[p]) {
		EXPECT_NULL(add(s, page_addr(p), page_addr(p) + len * PG, PROT_READ, VMA_ANON));
		return;
	}
	unsigned n = 0;
	while (n < len && p + n < NPAGES && !kind[p + n])
		n++;
	struct vma *v =
	    add(s, page_addr(p), page_addr(p + n), k == 2 ? PROT_READ | PROT_WRITE : PROT_READ,
		k == 3 ? VMA_IMAGE : VMA_ANON);
	if (!v) {
		KTEST_FAIL("insert into a free range failed");
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		kind[p + i] = (uint8_t)k;
		first[p + i] = i == 0;
	}
}

/* Checks lookup and find at window page p (and one byte into it) against the model. */
static void op_lookup(const struct vma_set *s, unsigned p)
{
	struct vma *v = vma_lookup(s, page_addr(p) + 123);
	if (!kind[p]) {
		EXPECT_NULL(v);
	} else {
		unsigned b = p;
		while (!first[b])
			b--;
		ASSERT_NOT_NULL(v);
		EXPECT_EQ(v->start, page_addr(b));
	}
	unsigned q = p;
	while (q < NPAGES && !kind[q])
		q++;
	struct vma *f = vma_find(s, page_addr(p));
	if (q == NPAGES) {
		EXPECT_NULL(f);
	} else {
		ASSERT_NOT_NULL(f);
		EXPECT_LE(f->start, page_addr(q));
		EXPECT_GT(f->end, page_addr(q));
	}
}

/* Compares both gap searches with a brute-force scan of the model. */
static void op_gap(const struct vma_set *s)
{
	unsigned len = 1 + (unsigned)(rng() % 6), lo = (unsigned)(rng() % NPAGES);
	unsigned hi = lo + (unsigned)(rng() % (NPAGES - lo + 1));
	uint64_t want_top = VMA_NO_GAP, want_bottom = VMA_NO_GAP;
	for (unsigned a = lo; a + len <= hi; a++) {
		unsigned i = 0;
		while (i < len && !kind[a + i])
			i++;
		if (i == len) {
			if (want_bottom == VMA_NO_GAP)
				want_bottom = page_addr(a);
			want_top = page_addr(a);
		}
	}
	EXPECT_EQ(vma_gap_topdown(s, len * PG, page_addr(lo), page_addr(hi), 0), want_top);
	EXPECT_EQ(vma_gap_bottomup(s, len * PG, page_addr(lo), page_addr(hi), 0), want_bottom);
}

KTEST(vma, random_operations_agree_with_a_page_model)
{
	struct vma_set s;
	reset(&s);
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (unsigned p = 0; p < NPAGES; p++)
		kind[p] = first[p] = 0;

	for (int step = 0; step < 4000; step++) {
		unsigned op = (unsigned)(rng() % 6), p = (unsigned)(rng() % NPAGES);
		struct vma *v = vma_lookup(&s, page_addr(p));
		if (op == 0) {
			op_insert(&s, p);
		} else if (op == 1 && v) {
			unsigned p0 = (unsigned)((v->start - BASE) / PG),
				 p1 = (unsigned)((v->end - BASE) / PG);
			vma_remove(&s, v);
			put(v);
			for (unsigned i = p0; i < p1; i++)
				kind[i] = first[i] = 0;
		} else if (op == 2 && v && !first[p]) {
			vma_split(&s, v, page_addr(p), get());
			first[p] = 1;
		} else if (op == 3 && v) {
			unsigned p1 = (unsigned)((v->end - BASE) / PG);
			bool can = p1 < NPAGES && kind[p1] == kind[p] && kind[p] != 3;
			struct vma *gone = vma_merge_next(&s, v);
			EXPECT_EQ(gone != NULL, can);
			if (gone) {
				put(gone);
				first[p1] = 0;
			}
		} else if (op == 4) {
			op_lookup(&s, p);
		} else if (op == 5) {
			op_gap(&s);
		}
		if (differs(&s)) {
			KTEST_FAIL("after step %d (op %u at page %u)", step, op, p);
			return;
		}
	}
}
