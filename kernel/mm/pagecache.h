/*
 * pagecache.h - the page cache: one frame per (file, page index), shared
 * by every process that maps that page of the file.
 *
 * A file is described to the memory code by a struct mm_file: where its
 * bytes are and how many there are (the boot file system is read-only, so
 * neither ever changes), and what /proc/<pid>/maps prints for it. The
 * file system embeds one in each of its nodes (fs/node.h) and hands it to
 * mmap; the cache keys its pages on the struct's address. A file of /tmp
 * (fs/tmpfs.c) is its pages: it gives them itself (page), its size
 * changes, and every area that maps it holds it (ref), so that it
 * outlives its name while mapped.
 *
 * pagecache.c explains when a page is filled and when it is dropped.
 */
#ifndef MM_PAGECACHE_H
#define MM_PAGECACHE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct mm_file {
	const uint8_t *data; /* the file's bytes, size of them */
	uint64_t size;
	uint64_t ino;	  /* for /proc/<pid>/maps: the inode number */
	uint32_t dev;	  /* and the device, (major << 8) | minor */
	const void *node; /* the file system's own node (procfs prints its path) */
	/* A file whose pages are its bytes: the frame of page index with a
	 * reference added for the caller (made for a hole), 0 for no memory,
	 * or 0 with *full set when its file system has no room for the page;
	 * NULL: the cache's copy of data. */
	uint64_t (*page)(const struct mm_file *f, uint64_t index, bool *full);
	/* Counts an area that maps the file (delta 1) or one that goes (-1);
	 * NULL: the file lives for the whole boot. */
	void (*ref)(const struct mm_file *f, int delta);
};

/* One more area (delta 1) or one fewer (-1) names f: f->ref's count. */
static inline void mm_file_ref(const struct mm_file *f, int delta)
{
	if (f && f->ref)
		f->ref(f, delta);
}

/*
 * Returns the frame holding page `index` of f (bytes index * PAGE_SIZE
 * on, zeroes past the end of the file), with one reference added for the
 * caller, who maps it; filled from f's bytes on the first call. Returns 0
 * when no frame (or no kernel-heap entry) is left even after dropping the
 * pages nobody maps, and sets *full when the file's own file system has no
 * room for the page (f->page: /tmp is full). The caller checks that the
 * page is inside the file.
 */
uint64_t pagecache_get(const struct mm_file *f, uint64_t index, bool *full);

/*
 * Drops every cached page that only the cache references (no mapping
 * left); returns how many frames went back to the frame allocator.
 */
size_t pagecache_trim(void);

/* Returns the number of pages in the cache now. */
size_t pagecache_pages(void);

/* Returns the frame caching page index of f, or 0: tests look with it. */
uint64_t pagecache_lookup(const struct mm_file *f, uint64_t index);

#endif
