/*
 * memmark.c - the leak check's marks (memmark.h).
 *
 * A program may leave files in /tmp: their pages and nodes are memory in
 * use, which `rm` gives back, not a leak. So the check counts them apart.
 * It stays as strict as it can: the heap's objects are compared without
 * the files' own, always; the free frames exactly whenever /tmp holds
 * nothing at either mark, the common case of a program that cleans up.
 */
#include "fs/memmark.h"
#include "fs/tmpfs.h"
#include "mm/kheap.h"
#include "mm/kmalloc.h"

void mem_mark_take(struct mem_mark *m)
{
	m->free_frames = kheap_settled_free_frames();
	m->heap_frames = kheap_pages_held();
	m->file_frames = tmpfs_frames();
	m->objects = kheap_live_objects();
	m->file_objects = tmpfs_objects();
}

bool mem_mark_same(const struct mem_mark *b, const struct mem_mark *a)
{
	if (b->objects - b->file_objects != a->objects - a->file_objects)
		return false;
	if (!b->file_objects && !a->file_objects)
		return b->free_frames == a->free_frames;
	return b->free_frames + b->heap_frames + b->file_frames ==
	       a->free_frames + a->heap_frames + a->file_frames;
}
