/*
 * report.h - the allocator's error reports: a leaf, so that every layer
 * can report a damaged heap without knowing the layers above it.
 *
 * heap_error() is the always-on checks' report (HEAP ERROR
 * [double-free], [invalid-free], [heap-corruption]); report_print() and
 * report_abort() write any memerr report (common/memerr: the catalogue
 * and layout the kernel heap shares) to standard error, for the checking
 * modes too. report_ctx holds what a report names besides the pointer:
 * the program's call site and, in MALLOC_CHECK=1, the program's block.
 * Defined in report.c.
 */
#ifndef LIBC_MALLOC_REPORT_H
#define LIBC_MALLOC_REPORT_H

#include "memerr/memerr.h"

#include <stdint.h>

/* What the always-on checks find. */
enum herr { E_DOUBLE, E_INVALID, E_CORRUPT };

/* What a report names besides the pointer it was given. */
struct report_context {
	uintptr_t site;	      /* the caller of the public function (0: unknown) */
	uintptr_t shown;      /* MALLOC_CHECK=1: the program's pointer, when the allocator
			       * works on the heap block beneath it (0: none) */
	const char *shown_fn; /* ... and the call the program made with it */
};

/*
 * Shared between the allocator's files, and nothing else: hidden, and
 * linked as __im_<name> (asm labels), so that libc.a takes no ordinary
 * name away from the programs it serves.
 */
#pragma GCC visibility push(hidden)

extern struct report_context report_ctx __asm__("__im_report_ctx");

/* Reports error e found by call fn on pointer p (what: the detail line)
 * and ends the program with status 134; never returns. */
__attribute__((noreturn, cold, noinline)) void
heap_error(enum herr e, const char *fn, const void *p, const char *what) __asm__("__im_heap_error");
/* memerr_format's sink (ctx unused): writes line and a newline to standard
 * error; the leak report's own lines go out through it too. */
void report_emit(void *ctx, const char *line) __asm__("__im_report_emit");
/* Writes report r to standard error (filling in the program's name). */
void report_print(struct memerr_report *r) __asm__("__im_report_print");
/* report_print, then the end of the program with status 134, as abort(). */
__attribute__((noreturn)) void report_abort(struct memerr_report *r) __asm__("__im_report_abort");

#pragma GCC visibility pop

#endif
