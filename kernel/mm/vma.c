/*
 * vma.c - the VMA set: an AVL tree of non-overlapping ranges.
 *
 * Theory of operation. A process's areas are kept in a binary search tree
 * keyed by start address. Because areas never overlap, ordering by start
 * also orders them by end, so one descent answers "which area holds this
 * address" and "which is the first area ending above it" (Linux's
 * find_vma) in O(log n).
 *
 * The tree is an AVL tree: every node records the height of its subtree,
 * and the heights of a node's two subtrees differ by at most one, which
 * keeps the height below 1.44 log2(n). After an insertion or a removal we
 * walk from the changed spot up to the root, recomputing heights and
 * rotating where a node has become unbalanced. Nodes carry parent links so
 * that this walk, and in-order next/prev, need no stack: the kernel stack
 * is small and the host tests run under ASan.
 *
 * Nodes are the callers' struct vma objects themselves (an intrusive
 * tree), so removal must move nodes, never copy their contents: callers
 * keep pointers to their VMAs across operations.
 *
 * Changing a VMA's start or end in place is allowed as long as it stays
 * between its neighbours (the order, hence the tree, is unchanged); the
 * mm code shrinks and grows areas that way.
 *
 * The gap searches walk the VMAs linearly, from the limit downwards (or
 * from the floor upwards). That is O(n) in the worst case; Linux keeps
 * the largest gap of every subtree in its tree to make it O(log n). With a
 * teaching kernel's few dozen areas per process the walk is simpler and
 * fast enough; an augmented tree is the upgrade path.
 */
#include "mm/vma.h"
#include "arch/x86_64/memlayout.h"
#include "mm/pagecache.h"

/* Returns the height of subtree n (0 for an empty one). */
static int height(const struct vma *n)
{
	return n ? n->height : 0;
}

/* Recomputes n's height from its children's. */
static void update_height(struct vma *n)
{
	int l = height(n->left), r = height(n->right);
	n->height = (l > r ? l : r) + 1;
}

/* Makes `to` take `from`'s place as a child of parent (or as the root). */
static void replace_child(struct vma_set *s, struct vma *parent, struct vma *from, struct vma *to)
{
	if (!parent)
		s->root = to;
	else if (parent->left == from)
		parent->left = to;
	else
		parent->right = to;
	if (to)
		to->parent = parent;
}

/* Rotates x's right child up into x's place; returns the new subtree root. */
static struct vma *rotate_left(struct vma_set *s, struct vma *x)
{
	struct vma *y = x->right;
	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	replace_child(s, x->parent, x, y);
	y->left = x;
	x->parent = y;
	update_height(x);
	update_height(y);
	return y;
}

/* Rotates x's left child up into x's place; returns the new subtree root. */
static struct vma *rotate_right(struct vma_set *s, struct vma *x)
{
	struct vma *y = x->left;
	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	replace_child(s, x->parent, x, y);
	y->right = x;
	x->parent = y;
	update_height(x);
	update_height(y);
	return y;
}

/*
 * Restores the AVL property at n, whose subtrees are balanced but may
 * differ in height by two; returns the root of the subtree afterwards.
 */
static struct vma *rebalance(struct vma_set *s, struct vma *n)
{
	int bf = height(n->left) - height(n->right);
	update_height(n);
	if (bf > 1) {
		if (height(n->left->left) < height(n->left->right))
			rotate_left(s, n->left);
		return rotate_right(s, n);
	}
	if (bf < -1) {
		if (height(n->right->right) < height(n->right->left))
			rotate_right(s, n->right);
		return rotate_left(s, n);
	}
	return n;
}

/* Walks from n to the root fixing heights and balance (after a change below n). */
static void retrace(struct vma_set *s, struct vma *n)
{
	while (n) {
		n = rebalance(s, n);
		n = n->parent;
	}
}

/* Makes s empty. */
void vma_set_init(struct vma_set *s)
{
	s->root = NULL;
	s->count = 0;
}

/* Returns the number of VMAs: kept up to date, so O(1). */
size_t vma_count(const struct vma_set *s)
{
	return s->count;
}

/* Returns the first VMA with end > addr: the lowest such node of one descent. */
struct vma *vma_find(const struct vma_set *s, uint64_t addr)
{
	struct vma *n = s->root, *best = NULL;
	while (n) {
		if (n->end > addr) {
			best = n; /* a candidate; a lower one may be on the left */
			if (n->start <= addr)
				return n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

/* Returns the VMA containing addr: find_vma's answer if it starts at or below addr. */
struct vma *vma_lookup(const struct vma_set *s, uint64_t addr)
{
	struct vma *v = vma_find(s, addr);
	return v && v->start <= addr ? v : NULL;
}

/* Returns the leftmost node of subtree n. */
static struct vma *leftmost(struct vma *n)
{
	while (n && n->left)
		n = n->left;
	return n;
}

/* Returns the rightmost node of subtree n. */
static struct vma *rightmost(struct vma *n)
{
	while (n && n->right)
		n = n->right;
	return n;
}

/* Returns the lowest VMA: the tree's leftmost node. */
struct vma *vma_first(const struct vma_set *s)
{
	return leftmost(s->root);
}

/* Returns the highest VMA: the tree's rightmost node. */
struct vma *vma_last(const struct vma_set *s)
{
	return rightmost(s->root);
}

/* Returns v's in-order successor: leftmost on the right, or the first ancestor we are left of. */
struct vma *vma_next(const struct vma *v)
{
	if (v->right)
		return leftmost(v->right);
	while (v->parent && v->parent->right == v)
		v = v->parent;
	return v->parent;
}

/* Returns v's in-order predecessor (mirror image of vma_next). */
struct vma *vma_prev(const struct vma *v)
{
	if (v->left)
		return rightmost(v->left);
	while (v->parent && v->parent->left == v)
		v = v->parent;
	return v->parent;
}

/* Inserts v as a leaf where its start belongs, then rebalances; false on overlap. */
bool vma_insert(struct vma_set *s, struct vma *v)
{
	if (v->start >= v->end || (v->start & PAGE_MASK) || (v->end & PAGE_MASK))
		return false;
	/* The neighbours decide overlap: the first area ending above start must start at or after
	 * end. */
	struct vma *after = vma_find(s, v->start);
	if (after && after->start < v->end)
		return false;

	struct vma *parent = NULL, **link = &s->root;
	while (*link) {
		parent = *link;
		link = v->start < parent->start ? &parent->left : &parent->right;
	}
	v->left = v->right = NULL;
	v->parent = parent;
	v->height = 1;
	*link = v;
	s->count++;
	retrace(s, parent);
	return true;
}

/*
 * Unlinks v. A node with two children is replaced by its successor y (the
 * leftmost node of its right subtree, which has no left child), moved
 * bodily into v's place; then we rebalance from the lowest changed node.
 */
void vma_remove(struct vma_set *s, struct vma *v)
{
	struct vma *fix;
	if (!v->left || !v->right) {
		struct vma *child = v->left ? v->left : v->right;
		fix = v->parent;
		replace_child(s, v->parent, v, child);
	} else {
		struct vma *y = leftmost(v->right);
		if (y->parent == v) {
			fix = y; /* y keeps its right subtree and takes v's left */
		} else {
			fix = y->parent;
			y->parent->left = y->right;
			if (y->right)
				y->right->parent = y->parent;
			y->right = v->right;
			v->right->parent = y;
		}
		y->left = v->left;
		v->left->parent = y;
		replace_child(s, v->parent, v, y);
		y->height = v->height;
	}
	v->left = v->right = v->parent = NULL;
	s->count--;
	retrace(s, fix);
}

/* Cuts v at addr: v keeps the lower part, upper (a new node) gets the rest. */
struct vma *vma_split(struct vma_set *s, struct vma *v, uint64_t addr, struct vma *upper)
{
	upper->start = addr;
	upper->end = v->end;
	upper->prot = v->prot;
	upper->flags = v->flags;
	upper->file = v->file;
	mm_file_ref(upper->file, 1);
	upper->file_origin = v->file_origin;
	v->end = addr; /* shrinking in place keeps the order, so insert finds room */
	vma_insert(s, upper);
	return upper;
}

/* Returns true if a and b touch and are the same anonymous memory or the same file's. */
bool vma_mergeable(const struct vma *a, const struct vma *b)
{
	if (!a || !b || a->end != b->start || a->prot != b->prot || a->flags != b->flags)
		return false;
	if (a->flags & VMA_FILE)
		return a->file == b->file && a->file_origin == b->file_origin;
	return a->flags & VMA_ANON;
}

/* Absorbs v's successor into v when they are mergeable; returns the successor to free. */
struct vma *vma_merge_next(struct vma_set *s, struct vma *v)
{
	struct vma *n = vma_next(v);
	if (!vma_mergeable(v, n))
		return NULL;
	vma_remove(s, n);
	v->end = n->end; /* after the removal, so the set never holds an overlap */
	return n;
}

/* Returns v's start minus the guard for a grows-down area (0 if that wraps). */
uint64_t vma_start_gap(const struct vma *v, uint64_t guard)
{
	if (!(v->flags & VMA_GROWSDOWN))
		return v->start;
	return v->start >= guard ? v->start - guard : 0;
}

/*
 * Walks gaps from the limit down: each gap lies between one area's end
 * (or 0) and the effective start of the area above it (or the limit).
 */
uint64_t vma_gap_topdown(const struct vma_set *s, uint64_t len, uint64_t floor, uint64_t limit,
			 uint64_t guard)
{
	if (len == 0 || limit < floor || limit - floor < len)
		return VMA_NO_GAP;
	struct vma *above = vma_find(s, limit);
	uint64_t hi = limit;
	if (above && vma_start_gap(above, guard) < hi)
		hi = vma_start_gap(above, guard);
	struct vma *below = above ? vma_prev(above) : vma_last(s);
	for (;;) {
		uint64_t lo = below ? below->end : 0;
		if (lo < floor)
			lo = floor;
		if (hi >= lo && hi - lo >= len)
			return hi - len;
		if (!below || below->end <= floor)
			return VMA_NO_GAP;
		uint64_t g = vma_start_gap(below, guard);
		if (g < hi)
			hi = g;
		below = vma_prev(below);
	}
}

/* Walks gaps from the floor up; the mirror image of vma_gap_topdown. */
uint64_t vma_gap_bottomup(const struct vma_set *s, uint64_t len, uint64_t floor, uint64_t limit,
			  uint64_t guard)
{
	if (len == 0 || limit < floor || limit - floor < len)
		return VMA_NO_GAP;
	struct vma *above = vma_find(s, floor);
	uint64_t lo = floor;
	if (above && above->start <= floor) {
		lo = above->end;
		above = vma_next(above);
	}
	for (;;) {
		uint64_t hi = above ? vma_start_gap(above, guard) : limit;
		if (hi > limit)
			hi = limit;
		if (hi >= lo && hi - lo >= len)
			return lo;
		if (!above || above->end >= limit)
			return VMA_NO_GAP;
		lo = above->end;
		above = vma_next(above);
	}
}

/*
 * Checks subtree n: links, heights, balance, and that its ranges lie in
 * [lo, hi). Counts nodes into *count. Recursion depth is the tree height,
 * at most about 1.44 log2(n) (24 for 65530 areas).
 */
static const char *check_subtree(const struct vma *n, const struct vma *parent, uint64_t lo,
				 uint64_t hi, size_t *count)
{
	if (!n)
		return NULL;
	if (n->parent != parent)
		return "a node's parent link is wrong";
	if (n->start >= n->end)
		return "a VMA is empty or inverted";
	if ((n->start & PAGE_MASK) || (n->end & PAGE_MASK))
		return "a VMA is not page-aligned";
	if (n->start < lo || n->end > hi)
		return "VMAs are out of order or overlap";
	const char *why = check_subtree(n->left, n, lo, n->start, count);
	if (!why)
		why = check_subtree(n->right, n, n->end, hi, count);
	if (why)
		return why;
	int l = height(n->left), r = height(n->right);
	if (n->height != (l > r ? l : r) + 1)
		return "a node's height is wrong";
	if (l - r > 1 || r - l > 1)
		return "the tree is not AVL-balanced";
	(*count)++;
	return NULL;
}

/* Checks the whole tree, then that walking it in order agrees with the count. */
const char *vma_check_why(const struct vma_set *s)
{
	size_t n = 0;
	const char *why = check_subtree(s->root, NULL, 0, UINT64_MAX, &n);
	if (why)
		return why;
	if (n != s->count)
		return "the VMA count does not match the tree";
	size_t walked = 0;
	const struct vma *prev = NULL;
	for (const struct vma *v = vma_first(s); v; v = vma_next(v)) {
		if (prev && prev->end > v->start)
			return "in-order walk is not sorted";
		prev = v;
		if (++walked > n)
			return "in-order walk does not end";
	}
	if (walked != n)
		return "in-order walk misses nodes";
	return NULL;
}

/* Returns true if every invariant holds. */
bool vma_check(const struct vma_set *s)
{
	return vma_check_why(s) == NULL;
}
