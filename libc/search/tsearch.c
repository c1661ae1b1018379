/*
 * tsearch.c - POSIX's binary search tree: tsearch, tfind, tdelete, twalk,
 * and GNU's tdestroy. The tree is an AVL tree: after each insertion or
 * deletion the heights of a node's two subtrees differ by at most one
 * (rebalanced by rotations on the way back up), so every operation takes
 * O(log n) steps whatever order the keys come in (keys in order would
 * make an unbalanced tree a list). A node is malloc'd; its first member is
 * the key's pointer, as POSIX's *(void **)node requires.
 */
#include <search.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

struct node {
	const void *key; /* first: the caller reads it as *(void **)node */
	struct node *left, *right;
	int height; /* of the subtree: a leaf has 1 */
};

static int height(const struct node *n)
{
	return n ? n->height : 0;
}

/* Recomputes n's height from its children's. */
static void fix_height(struct node *n)
{
	int l = height(n->left), r = height(n->right);
	n->height = 1 + (l > r ? l : r);
}

/* n's left child takes its place, n becomes its right child. */
static struct node *rotate_right(struct node *n)
{
	struct node *l = n->left;
	n->left = l->right;
	l->right = n;
	fix_height(n);
	fix_height(l);
	return l;
}

static struct node *rotate_left(struct node *n)
{
	struct node *r = n->right;
	n->right = r->left;
	r->left = n;
	fix_height(n);
	fix_height(r);
	return r;
}

/* The subtree at n with its heights within one of each other again (one
 * of them changed by one): the new root of the subtree. */
static struct node *rebalance(struct node *n)
{
	fix_height(n);
	int lean = height(n->left) - height(n->right);
	if (lean > 1) {
		if (height(n->left->left) < height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (lean < -1) {
		if (height(n->right->right) < height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	return n;
}

/* Adds key below n (if it is not there): the new root of the subtree;
 * *found is the node that holds key, NULL if there was no memory. */
static struct node *insert(struct node *n, const void *key, cmp_fn cmp, struct node **found)
{
	if (!n) {
		struct node *m = malloc(sizeof *m);
		*found = m;
		if (m) {
			m->key = key;
			m->left = m->right = NULL;
			m->height = 1;
		}
		return m;
	}
	int c = cmp(key, n->key);
	if (c == 0) {
		*found = n;
		return n;
	}
	if (c < 0)
		n->left = insert(n->left, key, cmp, found);
	else
		n->right = insert(n->right, key, cmp, found);
	return rebalance(n);
}

void *tsearch(const void *key, void **root, int (*cmp)(const void *, const void *))
{
	if (!root)
		return NULL;
	struct node *found;
	*root = insert(*root, key, cmp, &found);
	return found;
}

void *tfind(const void *key, void *const *root, int (*cmp)(const void *, const void *))
{
	if (!root)
		return NULL;
	for (struct node *n = *root; n;) {
		int c = cmp(key, n->key);
		if (c == 0)
			return n;
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Takes the smallest node out of the subtree at n into *min: the new root. */
static struct node *take_min(struct node *n, struct node **min)
{
	if (!n->left) {
		*min = n;
		return n->right;
	}
	n->left = take_min(n->left, min);
	return rebalance(n);
}

/* Removes key from the subtree at n, whose parent is parent: the new root
 * of the subtree; *parent_out is the removed node's parent (unchanged if
 * key is not there). */
static struct node *erase(struct node *n, const void *key, cmp_fn cmp, struct node *parent,
			  void **parent_out)
{
	if (!n)
		return NULL;
	int c = cmp(key, n->key);
	if (c < 0) {
		n->left = erase(n->left, key, cmp, n, parent_out);
	} else if (c > 0) {
		n->right = erase(n->right, key, cmp, n, parent_out);
	} else {
		*parent_out = parent;
		struct node *l = n->left, *r = n->right, *min;
		free(n);
		if (!r)
			return l;
		r = take_min(r, &min); /* its successor takes its place */
		min->left = l;
		min->right = r;
		return rebalance(min);
	}
	return rebalance(n);
}

void *tdelete(const void *restrict key, void **restrict root,
	      int (*cmp)(const void *, const void *))
{
	if (!root || !*root)
		return NULL;
	void *parent = NULL, *sentinel = root; /* the root's "parent": any non-NULL pointer */
	*root = erase(*root, key, cmp, sentinel, &parent);
	return parent;
}

/* Visits the subtree at n, of depth depth, as twalk describes. */
static void walk(const struct node *n, void (*action)(const void *, VISIT, int), int depth)
{
	if (!n->left && !n->right) {
		action(n, leaf, depth);
		return;
	}
	action(n, preorder, depth);
	if (n->left)
		walk(n->left, action, depth + 1);
	action(n, postorder, depth);
	if (n->right)
		walk(n->right, action, depth + 1);
	action(n, endorder, depth);
}

void twalk(const void *root, void (*action)(const void *node, VISIT which, int depth))
{
	if (root && action)
		walk(root, action, 0);
}

void tdestroy(void *root, void (*free_key)(void *key))
{
	struct node *n = root;
	if (!n)
		return;
	tdestroy(n->left, free_key);
	tdestroy(n->right, free_key);
	if (free_key)
		free_key((void *)n->key);
	free(n);
}
