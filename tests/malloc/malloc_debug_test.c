/*
 * malloc_debug_test.c - host tests of MALLOC_CHECK=1 and =2 (KTAP output).
 *
 * Built like malloc_test.c (im_ prefix, fake break), but with UBSan only:
 * the guard-page mode installs its own SIGSEGV handler, which ASan's would
 * fight. Every case runs in a forked child that chooses its mode afresh
 * (the mode is read once per process, so the child forgets the parent's
 * choice through the hidden __im_dbg_mode); the child's exit status and
 * standard error are checked. The reports' exact layout is checked by the
 * examples' harness (tools/check-errors.py); here, the mechanisms.
 */
#include "malloc/malloc_api.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern int dbg_mode __asm__("__im_dbg_mode");
void __malloc_exit(void);
void __malloc_prepare_write(void *p, size_t n, const char *fn);

static char err[8192];
#define KTAP_ON_FAIL() printf("    # child's stderr: %.600s\n", err)
#include "child_run.h"
#include "ktap.h"

/* A check to run under a checking mode. */
struct in_mode {
	int mode;
	void (*fn)(void);
};

/* Sets MALLOC_CHECK to m's mode as at start-up, then runs its check. */
static void run_in_mode(void *arg)
{
	const struct in_mode *m = arg;
	char mode[2] = {(char)('0' + m->mode), 0};
	setenv("MALLOC_CHECK", mode, 1);
	dbg_mode = -1;
	m->fn();
}

/* Runs fn in a child with MALLOC_CHECK=mode; its status (128+signal if
 * killed), its stderr in err (child_run.h). */
static int child(int mode, void (*fn)(void))
{
	struct in_mode m = {mode, fn};
	return child_run(run_in_mode, &m, err, sizeof err);
}

static bool all(const unsigned char *p, size_t n, int byte)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != byte)
			return false;
	return true;
}

/* --- MALLOC_CHECK=1: fills, red zones, exact sizes, moves (exits 0 if all hold) --- */

static void c_fills(void)
{
	unsigned char *p = im_malloc(5);
	if (!all(p, 5, 0x5a) || !all(p + 5, 16, 0xcc) || !all(p - 16, 16, 0xcc))
		_exit(10);
	if (im_malloc_usable_size(p) != 5)
		_exit(11);
	unsigned char *z = im_calloc(3, 7);
	if (!all(z, 21, 0) || !all(z + 21, 16, 0xcc))
		_exit(12);
	memcpy(p, "abcde", 5);
	unsigned char *q = im_realloc(p, 9);
	if (q == p || memcmp(q, "abcde", 5) || !all(q + 5, 4, 0x5a) || !all(p, 5, 0x6b))
		_exit(13); /* moved, kept, the rest new, the old poisoned (in quarantine) */
	unsigned char *a = im_aligned_alloc(256, 40);
	if ((uintptr_t)a % 256 || !all(a + 40, 16, 0xcc))
		_exit(14);
	im_free(q);
	im_free(z);
	im_free(a);
	__malloc_exit(); /* clean: no report */
}

static void t_mode1_fills_and_redzones(void)
{
	ASSERT(child(1, c_fills) == 0);
	ASSERT(err[0] == 0);
}

static void c_off_by_one(void)
{
	char *p = im_malloc(5);
	strcpy(p, "hello");
	im_free(p);
}

static void c_underflow(void)
{
	char *p = im_malloc(32);
	p[-1] = 1;
	im_free(p);
}

static void c_overflow_at_exit(void)
{
	char *p = im_malloc(24);
	p[30] = 1;
	__malloc_exit();
}

static void t_mode1_overflow(void)
{
	ASSERT(child(1, c_off_by_one) == 134);
	ASSERT(strstr(err, "HEAP ERROR [heap-overflow]: not allocating enough memory") == err);
	ASSERT(strstr(err, "5 bytes requested") && strstr(err, "block+5 = 0x00, expected 0xcc"));
	ASSERT(strstr(err, "found by:       free("));
	ASSERT(child(0, c_off_by_one) == 0); /* the normal mode cannot see it */
	ASSERT(child(1, c_underflow) == 134);
	ASSERT(strstr(err, "a write before the start of the block") && strstr(err, "block-1 ="));
	ASSERT(child(1, c_overflow_at_exit) == 134);
	ASSERT(strstr(err, "HEAP ERROR [heap-overflow]") && strstr(err, "found by:       exit"));
}

static void c_write_after_free_exit(void)
{
	char *p = im_malloc(40);
	im_free(p);
	p[7] = 'x';
	__malloc_exit();
}

static void c_write_after_free_churn(void)
{
	char *p = im_malloc(40);
	im_free(p);
	p[7] = 'x';
	for (int i = 0; i < 3000; i++) /* 24 MiB through a 16 MiB quarantine */
		im_free(im_malloc(8192));
	_exit(0);
}

static void c_double(void)
{
	void *p = im_malloc(10);
	im_free(p);
	im_free(p);
}

static void t_mode1_use_after_free_and_double_free(void)
{
	ASSERT(child(1, c_write_after_free_exit) == 134);
	ASSERT(strstr(err, "HEAP ERROR [use-after-free]: freeing memory before you are done") ==
	       err);
	ASSERT(strstr(err, "block+7 = 0x78, expected 0x6b") &&
	       strstr(err, "40 bytes requested, freed"));
	ASSERT(child(1, c_write_after_free_churn) == 134);
	ASSERT(strstr(err, "HEAP ERROR [use-after-free]") && strstr(err, "the quarantine"));
	ASSERT(child(1, c_double) == 134);
	ASSERT(strstr(err, "HEAP ERROR [double-free]") && strstr(err, "10 bytes requested, freed"));
	ASSERT(!strstr(err, "freed by:       -"));
}

static void c_leak(void)
{
	void *keep = im_malloc(7), *gone = im_malloc(50);
	im_malloc(100);
	im_free(gone);
	(void)keep;
	__malloc_exit();
}

static void t_leak_report(void)
{
	for (int mode = 1; mode <= 2; mode++) {
		ASSERT(child(mode, c_leak) == 0);
		ASSERT(strstr(err, "HEAP ERROR [leak]: forgetting to free memory") == err);
		ASSERT(strstr(err, "2 blocks, 107 bytes never freed"));
		ASSERT(strstr(err, "7 bytes requested, allocated by 0x"));
		ASSERT(strstr(err, "100 bytes requested, allocated by 0x"));
	}
}

__attribute__((no_sanitize("null"))) static void c_null(void)
{
	im_malloc(1); /* decides the mode: installs the handler */
	volatile int *p = NULL;
	*p = 1;
}

static void c_pointer_from_fresh_block(void)
{
	char **v = im_malloc(64);
	volatile char c = *v[2];
	(void)c;
}

static void t_fault_diagnosis(void)
{
	ASSERT(child(1, c_null) == 139);
	ASSERT(strstr(err, "SEGFAULT [null-pointer]: forgetting to allocate memory") == err);
	ASSERT(child(1, c_pointer_from_fresh_block) == 139);
	ASSERT(strstr(err, "SEGFAULT [uninitialized-read]") == err &&
	       strstr(err, "0x5a5a5a5a5a5a5a5a"));
}

/* --- MALLOC_CHECK=2: guard pages, pages opened on write, never reused --- */

static void c_guard_ok(void)
{
	char *p = im_malloc(10000);
	memset(p, 1, 10000); /* opens its three pages */
	char *q = im_realloc(p, 20000);
	if (q == p || !all((unsigned char *)q, 10000, 1))
		_exit(10);
	char *r = im_malloc(3 * 4096), *s;
	r[0] = 7; /* only the first page written */
	s = im_realloc(r, 4 * 4096);
	if (s[0] != 7)
		_exit(11);
	im_free(q);
	im_free(s);
	void *t = im_malloc(100);
	im_free(t);
	void *u = im_malloc(100);
	if (u == t)
		_exit(12); /* never reused */
	im_free(u);
	__malloc_exit();
}

static void c_guard_overflow(void)
{
	char *p = im_malloc(100);
	p[4096] = 1;
}

static void c_guard_uninit(void)
{
	int *p = im_malloc(400);
	volatile int x = p[9];
	(void)x;
}

static void c_guard_uninit_after_realloc(void)
{
	char *r = im_malloc(3 * 4096);
	r[0] = 7;
	char *s = im_realloc(r, 4 * 4096);
	volatile char c = s[2 * 4096 + 5]; /* never written before the move either */
	(void)c;
}

static void c_guard_use_after_free(void)
{
	char *p = im_malloc(100);
	p[0] = 1;
	im_free(p);
	volatile char c = p[0];
	(void)c;
}

static void c_guard_slack(void)
{
	char *p = im_malloc(20); /* rounded to 32: 12 bytes of slack before the guard */
	p[20] = 1;
	im_free(p);
}

static void t_mode2(void)
{
	ASSERT(child(2, c_guard_ok) == 0);
	ASSERT(err[0] == 0);
	ASSERT(child(2, c_guard_overflow) == 139);
	ASSERT(strstr(err, "HEAP ERROR [heap-overflow]") == err && strstr(err, "guard page"));
	ASSERT(strstr(err, "100 bytes requested") && strstr(err, "a write (page fault)"));
	ASSERT(child(2, c_guard_uninit) == 139);
	ASSERT(strstr(err, "HEAP ERROR [uninitialized-read]") == err &&
	       strstr(err, "36 bytes from"));
	ASSERT(child(2, c_guard_uninit_after_realloc) == 139);
	ASSERT(strstr(err, "HEAP ERROR [uninitialized-read]") == err);
	ASSERT(child(2, c_guard_use_after_free) == 139);
	ASSERT(strstr(err, "HEAP ERROR [use-after-free]") == err &&
	       !strstr(err, "freed by:       -"));
	ASSERT(child(2, c_guard_slack) == 134);
	ASSERT(strstr(err, "HEAP ERROR [heap-overflow]") == err && strstr(err, "block+20 = 0x01"));
	ASSERT(child(2, c_double) == 134);
	ASSERT(strstr(err, "HEAP ERROR [double-free]") == err);
}

/* --- what a review found: alignment, system-call writes, odd values --- */

static void c_big_alignments(void)
{
	void *p = NULL;
	if (im_posix_memalign(&p, (size_t)1 << 62, 16) != 12 /* ENOMEM */)
		_exit(10);
	char *q = im_memalign((size_t)1 << 30, 16); /* quick: no gigabyte filled */
	if (!q || (uintptr_t)q % ((size_t)1 << 30))
		_exit(11);
	memset(q, 1, 16);
	char *r = im_realloc(q, 32);
	if (!r || (uintptr_t)r % ((size_t)1 << 30) || r[15] != 1)
		_exit(12);
	im_free(r);
	__malloc_exit();
}

static void c_big_alignment_underflow(void)
{
	char *q = im_memalign((size_t)1 << 20, 16);
	q[-3] = 0;
	im_free(q);
}

static void t_big_alignments(void)
{
	for (int mode = 1; mode <= 2; mode++) {
		ASSERT(child(mode, c_big_alignments) == 0);
		ASSERT(err[0] == 0);
	}
	ASSERT(child(1, c_big_alignment_underflow) == 134);
	ASSERT(strstr(err, "HEAP ERROR [heap-overflow]") == err && strstr(err, "block-3 ="));
}

static void c_freed_write_into_redzone(void)
{
	char *p = im_malloc(10);
	im_free(p);
	memset(p, 'x', 20); /* through the block into its red zone */
	__malloc_exit();
}

static void c_syscall_into_freed(void)
{
	char *p = im_malloc(100);
	p[0] = 1;
	im_free(p);
	__malloc_prepare_write(p, 50, "read");
	_exit(0);
}

static void c_syscall_past_end(void)
{
	char *p = im_malloc(100);
	__malloc_prepare_write(p, 5000, "read");
	_exit(0);
}

static void c_syscall_into_block(void)
{
	char *p = im_malloc(6000);
	__malloc_prepare_write(p + 100, 5000, "read"); /* opens both pages, no fault after */
	memcpy(p + 100, "ok", 2);
	volatile char c = p[5000]; /* inside the range the kernel would write */
	(void)c;
	im_free(p);
	_exit(0);
}

static void c_interior_of_mmapped(void)
{
	char *p = im_malloc(2000000);
	im_free(p + 100000);
}

static void t_review_findings(void)
{
	ASSERT(child(1, c_freed_write_into_redzone) == 134);
	ASSERT(strstr(err, "HEAP ERROR [use-after-free]") == err);
	ASSERT(child(2, c_syscall_into_freed) == 134);
	ASSERT(strstr(err, "HEAP ERROR [use-after-free]") == err &&
	       strstr(err, "found by:       read"));
	ASSERT(child(2, c_syscall_past_end) == 134);
	ASSERT(strstr(err, "HEAP ERROR [heap-overflow]") == err && strstr(err, "system call"));
	ASSERT(child(2, c_syscall_into_block) == 0);
	ASSERT(err[0] == 0);
	for (int mode = 0; mode <= 1; mode++) {
		ASSERT(child(mode, c_interior_of_mmapped) == 134);
		ASSERT(strstr(err, "HEAP ERROR [invalid-free]") == err &&
		       strstr(err, "inside a block"));
	}
	ASSERT(child(3, c_fills) != 0); /* "3" is not a mode: checks off, the fills absent */
	ASSERT(strstr(err, "MALLOC_CHECK must be 0, 1 or 2"));
}

static const struct ktap_case tests[] = {
    {"mode1_fills_redzones_exact_size_realloc_moves", t_mode1_fills_and_redzones},
    {"mode1_overflow_found_at_free_and_exit", t_mode1_overflow},
    {"mode1_use_after_free_quarantine_double_free", t_mode1_use_after_free_and_double_free},
    {"leak_report_at_exit", t_leak_report},
    {"fault_handler_names_the_error", t_fault_diagnosis},
    {"mode2_guard_pages_open_on_write_never_reused", t_mode2},
    {"huge_alignments_are_cheap_and_checked", t_big_alignments},
    {"syscall_writes_interior_pointers_odd_values", t_review_findings},
};

int main(void)
{
	return ktap_run_cases("malloc_debug", tests, sizeof tests / sizeof *tests);
}
