/*
 * memerr.h - the memory-error reports that the kernel heap (kernel/mm/
 * kheap_debug.c), the kernel's fault handler (kernel/proc/fault.c) and the
 * user malloc's checker (libc/malloc/debug*.c) print: one catalogue of
 * errors named in the words of OSTEP's "Interlude: Memory API", one fill
 * pattern per state, one report layout.
 *
 * Freestanding: no libc, no kernel library. Whoever prints supplies a
 * function that writes one line, and one that names a code address.
 *
 * A report:
 *
 *   HEAP ERROR [heap-overflow]: not allocating enough memory (...): detail
 *     address:        0x4052a5, 5 bytes from the block's start, 0 past its end
 *     block:          0x4052a0, 5 bytes requested
 *     first bad byte: block+5 = 0x00, expected 0xcc
 *     allocated by:   main+0x1c (0x401156)
 *     freed by:       -
 *     found by:       free(0x4052a0) called from main+0x3a (0x401174)
 *     faulting code:  (for a fault: the instruction)
 *     source lines:   addr2line -f -e prog 0x401156 0x401174
 *     action:         abort (exit status 134)
 *
 * The first line is stable, for people and for tests to match; the lines
 * after it appear only when the fact is known.
 */
#ifndef COMMON_MEMERR_H
#define COMMON_MEMERR_H

#include <stddef.h>
#include <stdint.h>

/* The errors, in the chapter's order; ids as printed between brackets. */
enum memerr_id {
	MEMERR_NULL_POINTER,	/* forgetting to allocate: NULL used */
	MEMERR_WILD_POINTER,	/* forgetting to allocate: garbage used */
	MEMERR_HEAP_OVERFLOW,	/* not allocating enough memory */
	MEMERR_UNINIT_READ,	/* forgetting to initialize allocated memory */
	MEMERR_LEAK,		/* forgetting to free memory */
	MEMERR_USE_AFTER_FREE,	/* freeing memory before you are done with it */
	MEMERR_DOUBLE_FREE,	/* freeing memory repeatedly */
	MEMERR_INVALID_FREE,	/* calling free() incorrectly */
	MEMERR_HEAP_CORRUPTION, /* beyond the list: the allocator's own records */
	MEMERR_STACK_OVERFLOW,	/* beyond the list: the stack hit its guard */
	MEMERR_COUNT
};

/*
 * The byte patterns, as Linux's SLUB (include/linux/poison.h). Eight of
 * any of them make a non-canonical address, so a pointer loaded from
 * such memory faults at once, and memerr_pattern_origin() names it.
 */
#define MEMERR_FILL_NEW 0x5a   /* allocated, never written */
#define MEMERR_FILL_FREED 0x6b /* freed */
#define MEMERR_REDZONE 0xcc    /* beyond the requested size */

/* The facts of one report. Zero means "not known" for every field but id. */
struct memerr_report {
	enum memerr_id id;
	const char *kind;   /* "HEAP ERROR" (default) or "SEGFAULT" */
	const char *detail; /* what exactly, appended to the first line */
	uintptr_t addr;	    /* the bad address, or the pointer passed */
	uintptr_t block;    /* start of the block it belongs to */
	size_t size;	    /* the block's exact requested size */
	int size_known;	    /* size is valid (it may be 0) */
	const char *where;  /* a word on the block: "live", "freed", ... */
	long bad_off;	    /* first bad byte from block; used if bad_known */
	int bad_known, bad_val, expected;
	uintptr_t alloc_site, free_site;
	const char *found_call; /* "free", "realloc", "exit", "a page fault" */
	uintptr_t found_arg;	/* the pointer passed to found_call */
	uintptr_t found_site;	/* where found_call was called from */
	uintptr_t pc;		/* a fault: the instruction that faulted */
	const char *program;	/* if set: the addr2line command is shown */
	const char *action;	/* last line: "abort (exit status 134)" */
};

/* Writes one line of a report (no newline at the end). */
typedef void (*memerr_emit_fn)(void *ctx, const char *line);
/* Names a code address into buf, e.g. "main+0x1c (0x401156)". */
typedef void (*memerr_symbolize_fn)(uintptr_t addr, char *buf, size_t size);

/* Returns the id as printed between the brackets, e.g. "heap-overflow". */
const char *memerr_id_name(enum memerr_id id);

/* Returns the chapter's words for the error, e.g. "not allocating enough memory". */
const char *memerr_textbook(enum memerr_id id);

/*
 * Writes report r line by line through emit. sym may be NULL (addresses
 * are then printed in hex).
 */
void memerr_format(const struct memerr_report *r, memerr_emit_fn emit, void *ctx,
		   memerr_symbolize_fn sym);

/*
 * Returns the offset of the first of n bytes at p that is not `byte`, or
 * -1 if all are: the check of a red zone, a fill or a poison.
 */
long memerr_find_bad(const void *p, size_t n, int byte);

/*
 * Returns what a pointer value made of one repeated byte says about where
 * it came from (a compiler's or an allocator's fill), or NULL; sets *id to
 * the error it points to.
 */
const char *memerr_pattern_origin(uint64_t value, enum memerr_id *id);

/* A line being built: the pieces of a report, without any printf. */
struct memerr_line {
	char text[400];
	size_t len;
};

void memerr_put(struct memerr_line *l, const char *s);
void memerr_put_hex(struct memerr_line *l, uint64_t v);
void memerr_put_dec(struct memerr_line *l, uint64_t v);
void memerr_put_signed(struct memerr_line *l, int64_t v);

#endif
