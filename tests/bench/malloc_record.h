/*
 * malloc_record.h - records a program's malloc, realloc and free calls as a
 * malloc-lab trace (CS:APP's .rep format, as tests/labs/malloc/replay.c
 * reads it), so that a real program's allocations can be replayed on every
 * allocator (tools/bench-malloc.py).
 */
#ifndef MALLOC_RECORD_H
#define MALLOC_RECORD_H

#include <stddef.h>

/* Nonzero while a recording is open (the hooks below do nothing otherwise). */
extern int record_on;

/* Starts recording into the file at path; returns 0, or -1 (errno set). */
int record_open(const char *path);

/* Notes that malloc (or calloc) of n bytes returned p. */
void record_malloc(void *p, size_t n);

/* Around realloc(old, n) that returns p: _begin(old) before the call (old
 * NULL: a malloc), _end(p, n) after it (p NULL: it failed, old stays). */
void record_realloc_begin(void *old);
void record_realloc_end(void *p, size_t n);

/* Notes free(p), called before the free; a pointer the recording never saw
 * (NULL included) is ignored. */
void record_free(void *p);

/* Writes the trace and ends the recording; returns 0, or -1 (errno set). */
int record_close(void);

#endif
