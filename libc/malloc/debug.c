/*
 * debug.c - the allocator's checking modes, chosen at run time with the
 * environment variable MALLOC_CHECK (no rebuild):
 *
 *   MALLOC_CHECK unset or 0: the allocator's always-on checks only
 *     (double free, invalid free, damaged records; malloc.c, check.c).
 *   MALLOC_CHECK=1: every block between red zones that start at the exact
 *     requested size; new blocks filled with 0x5a, freed ones with 0x6b
 *     and held in a quarantine before their memory is reused; red zones
 *     and poison checked at free, realloc, when a block leaves the
 *     quarantine, and at exit; the allocation and free sites of every
 *     block; a leak report at exit; a SIGSEGV handler that names the
 *     error of a fault (debug_redzone.c, debug_fault.c).
 *   MALLOC_CHECK=2: every block on pages of its own, ending at a guard
 *     page; its pages inaccessible until first written; freed pages made
 *     inaccessible and never reused. An overflow, a read of memory never
 *     written and a use after free fault at the very access, and the
 *     handler reports them against the block (debug_guard.c).
 *
 * THEORY OF OPERATION. The mode is read on the first call of any malloc
 * function: dbg_mode is -1 until then, and the public functions' fast
 * paths test dbg_mode == 0 (one load and branch), but malloc's and
 * free's, which the mode turns off instead (small_fast_paths, called here
 * once the mode is known: small.h). In a checking mode
 * every call comes here with its caller's return address (the "site":
 * `addr2line -f` turns it into the function and line that called
 * malloc or free). What the checker knows of a block is a struct drec,
 * kept out of band in its own mappings, so the errors it looks for cannot
 * damage it: the pointer, the exact size, both sites, the state. Live
 * blocks are on a list in allocation order, for the leak report.
 *
 * A report is one memerr report (common/memerr: the same catalogue and
 * layout as the kernel heap's), written to standard error with
 * write(2). Errors found by a check end the program with status 134, as
 * abort() would; errors found by a fault end it with the fault (139);
 * a leak report keeps the program's own exit status.
 */
#include "malloc/debug.h"
#include "malloc/small.h"
#include "malloc/trace.h"

int dbg_mode = DBG_UNDECIDED;

static struct pool rec_pool;
static struct drec *live_head, *live_tail;
static size_t live_count, live_bytes;

/* ------------------------------------------------------------------ */
/* choosing the mode */

/* Reads MALLOC_CHECK and sets the mode up; returns the mode (0 if setting
 * up failed, or none was asked for). */
int dbg_decide(void)
{
	if (dbg_mode != DBG_UNDECIDED)
		return dbg_mode > 0 ? dbg_mode : 0;
	const char *v = im_os_getenv("MALLOC_CHECK");
	int want = v && v[0] >= '0' && v[0] <= '2' && !v[1] ? v[0] - '0' : 0;
	dbg_mode = 0;
	if (v && v[0] && want == 0 && !(v[0] == '0' && !v[1])) {
		static const char msg[] =
		    "malloc: MALLOC_CHECK must be 0, 1 or 2; checks are off\n";
		im_os_write_err(msg, sizeof msg - 1);
	}
	if ((want == 1 && !rz_init()) || (want == 2 && !guard_init())) {
		static const char msg[] = "malloc: MALLOC_CHECK could not be set up (no memory for "
					  "its records); checks are off\n";
		im_os_write_err(msg, sizeof msg - 1);
		want = 0;
	}
	if (want)
		fault_handler_install();
	dbg_mode = want ? want : im_traced ? DBG_OFF_TRACED : 0;
	small_fast_paths(dbg_mode == 0);
	return want;
}

/* Called by the libc's start-up code before main: the checker (and its
 * SIGSEGV handler) is ready even for a program that faults before malloc. */
void __malloc_check_start(void);
void __malloc_check_start(void)
{
	im_trace_start(); /* is the kernel tracing us? (trace.h) */
	if (dbg_mode == DBG_UNDECIDED && im_os_getenv("MALLOC_CHECK"))
		dbg_decide();
}

/*
 * Where the debugmalloc lab's stubs (docs/labs/debugmalloc.md) end: says
 * which part is missing on standard error and stops the program, so a
 * student's tree fails loudly instead of checking nothing. Never returns.
 */
void dbg_lab_todo(const char *part)
{
	static const char head[] = "malloc: not implemented: see docs/labs/debugmalloc.md (";
	im_os_write_err(head, sizeof head - 1);
	im_os_write_err(part, __builtin_strlen(part));
	im_os_write_err(")\n", 2);
	__builtin_trap();
}

/* ------------------------------------------------------------------ */
/* records */

/* A zeroed record from the pool, or NULL. */
struct drec *drec_new(void)
{
	return pool_take(&rec_pool, sizeof(struct drec));
}

/* Gives a record back to the pool. */
void drec_delete(struct drec *r)
{
	r->state = 0;
	pool_give(&rec_pool, r);
}

/* Appends a new live block to the allocation-order list (the leak report's). */
void live_link(struct drec *r)
{
	r->next = NULL;
	r->prev = live_tail;
	if (live_tail)
		live_tail->next = r;
	else
		live_head = r;
	live_tail = r;
	live_count++;
	live_bytes += r->size;
}

void live_unlink(struct drec *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		live_head = r->next;
	if (r->next)
		r->next->prev = r->prev;
	else
		live_tail = r->prev;
	r->next = r->prev = NULL;
	live_count--;
	live_bytes -= r->size;
}

/* ------------------------------------------------------------------ */
/* reports of the checking modes (printed by report.c) */

void dbg_report_block(struct memerr_report *r, const struct drec *d)
{
	r->block = d->ptr;
	r->size = d->size;
	r->size_known = 1;
	r->alloc_site = d->alloc_site;
	r->free_site = d->free_site;
	r->where = d->state == DREC_FREED ? "freed" : "live";
}

/* free(p) or realloc(p) of a p that is not a live block's start. */
void dbg_bad_pointer(const void *p, const char *fn, uintptr_t site, const struct drec *inside)
{
	struct memerr_report r = {.id = MEMERR_INVALID_FREE,
				  .addr = (uintptr_t)p,
				  .found_call = fn,
				  .found_arg = (uintptr_t)p,
				  .found_site = site};
	int local;
	uintptr_t sp = (uintptr_t)&local, a = (uintptr_t)p;
	/* LAB(debugmalloc) BEGIN: part 4, tell a double free from an invalid free (debugmalloc.md)
	 * stub: (void)sp; (void)a; (void)inside;
	 * stub: dbg_lab_todo("part 4, dbg_bad_pointer");
	 */
	if (inside) {
		dbg_report_block(&r, inside);
		if (inside->state == DREC_FREED && a == inside->ptr) {
			r.id = MEMERR_DOUBLE_FREE;
			r.detail = "the block was freed before";
		} else if (inside->state == DREC_FREED) {
			r.detail = "a pointer into a block that was already freed";
		} else {
			r.detail =
			    "a pointer inside a block, not its start: pass the pointer malloc "
			    "returned";
		}
	} else if (a - sp < (8u << 20) || sp - a < 4096) {
		r.detail = "a pointer to the stack (a local variable), not to a block from malloc";
	} else if (a & 15) {
		r.detail = "a misaligned pointer: malloc returns multiples of 16";
	} else {
		r.detail = "a pointer that malloc did not return (data, or unmapped memory)";
	}
	/* LAB(debugmalloc) END */
	report_abort(&r);
}

/* ------------------------------------------------------------------ */
/* the checked paths */

/* The record of the live block p, or a report that ends the program. */
static struct drec *live_block(void *p, const char *fn, uintptr_t site)
{
	uintptr_t a = (uintptr_t)p;
	struct drec *d;
	if (dbg_mode == 1) {
		bool freed = false;
		d = rz_find(a);
		if (!d)
			d = rz_containing(a, &freed);
		if (!d && freed) {
			struct memerr_report r = {
			    .id = MEMERR_DOUBLE_FREE,
			    .addr = a,
			    .found_call = fn,
			    .found_arg = a,
			    .found_site = site,
			    .detail = "the block was freed long ago (it has left the quarantine)"};
			report_abort(&r);
		}
	} else {
		d = guard_containing(a);
	}
	if (!d || d->ptr != a || d->state != DREC_LIVE)
		dbg_bad_pointer(p, fn, site, d);
	if (dbg_mode == 1)
		rz_check(d, fn, site);
	else
		guard_check(d, fn, site);
	return d;
}

/* The checked malloc/calloc/memalign: the new block, or NULL with ENOMEM. */
void *dbg_malloc(size_t n, size_t align, int zero, uintptr_t site)
{
	if (n > MAX_ALLOC) {
		enomem();
		return NULL;
	}
	struct drec *d = dbg_mode == 1 ? rz_alloc(n, align, zero) : guard_alloc(n, align, zero);
	if (!d) {
		enomem();
		return NULL;
	}
	d->size = n;
	d->align = align;
	d->alloc_site = site;
	d->state = DREC_LIVE;
	live_link(d);
	return (void *)d->ptr;
}

void dbg_free(void *p, const char *fn, uintptr_t site)
{
	if (!p)
		return;
	report_ctx.site = site;
	struct drec *d = live_block(p, fn, site);
	live_unlink(d);
	d->state = DREC_FREED;
	d->free_site = site;
	if (dbg_mode == 1)
		rz_retire(d);
	else
		guard_retire(d);
}

/* Always moves the block, so that a pointer kept across realloc is stale at once. */
void *dbg_realloc(void *p, size_t n, uintptr_t site)
{
	if (!p)
		return dbg_malloc(n, 16, 0, site);
	struct drec *d = live_block(p, "realloc", site);
	struct drec *to = NULL;
	void *q = dbg_malloc(n, d->align, 0, site);
	if (!q)
		return NULL;
	size_t keep = n < d->size ? n : d->size;
	if (dbg_mode == 1) {
		__builtin_memcpy(q, p, keep);
	} else {
		to = guard_containing((uintptr_t)q);
		guard_copy(to, d, keep);
	}
	dbg_free(p, "realloc", site);
	return q;
}

size_t dbg_usable(void *p, uintptr_t site)
{
	return live_block(p, "malloc_usable_size", site)->size;
}

/* ------------------------------------------------------------------ */
/* at exit: the last checks and the leak report */

static void leak_report(void)
{
	struct memerr_line l;
	struct memerr_report r = {.id = MEMERR_LEAK};
	l.len = 0;
	memerr_put_dec(&l, live_count);
	memerr_put(&l, live_count == 1 ? " block, " : " blocks, ");
	memerr_put_dec(&l, live_bytes);
	memerr_put(&l, live_bytes == 1 ? " byte never freed" : " bytes never freed");
	struct memerr_line head = l;
	r.detail = head.text;
	r.program = im_os_progname();
	memerr_format(&r, report_emit, NULL, NULL);
	unsigned shown = 0;
	struct memerr_line cmd = {.len = 0};
	memerr_put(&cmd, "  source lines:   addr2line -f -e ");
	memerr_put(&cmd, r.program);
	/* LAB(debugmalloc) BEGIN: part 5, one line per leaked block (debugmalloc.md)
	 * stub: (void)shown;
	 * stub: dbg_lab_todo("part 5, leak_report");
	 */
	for (struct drec *d = live_head; d; d = d->next) {
		if (shown++ == 50) {
			l.len = 0;
			memerr_put(&l, "  ... and ");
			memerr_put_dec(&l, live_count - 50);
			memerr_put(&l, " more blocks");
			report_emit(NULL, l.text);
			break;
		}
		l.len = 0;
		memerr_put(&l, "  block:          ");
		memerr_put_hex(&l, d->ptr);
		memerr_put(&l, ", ");
		memerr_put_dec(&l, d->size);
		memerr_put(&l, d->size == 1 ? " byte requested" : " bytes requested");
		memerr_put(&l, ", allocated by ");
		memerr_put_hex(&l, d->alloc_site);
		report_emit(NULL, l.text);
		if (shown <= 8) {
			memerr_put(&cmd, " ");
			memerr_put_hex(&cmd, d->alloc_site);
		}
	}
	/* LAB(debugmalloc) END */
	report_emit(NULL, cmd.text);
	report_emit(NULL, "  action:         none (the exit status is the program's)");
}

/*
 * Called by exit() after the atexit handlers and stdio: checks every
 * block still held (and, in mode 1, the quarantine), then lists leaks.
 */
void __malloc_exit(void);
void __malloc_exit(void)
{
	if (dbg_mode <= 0)
		return;
	for (struct drec *d = live_head; d; d = d->next)
		if (dbg_mode == 1)
			rz_check(d, "exit", 0);
		else
			guard_check(d, "exit", 0);
	if (dbg_mode == 1)
		rz_check_quarantine();
	if (live_count)
		leak_report();
}

/*
 * System calls write into the program's memory from the kernel, where no
 * fault reaches the checker: in mode 2 the libc's wrappers (read,
 * clock_gettime, sigaction, sigprocmask, sigaltstack) call this first; the
 * pages of live blocks in [p, p+n) are opened (the bytes become
 * "written"), and a freed block or a guard page in the range is reported.
 */
void __malloc_prepare_write(void *p, size_t n, const char *fn);
void __malloc_prepare_write(void *p, size_t n, const char *fn)
{
	if (dbg_mode == 2 && p)
		guard_prepare_write(p, n, fn);
}
