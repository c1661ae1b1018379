/*
 * vma.h - virtual memory areas: the set of address ranges a process may use.
 *
 * A VMA (virtual memory area) is a page-aligned range [start, end) of a
 * user address space with one protection and one kind (anonymous memory,
 * heap, stack, a segment of the program image). A struct vma_set holds a
 * process's VMAs, which never overlap, in an AVL tree keyed by start
 * (vma.c explains the tree). This is pure code: it never allocates, never
 * touches page tables and keeps no globals; the caller owns every struct
 * vma and lends it to the set (see mm.h for who allocates them).
 *
 * Typical loop:
 *
 *	for (struct vma *v = vma_first(s); v; v = vma_next(v))
 *		...
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kinds of area (struct vma.flags). */
#define VMA_ANON 0x01	   /* anonymous memory: zero-filled on first touch */
#define VMA_SHARED 0x02	   /* MAP_SHARED: fork shares its frames (cow.c) */
#define VMA_HEAP 0x04	   /* made by brk */
#define VMA_STACK 0x08	   /* the main thread's stack */
#define VMA_GROWSDOWN 0x10 /* grows down on a fault just below it */
#define VMA_IMAGE 0x20	   /* a segment of the program's ELF image */
#define VMA_ACCOUNT 0x40   /* charged against the RAM budget (Linux VM_ACCOUNT) */
#define VMA_NORESERVE 0x80 /* MAP_NORESERVE: never charged */
/* Kept for what later calls observe (Linux's VM_LOCKED, VM_DROPPABLE...). */
#define VMA_LOCKED 0x100      /* MAP_LOCKED, mlock: paged in, madvise may not discard its pages */
#define VMA_DROPPABLE 0x200   /* MAP_DROPPABLE: never KEEPONFORK or DODUMP */
#define VMA_DONTFORK 0x400    /* MADV_DONTFORK (until DOFORK) */
#define VMA_WIPEONFORK 0x800  /* MADV_WIPEONFORK (until KEEPONFORK) */
#define VMA_DONTDUMP 0x1000   /* MADV_DONTDUMP (until DODUMP) */
#define VMA_FILE 0x2000	      /* maps a file's pages (file, file_origin below) */
#define VMA_NOMAYWRITE 0x4000 /* mprotect may not add PROT_WRITE (Linux's !VM_MAYWRITE) */
#define VMA_LOCKONFAULT                                                                            \
	0x8000 /* with VMA_LOCKED: locked as touched, not paged in (mlock2, MCL_ONFAULT) */
#define VMA_NOMAYEXEC 0x10000 /* a file of a noexec mount: mprotect may not add PROT_EXEC */

/* Returned by the gap searches when no gap fits. */
#define VMA_NO_GAP UINT64_MAX

struct mm_file; /* mm/pagecache.h: a file the page cache can serve */

struct vma {
	uint64_t start, end; /* [start, end), page-aligned, start < end */
	unsigned prot;	     /* PROT_READ|PROT_WRITE|PROT_EXEC (mm/mman.h) */
	unsigned flags;	     /* VMA_* */
	/*
	 * A VMA_FILE area: the file, and the address where its byte 0 would
	 * be (start minus the mapping's offset, modulo 2^64). Kept as an
	 * origin rather than an offset so that trimming or splitting an area
	 * never has to adjust it: the page at va is file page
	 * (va - file_origin) / PAGE_SIZE in every piece.
	 */
	const struct mm_file *file;
	uint64_t file_origin;
	/* AVL links: private to vma.c */
	struct vma *left, *right, *parent;
	int height; /* of the subtree rooted here; a leaf has 1 */
};

struct vma_set {
	struct vma *root;
	size_t count;
};

/* Makes s empty. */
void vma_set_init(struct vma_set *s);

/* Returns the number of VMAs in s. */
size_t vma_count(const struct vma_set *s);

/* Returns the VMA containing addr, or NULL. O(log n). */
struct vma *vma_lookup(const struct vma_set *s, uint64_t addr);

/*
 * Returns the first VMA with end > addr (the one containing addr, or else
 * the next one above it), or NULL: Linux's find_vma(). O(log n).
 */
struct vma *vma_find(const struct vma_set *s, uint64_t addr);

/* Return the lowest and the highest VMA of s, or NULL if s is empty. */
struct vma *vma_first(const struct vma_set *s);
struct vma *vma_last(const struct vma_set *s);

/* Return the VMA just above / just below v in address order, or NULL. */
struct vma *vma_next(const struct vma *v);
struct vma *vma_prev(const struct vma *v);

/*
 * Adds v (start, end, prot, flags filled in) to s. Returns false, leaving
 * s unchanged, if v is empty, misaligned or overlaps a VMA already there.
 */
bool vma_insert(struct vma_set *s, struct vma *v);

/* Takes v out of s; the caller gets v back to free. */
void vma_remove(struct vma_set *s, struct vma *v);

/*
 * Splits v at addr (page-aligned, strictly inside v): v keeps
 * [v->start, addr) and upper, supplied by the caller, becomes
 * [addr, old end) with v's prot and flags. Returns upper.
 */
struct vma *vma_split(struct vma_set *s, struct vma *v, uint64_t addr, struct vma *upper);

/*
 * Returns true if a and b may become one VMA: a ends where b starts, with
 * the same prot and flags, and both are anonymous or both map the same
 * file at the same origin (b continues a's pages of the file).
 */
bool vma_mergeable(const struct vma *a, const struct vma *b);

/*
 * Merges v with the VMA just above it if vma_mergeable(): v grows to
 * cover it, and the absorbed VMA is removed from s and returned for the
 * caller to free. Returns NULL (nothing changed) otherwise.
 */
struct vma *vma_merge_next(struct vma_set *s, struct vma *v);

/*
 * Returns where v effectively starts for placement: a VMA_GROWSDOWN area
 * keeps `guard` bytes free below it (Linux's vm_start_gap), clamped at 0.
 */
uint64_t vma_start_gap(const struct vma *v, uint64_t guard);

/*
 * Returns the highest a with [a, a + len) free, floor <= a and
 * a + len <= limit, keeping `guard` bytes free below VMA_GROWSDOWN areas;
 * VMA_NO_GAP if none. floor, limit and len must be page-aligned.
 */
uint64_t vma_gap_topdown(const struct vma_set *s, uint64_t len, uint64_t floor, uint64_t limit,
			 uint64_t guard);

/* Same, but returns the lowest such a (bottom-up placement, MAP_32BIT). */
uint64_t vma_gap_bottomup(const struct vma_set *s, uint64_t len, uint64_t floor, uint64_t limit,
			  uint64_t guard);

/*
 * Verifies every invariant of s: parent links, order, no overlap, page
 * alignment, heights and AVL balance, the count. Returns NULL if all hold,
 * else a sentence naming the first broken one.
 */
const char *vma_check_why(const struct vma_set *s);

/* Returns true if vma_check_why() finds nothing wrong. */
bool vma_check(const struct vma_set *s);

#endif
