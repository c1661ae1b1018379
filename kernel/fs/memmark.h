/*
 * memmark.h - what a leak check compares before and after a program
 * (main.c's boot modules, the console's run): the kernel's memory, with
 * what the files of /tmp hold counted as in use, not lost (memmark.c).
 */
#ifndef FS_MEMMARK_H
#define FS_MEMMARK_H

#include <stdbool.h>
#include <stdint.h>

struct mem_mark {
	uint64_t free_frames;	    /* settled: the heap's empty slabs given back */
	uint64_t heap_frames;	    /* the kernel heap's pages */
	uint64_t file_frames;	    /* the pages of /tmp's files */
	unsigned long objects;	    /* live kernel-heap objects */
	unsigned long file_objects; /* of those, /tmp's nodes and page tables */
};

/* Takes the mark now. */
void mem_mark_take(struct mem_mark *m);

/*
 * True if nothing was lost between before and after. With no file in
 * /tmp at either mark: exactly the free frames and the heap's objects of
 * before. Otherwise the objects other than the files', and the frames
 * free, in the heap or in files taken together (the heap's pages hold
 * the files' nodes beside other objects, so they are not told apart).
 */
bool mem_mark_same(const struct mem_mark *before, const struct mem_mark *after);

#endif
