/*
 * debug.h - what the checking modes' files share (MALLOC_CHECK=1 and 2;
 * the theory of operation is the opening comment of debug.c).
 *
 *   debug.c        choosing the mode, the public functions' checked path,
 *                  the exit checks and the leak report, the blocks' records
 *   debug_redzone.c MALLOC_CHECK=1: red zones, fills, the quarantine
 *   debug_guard.c  MALLOC_CHECK=2: one block per page run before a guard
 *                  page, pages opened on first write, never reused
 *   debug_fault.c  the SIGSEGV handler that names the error of a fault
 *
 * The checking modes are the layer above the allocator (core.h): mode 1
 * builds its blocks from core_malloc and core_free; the public functions
 * (malloc.c) sit above both and choose. Reports go out through report.h.
 */
#ifndef LIBC_MALLOC_DEBUG_H
#define LIBC_MALLOC_DEBUG_H

#include "malloc/core.h"
#include "malloc/heap.h"
#include "malloc/os.h"
#include "malloc/pagemap.h"
#include "malloc/report.h"
#include "memerr/memerr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { DREC_LIVE = 1, DREC_FREED = 2 };

/* What the checker remembers of a block, out of band (never in the heap). */
struct drec {
	uintptr_t ptr; /* the block as the program sees it */
	size_t size;   /* the exact requested size */
	uintptr_t alloc_site, free_site;
	uintptr_t base;		  /* mode 1: the block of the heap beneath */
	struct drec *hnext;	  /* mode 1: hash chain */
	struct drec *next, *prev; /* live: allocation order; freed: quarantine */
	size_t align;		  /* the alignment asked for (16 if none) */
	uint32_t state;		  /* DREC_LIVE or DREC_FREED */
};

#pragma GCC visibility push(hidden)

/* -1 before the first call has read MALLOC_CHECK, then 0, 1 or 2; or
 * DBG_OFF_TRACED: no checking mode, but the kernel traces the program
 * (trace.h), so the public functions must take their slow paths too. The
 * fast paths test dbg_mode == 0 alone: being traced costs them nothing. */
extern int dbg_mode __asm__("__im_dbg_mode");
#define DBG_UNDECIDED (-1)
#define DBG_OFF_TRACED (-2)

/* debug.c: the checked paths of the public functions (site: their caller) */
int dbg_decide(void) __asm__("__im_dbg_decide");
void *dbg_malloc(size_t n, size_t align, int zero, uintptr_t site) __asm__("__im_dbg_malloc");
void dbg_free(void *p, const char *fn, uintptr_t site) __asm__("__im_dbg_free");
void *dbg_realloc(void *p, size_t n, uintptr_t site) __asm__("__im_dbg_realloc");
size_t dbg_usable(void *p, uintptr_t site) __asm__("__im_dbg_usable");
struct drec *drec_new(void) __asm__("__im_drec_new");
void drec_delete(struct drec *r) __asm__("__im_drec_delete");
void live_link(struct drec *r) __asm__("__im_live_link");
void live_unlink(struct drec *r) __asm__("__im_live_unlink");
void dbg_report_block(struct memerr_report *r,
		      const struct drec *d) __asm__("__im_dbg_report_block");
__attribute__((noreturn)) void
dbg_bad_pointer(const void *p, const char *fn, uintptr_t site,
		const struct drec *inside) __asm__("__im_dbg_bad_pointer");

/* debug.c: where the debugmalloc lab's stubs stop the program */
__attribute__((noreturn)) void dbg_lab_todo(const char *part) __asm__("__im_dbg_lab_todo");

/* debug_redzone.c (mode 1) */
bool rz_init(void) __asm__("__im_rz_init");
struct drec *rz_alloc(size_t n, size_t align, int zero) __asm__("__im_rz_alloc");
struct drec *rz_find(uintptr_t p) __asm__("__im_rz_find");
struct drec *rz_containing(uintptr_t p, bool *freed) __asm__("__im_rz_containing");
void rz_check(struct drec *d, const char *fn, uintptr_t site) __asm__("__im_rz_check");
void rz_retire(struct drec *d) __asm__("__im_rz_retire");
void rz_check_quarantine(void) __asm__("__im_rz_check_quarantine");
/* The bytes of the blocks the quarantine holds (their core blocks' usable
 * sizes), which mallinfo2 does not count as in use. */
size_t rz_quarantined(void) __asm__("__im_rz_quarantined");

/* debug_guard.c (mode 2) */
bool guard_init(void) __asm__("__im_guard_init");
struct drec *guard_alloc(size_t n, size_t align, int zero) __asm__("__im_guard_alloc");
struct drec *guard_containing(uintptr_t p) __asm__("__im_guard_containing");
void guard_check(struct drec *d, const char *fn, uintptr_t site) __asm__("__im_guard_check");
void guard_retire(struct drec *d) __asm__("__im_guard_retire");
void guard_copy(struct drec *to, const struct drec *from, size_t n) __asm__("__im_guard_copy");
/* A fault at addr: true if it was the checker's (a page opened: retry; or
 * an error reported: the process dies at the retry), false if not. */
bool guard_fault(uintptr_t addr, bool write, uintptr_t pc) __asm__("__im_guard_fault");
/* Before the kernel writes [p, p+n) for call fn: opens pages, reports. */
void guard_prepare_write(void *p, size_t n, const char *fn) __asm__("__im_guard_prepare_write");

/* debug_fault.c */
void fault_handler_install(void) __asm__("__im_fault_handler_install");
void fault_die(void) __asm__("__im_fault_die");

#pragma GCC visibility pop

/* True if a checking mode is on (reading MALLOC_CHECK on the first call):
 * the public functions' slow paths ask this before their own work. */
static inline bool dbg_on(void)
{
	return dbg_mode > 0 || (dbg_mode == DBG_UNDECIDED && dbg_decide() > 0);
}

#endif
