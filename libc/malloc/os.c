/*
 * os.c - the allocator's system-call layer (see os.h).
 *
 * libc build: the break through the libc's sbrk() (Interlude's own system
 * call, or brk(2) on Linux: libc/unistd/sbrk.c), the rest as raw system
 * calls (abi's numbers, <sys/syscall.h>) that leave errno alone.
 * MALLOC_HOST_TEST: a fake break inside a 16 GiB PROT_NONE reservation,
 * made read/write as it grows and discarded (PROT_NONE + MADV_DONTNEED)
 * as it shrinks, so the host sees the same "pages go away" behaviour.
 */
#ifdef MALLOC_HOST_TEST
#define _GNU_SOURCE /* glibc's mremap */
#endif
#include "malloc/os.h"

struct im_os_counters im_os_counters;
int im_os_refuse_sbrk;
int im_os_refuse_mmap;

#ifdef MALLOC_HOST_TEST
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define FAKE_RESERVE (16ULL << 30)
static char *fake_base, *fake_brk;

static int fake_init(void)
{
	if (fake_base)
		return 0;
	void *p =
	    mmap(NULL, FAKE_RESERVE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	/* An unaligned start, like a real break after a program's .bss. */
	fake_base = p;
	fake_brk = fake_base + 0x123;
	mprotect(fake_base, 4096, PROT_READ | PROT_WRITE);
	return 0;
}

void *im_os_brk_now(void)
{
	fake_init();
	return fake_brk;
}

/*
 * Mappings inside the reservation, as the heap makes them where the fake
 * break stops (MAP_FIXED_NOREPLACE: grow.c), and a range a test says is
 * someone else's (im_os_host_taken_*): the kernel's bookkeeping, enough
 * for the heap's use. A fixed mapping there succeeds if it meets none of
 * them nor the break's pages; the break cannot grow into one.
 */
enum { FAKE_MAPS = 64 };
static struct {
	uintptr_t lo, hi;
} fake_maps[FAKE_MAPS];
uintptr_t im_os_host_taken_lo, im_os_host_taken_hi;
uintptr_t im_os_host_next_map;

static int fake_in_reserve(uintptr_t a, size_t len)
{
	uintptr_t b = (uintptr_t)fake_base;
	return fake_base && a >= b && len <= FAKE_RESERVE && a - b <= FAKE_RESERVE - len;
}

/* True if [lo, hi) meets a fake mapping or the taken range. */
static int fake_mapped(uintptr_t lo, uintptr_t hi)
{
	if (lo < im_os_host_taken_hi && im_os_host_taken_lo < hi)
		return 1;
	for (int k = 0; k < FAKE_MAPS; k++)
		if (lo < fake_maps[k].hi && fake_maps[k].lo < hi)
			return 1;
	return 0;
}

/* Records [lo, hi) as a fake mapping, merged with one that ends where it
 * starts (as the kernel merges areas); false if the table is full. */
static int fake_record(uintptr_t lo, uintptr_t hi)
{
	for (int k = 0; k < FAKE_MAPS; k++)
		if (fake_maps[k].lo != fake_maps[k].hi && fake_maps[k].hi == lo) {
			fake_maps[k].hi = hi;
			return 1;
		}
	for (int k = 0; k < FAKE_MAPS; k++)
		if (fake_maps[k].lo == fake_maps[k].hi) {
			fake_maps[k].lo = lo;
			fake_maps[k].hi = hi;
			return 1;
		}
	return 0;
}

static void *fake_map(uintptr_t a, size_t len)
{
	uintptr_t brk_end = ((uintptr_t)fake_brk + 4095) & ~(uintptr_t)4095;
	if (a < brk_end || fake_mapped(a, a + len) ||
	    mprotect((void *)a, len, PROT_READ | PROT_WRITE))
		return NULL;
	if (!fake_record(a, a + len)) {
		mprotect((void *)a, len, PROT_NONE);
		return NULL;
	}
	return (void *)a;
}

/* Takes [a, a + len) out of the fake mappings (its pages read zero after). */
static void fake_unmap(uintptr_t a, size_t len)
{
	madvise((void *)a, len, MADV_DONTNEED);
	mprotect((void *)a, len, PROT_NONE);
	for (int k = 0; k < FAKE_MAPS; k++) {
		uintptr_t lo = fake_maps[k].lo, hi = fake_maps[k].hi;
		if (!(a < hi && lo < a + len))
			continue;
		fake_maps[k].lo = fake_maps[k].hi = 0;
		if (lo < a)
			fake_record(lo, a); /* the part below */
		if (a + len < hi)
			fake_record(a + len, hi); /* the part above */
	}
}

void *im_os_sbrk(intptr_t inc)
{
	im_os_counters.sbrk_calls++;
	if (fake_init())
		return NULL;
	char *old = fake_brk;
	if (inc > 0) {
		if (im_os_refuse_sbrk || (size_t)inc > FAKE_RESERVE - (size_t)(old - fake_base))
			return NULL;
		uintptr_t lo = ((uintptr_t)old + 4095) & ~(uintptr_t)4095;
		uintptr_t hi = ((uintptr_t)old + inc + 4095) & ~(uintptr_t)4095;
		if (fake_mapped(lo, hi + 4096)) /* a page short of the next mapping, as Linux */
			return NULL;
		if (hi > lo && mprotect((void *)lo, hi - lo, PROT_READ | PROT_WRITE))
			return NULL;
	} else if (inc < 0) {
		im_os_counters.sbrk_shrinks++;
		if ((size_t)-inc > (size_t)(old - fake_base))
			return NULL;
		uintptr_t lo = ((uintptr_t)old + inc + 4095) & ~(uintptr_t)4095;
		uintptr_t hi = ((uintptr_t)old + 4095) & ~(uintptr_t)4095;
		if (hi > lo) {
			madvise((void *)lo, hi - lo, MADV_DONTNEED);
			mprotect((void *)lo, hi - lo, PROT_NONE);
		}
	}
	fake_brk = old + inc;
	return old;
}

void *im_os_mmap(void *hint, size_t len, int fixed)
{
	im_os_counters.mmap_calls++;
	if (im_os_refuse_mmap)
		return NULL;
	if (fixed && fake_in_reserve((uintptr_t)hint, len))
		return fake_map((uintptr_t)hint, len);
	if (!fixed && im_os_host_next_map) { /* where the kernel put it, a test says */
		uintptr_t a = im_os_host_next_map;
		im_os_host_next_map = 0;
		return fake_map(a, len);
	}
	void *p = mmap(hint, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | (fixed ? MAP_FIXED_NOREPLACE : 0), -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (fixed && p != hint) { /* an old kernel took the flag as a hint */
		munmap(p, len);
		return NULL;
	}
	return p;
}

int im_os_munmap(void *p, size_t len)
{
	im_os_counters.munmap_calls++;
	if (fake_in_reserve((uintptr_t)p, len)) {
		fake_unmap((uintptr_t)p, len);
		return 0;
	}
	return munmap(p, len);
}

int im_os_host_no_mremap; /* tests: behave as a kernel without mremap */

void *im_os_remap(void *p, size_t len, size_t new_len)
{
	if (im_os_host_no_mremap || im_os_refuse_mmap)
		return NULL;
	im_os_counters.mremap_calls++;
	void *q = mremap(p, len, new_len, MREMAP_MAYMOVE);
	return q == MAP_FAILED ? NULL : q;
}

int im_os_madvise_dontneed(void *p, size_t len)
{
	im_os_counters.madvise_calls++;
	im_os_counters.madvised_bytes += len;
	return madvise(p, len, MADV_DONTNEED);
}

void *im_os_reserve(size_t len, int rw)
{
	im_os_counters.mmap_calls++;
	void *p = mmap(NULL, len, rw ? PROT_READ | PROT_WRITE : PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

int im_os_protect(void *p, size_t len, int read_write)
{
	return mprotect(p, len, read_write ? PROT_READ | PROT_WRITE : PROT_NONE);
}

const char *im_os_getenv(const char *name)
{
	return getenv(name);
}

const char *im_os_progname(void)
{
	extern char *program_invocation_name;
	return program_invocation_name;
}

void im_os_write_err(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(2, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

int im_os_die_by_abort; /* the fuzzer wants a crash it can save */

void im_os_die(int status)
{
	if (im_os_die_by_abort)
		abort();
	_exit(status);
}

void im_os_set_enomem(void)
{
	errno = ENOMEM;
}

void im_os_set_einval(void)
{
	errno = EINVAL;
}

/* The host build is traced when a test says so (os.h): the lines go to
 * a table the test reads instead of to a kernel. */
int im_os_host_traced;
struct im_os_trace_record im_os_host_events[IM_OS_HOST_EVENTS];
unsigned im_os_host_nevents;

int im_os_traced(void)
{
	return im_os_host_traced;
}

void im_os_trace_event(long kind, uintptr_t a, uintptr_t b, uintptr_t c, long path, uintptr_t site)
{
	if (im_os_host_nevents < IM_OS_HOST_EVENTS)
		im_os_host_events[im_os_host_nevents] =
		    (struct im_os_trace_record){kind, a, b, c, path, site};
	im_os_host_nevents++;
}

#else /* the libc build: Interlude's system calls */

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal/syscall.h"

/* The break now, asked of the kernel each time: the program may have
 * moved it with its own sbrk since the allocator last did, and a trim
 * that took the allocator's last break for the real one would cut the
 * program's memory instead of the heap's (grow.c compares the two). */
void *im_os_brk_now(void)
{
	int saved = errno;
	void *b = sbrk(0);
	errno = saved;
	return b;
}

/*
 * The libc's sbrk (libc/unistd/sbrk.c: Interlude's own system call, or
 * brk on Linux), with the allocator's counters and test control; errno
 * is left as it was, since the allocator sets its own on failure (and may
 * still succeed with mmap).
 */
void *im_os_sbrk(intptr_t inc)
{
	im_os_counters.sbrk_calls++;
	if (inc < 0)
		im_os_counters.sbrk_shrinks++;
	if (inc > 0 && im_os_refuse_sbrk)
		return NULL;
	int saved = errno;
	void *old = sbrk(inc);
	errno = saved;
	return old == (void *)-1 ? NULL : old;
}

void *im_os_mmap(void *hint, size_t len, int fixed)
{
	im_os_counters.mmap_calls++;
	if (im_os_refuse_mmap)
		return NULL;
	long r = __syscall6(SYS_mmap, (long)hint, (long)len, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | (fixed ? MAP_FIXED_NOREPLACE : 0), -1, 0);
	if (__syscall_failed(r))
		return NULL;
	if (fixed && (void *)r != hint) {
		__syscall2(SYS_munmap, r, len);
		return NULL;
	}
	return (void *)r;
}

int im_os_munmap(void *p, size_t len)
{
	im_os_counters.munmap_calls++;
	return __syscall_failed(__syscall2(SYS_munmap, p, len)) ? -1 : 0;
}

void *im_os_remap(void *p, size_t len, size_t new_len)
{
	static int none; /* the kernel said ENOSYS: copying it is */
	if (none || im_os_refuse_mmap)
		return NULL;
	im_os_counters.mremap_calls++;
	long r = __syscall4(SYS_mremap, p, len, new_len, MREMAP_MAYMOVE);
	if (r == -ENOSYS)
		none = 1;
	return __syscall_failed(r) ? NULL : (void *)r;
}

int im_os_madvise_dontneed(void *p, size_t len)
{
	im_os_counters.madvise_calls++;
	im_os_counters.madvised_bytes += len;
	return __syscall_failed(__syscall3(SYS_madvise, p, len, MADV_DONTNEED)) ? -1 : 0;
}

void *im_os_reserve(size_t len, int rw)
{
	im_os_counters.mmap_calls++;
	long r = __syscall6(SYS_mmap, 0, (long)len, rw ? PROT_READ | PROT_WRITE : PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return __syscall_failed(r) ? NULL : (void *)r;
}

int im_os_protect(void *p, size_t len, int read_write)
{
	long prot = read_write ? PROT_READ | PROT_WRITE : PROT_NONE;
	return __syscall_failed(__syscall3(SYS_mprotect, p, len, prot)) ? -1 : 0;
}

const char *im_os_getenv(const char *name)
{
	return getenv(name);
}

const char *im_os_progname(void)
{
	extern const char *__progname;
	return __progname;
}

void im_os_write_err(const char *s, size_t n)
{
	while (n) {
		long w = __syscall3(SYS_write, 2, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

void im_os_die(int status)
{
	for (;;)
		__syscall1(SYS_exit_group, status);
}

void im_os_set_enomem(void)
{
	errno = ENOMEM;
}

void im_os_set_einval(void)
{
	errno = EINVAL;
}

/* 1 if the kernel traces this program (AT_INTERLUDE_TRACE, docs/TRACE.md);
 * Linux never passes the entry, so getauxval gives 0 there. */
int im_os_traced(void)
{
	return getauxval(AT_INTERLUDE_TRACE) == 1;
}

/* One line of the trace: Interlude's trace_event (1002); its result is
 * of no use to the allocator (Linux: -ENOSYS, never called there). */
void im_os_trace_event(long kind, uintptr_t a, uintptr_t b, uintptr_t c, long path, uintptr_t site)
{
	(void)__syscall6(SYS_trace_event, kind, (long)a, (long)b, (long)c, path, (long)site);
}

#endif
