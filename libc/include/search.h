/*
 * search.h - POSIX's tables: linear search of an array (lfind, lsearch),
 * a binary search tree (tsearch, tfind, tdelete, twalk; GNU's tdestroy)
 * and one hash table (hcreate, hsearch, hdestroy). libc/search/.
 */
#ifndef _SEARCH_H
#define _SEARCH_H

#include <stddef.h>

/* The element equal to key in base[0, *n) (cmp(a, b) == 0), or NULL;
 * lsearch appends key (n grows) when there is none. */
void *lfind(const void *key, const void *base, size_t *n, size_t size,
	    int (*cmp)(const void *, const void *));
void *lsearch(const void *key, void *base, size_t *n, size_t size,
	      int (*cmp)(const void *, const void *));

/* A tree is a void *root (NULL: empty). A node starts with its key's
 * pointer, so *(void **)node is the key. tsearch finds or adds key (NULL
 * if out of memory); tfind finds it; tdelete removes it, returning its
 * parent (some node if it was the root; NULL if key is not there). */
void *tsearch(const void *key, void **root, int (*cmp)(const void *, const void *));
void *tfind(const void *key, void *const *root, int (*cmp)(const void *, const void *));
void *tdelete(const void *__restrict key, void **__restrict root,
	      int (*cmp)(const void *, const void *));
/* twalk calls action at each node: preorder (before its children),
 * postorder (between them: the nodes in key order), endorder (after
 * them), or once as leaf for a node without children; depth 0 is the root. */
typedef enum { preorder, postorder, endorder, leaf } VISIT;
void twalk(const void *root, void (*action)(const void *node, VISIT which, int depth));
/* Frees every node, calling free_key on each key (GNU). */
void tdestroy(void *root, void (*free_key)(void *key));

/* The one hash table: hcreate makes it for nel entries (0 if out of
 * memory), hsearch finds item's key (FIND) or adds item if it is not
 * there (ENTER; NULL when the table is full), hdestroy frees it. */
typedef struct entry {
	char *key;
	void *data;
} ENTRY;
typedef enum { FIND, ENTER } ACTION;
int hcreate(size_t nel);
ENTRY *hsearch(ENTRY item, ACTION action);
void hdestroy(void);

#endif
