/*
 * report.c - the allocator's error reports (report.h): the always-on
 * checks' HEAP ERROR report, and the printing of every report, that of
 * the checking modes too, as a memerr report (common/memerr) on standard
 * error.
 *
 * The header is a leaf, so that the lowest layer can call heap_error;
 * this file alone looks up: to name the block a bad pointer points into,
 * heap_error asks core_block_start (core.h), the one call a report makes
 * into the allocator.
 */
#include "malloc/core.h"
#include "malloc/os.h"
#include "malloc/report.h"

#include <stdbool.h>

struct report_context report_ctx;

/* ------------------------------------------------------------------ */
/* printing reports */

/* memerr_format's sink: one line to standard error. */
void report_emit(void *ctx, const char *line)
{
	(void)ctx;
	size_t n = 0;
	while (line[n])
		n++;
	im_os_write_err(line, n);
	im_os_write_err("\n", 1);
}

/* Writes report r to standard error, naming the program (for addr2line). */
void report_print(struct memerr_report *r)
{
	if (!r->program)
		r->program = im_os_progname();
	memerr_format(r, report_emit, NULL, NULL);
}

/* Writes report r and ends the program with status 134, as abort() would. */
void report_abort(struct memerr_report *r)
{
	if (!r->action)
		r->action = "abort (exit status 134)";
	report_print(r);
	im_os_die(134);
}

/* ------------------------------------------------------------------ */
/* the always-on checks' report */

/*
 * Prints the diagnosis and ends the program with status 134 (128 +
 * SIGABRT). The always-on checks know no sizes or allocation sites (the
 * checking modes do); they name the block when p points inside one.
 */
__attribute__((noreturn, cold, noinline)) void heap_error(enum herr e, const char *fn,
							  const void *p, const char *what)
{
	static const enum memerr_id ids[] = {[E_DOUBLE] = MEMERR_DOUBLE_FREE,
					     [E_INVALID] = MEMERR_INVALID_FREE,
					     [E_CORRUPT] = MEMERR_HEAP_CORRUPTION};
	if (report_ctx.shown) { /* mode 1 works on the heap block under the program's */
		p = (const void *)report_ctx.shown;
		fn = report_ctx.shown_fn;
	}
	struct memerr_report r = {.id = ids[e],
				  .detail = what,
				  .addr = (uintptr_t)p,
				  .found_call = fn,
				  .found_arg = (uintptr_t)p,
				  .found_site = report_ctx.site};
	bool is_free;
	uintptr_t block = e == E_INVALID ? core_block_start((uintptr_t)p, &is_free) : 0;
	if (block && block != (uintptr_t)p) {
		r.block = block;
		r.where =
		    is_free ? "free" : "live; its size is recorded only with MALLOC_CHECK=1 or 2";
	}
	report_abort(&r);
}
