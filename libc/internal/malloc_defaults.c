/*
 * malloc_defaults.c - what the allocator contract lets an allocator leave
 * out (internal/malloc_contract.h, parts 2 and 3): the derived functions,
 * built on malloc, realloc and memalign, mallopt and malloc_trim, which
 * set and give back nothing, mallinfo on mallinfo2, and the hooks, which
 * do nothing.
 * All weak, so that an allocator's own definitions replace them; mk/libc.mk
 * puts this file last in libc.a, so that the linker looks in the
 * allocator first.
 */
#include <errno.h>
#include <malloc.h>
#include <string.h>
#include "internal/malloc_contract.h"

/* --- derived functions ------------------------------------------------ */

__attribute__((weak)) void *calloc(size_t count, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(count, size, &n)) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n);
	return p ? memset(p, 0, n) : NULL;
}

__attribute__((weak)) void *reallocarray(void *p, size_t count, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(count, size, &n)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n);
}

__attribute__((weak)) void *aligned_alloc(size_t align, size_t n)
{
	return memalign(align, n);
}

__attribute__((weak)) int posix_memalign(void **out, size_t align, size_t n)
{
	if (!align || (align & (align - 1)) || align % sizeof(void *))
		return EINVAL;
	void *p = memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* Page-aligned blocks (glibc's legacy pair): valloc, and pvalloc, which
 * also rounds the size up to whole pages. */
__attribute__((weak)) void *valloc(size_t n)
{
	return memalign(4096, n);
}

__attribute__((weak)) void *pvalloc(size_t n)
{
	if (n > SIZE_MAX - 4095) {
		errno = ENOMEM;
		return NULL;
	}
	return memalign(4096, n ? (n + 4095) & ~(size_t)4095 : 4096);
}

/* An allocator without parameters sets none (glibc's answer for a
 * parameter it does not know). */
__attribute__((weak)) int mallopt(int param, int value)
{
	(void)param;
	(void)value;
	return 0;
}

/* An allocator that keeps what it has gives nothing back. */
__attribute__((weak)) int malloc_trim(size_t pad)
{
	(void)pad;
	return 0;
}

/* glibc's older mallinfo, from the allocator's mallinfo2 (an extra both
 * allocators of the tree have), each field cut to int as glibc's is. */
__attribute__((weak)) struct mallinfo mallinfo(void)
{
	struct mallinfo2 m = mallinfo2();
	return (struct mallinfo){
	    .arena = (int)m.arena,
	    .ordblks = (int)m.ordblks,
	    .smblks = (int)m.smblks,
	    .hblks = (int)m.hblks,
	    .hblkhd = (int)m.hblkhd,
	    .usmblks = (int)m.usmblks,
	    .fsmblks = (int)m.fsmblks,
	    .uordblks = (int)m.uordblks,
	    .fordblks = (int)m.fordblks,
	    .keepcost = (int)m.keepcost,
	};
}

/* --- hooks ------------------------------------------------------------ */

/* strdup's malloc: without a record of sites, plain malloc. */
__attribute__((weak)) void *(__malloc_at)(size_t n, uintptr_t site)
{
	(void)site;
	return malloc(n);
}

/* Nothing to set up before main. */
__attribute__((weak)) void __malloc_check_start(void)
{
}

/* Nothing to check at exit. */
__attribute__((weak)) void __malloc_exit(void)
{
}

/* Nothing to open before a system call writes into the program's memory. */
__attribute__((weak)) void __malloc_prepare_write(void *p, size_t n, const char *fn)
{
	(void)p;
	(void)n;
	(void)fn;
}
