/*
 * bst.c - a binary search tree of integers read from standard input:
 * insert, search, in-order and pre-order walks, height, delete, free.
 */
#include <stdio.h>
#include <stdlib.h>

struct tree {
	int key;
	struct tree *left, *right;
};

/* Returns the tree with key inserted (a duplicate is ignored). */
static struct tree *insert(struct tree *t, int key)
{
	if (!t) {
		t = malloc(sizeof *t);
		if (!t)
			abort();
		t->key = key;
		t->left = t->right = NULL;
	} else if (key < t->key)
		t->left = insert(t->left, key);
	else if (key > t->key)
		t->right = insert(t->right, key);
	return t;
}

/* Returns 1 if key is in the tree, and prints the path taken. */
static int search(const struct tree *t, int key)
{
	printf("search %d:", key);
	while (t) {
		printf(" %d", t->key);
		if (key == t->key) {
			printf(" found\n");
			return 1;
		}
		t = key < t->key ? t->left : t->right;
	}
	printf(" not found\n");
	return 0;
}

/* Returns the tree without key: a node with two children takes the
 * smallest key of its right subtree. */
static struct tree *delete (struct tree *t, int key)
{
	if (!t)
		return NULL;
	if (key < t->key)
		t->left = delete (t->left, key);
	else if (key > t->key)
		t->right = delete (t->right, key);
	else if (t->left && t->right) {
		struct tree *m = t->right;
		while (m->left)
			m = m->left;
		t->key = m->key;
		t->right = delete (t->right, m->key);
	} else {
		struct tree *child = t->left ? t->left : t->right;
		free(t);
		return child;
	}
	return t;
}

/* Returns the number of levels of the tree (0 for an empty one). */
static int height(const struct tree *t)
{
	if (!t)
		return 0;
	int l = height(t->left), r = height(t->right);
	return 1 + (l > r ? l : r);
}

static void inorder(const struct tree *t)
{
	if (t) {
		inorder(t->left);
		printf(" %d", t->key);
		inorder(t->right);
	}
}

static void preorder(const struct tree *t)
{
	if (t) {
		printf(" %d", t->key);
		preorder(t->left);
		preorder(t->right);
	}
}

static void destroy(struct tree *t)
{
	if (t) {
		destroy(t->left);
		destroy(t->right);
		free(t);
	}
}

int main(void)
{
	struct tree *root = NULL;
	int key, n = 0;
	while (scanf("%d", &key) == 1) {
		root = insert(root, key);
		n++;
	}
	printf("%d keys read, height %d\nin order:", n, height(root));
	inorder(root);
	printf("\npre-order:");
	preorder(root);
	printf("\n");
	search(root, 37);
	search(root, 38);
	root = delete (root, 50);
	root = delete (root, 12);
	root = delete (root, 999);
	printf("after deleting 50, 12, 999:");
	inorder(root);
	printf("\nheight %d\n", height(root));
	destroy(root);
	return 0;
}
