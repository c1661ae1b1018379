/*
 * malloc_contract.h - what an allocator owes the libc, and what the libc
 * asks of it: the one place where the two meet. Any allocator that keeps
 * this contract can be linked into libc.a without touching the rest of
 * the library: libc/malloc/ (the production allocator, the default),
 * libc/malloc-simple/ (make MALLOC=simple), or a student's.
 *
 * 1. Required: malloc, free, realloc and memalign, with their standard
 *    meaning. Every block is aligned to 16 bytes (alignof(max_align_t) on
 *    x86-64); malloc(0) returns a unique pointer that free accepts; on
 *    failure they return NULL with errno ENOMEM (memalign: EINVAL for an
 *    alignment that is not a power of two); free(NULL) does nothing. Not
 *    thread-safe: Interlude has no threads.
 *
 * 2. Derived: calloc, reallocarray, aligned_alloc, posix_memalign, valloc
 *    and pvalloc, and the parameters: mallopt and malloc_trim; mallinfo
 *    (from mallinfo2).
 *    libc/internal/malloc_defaults.c builds each on the required four (the
 *    parameters as an allocator that has none), as weak definitions; an
 *    allocator that can do better defines its own, which replaces the
 *    default.
 *
 * 3. Optional hooks, which the rest of the libc calls by name:
 *    __malloc_at, __malloc_check_start, __malloc_exit,
 *    __malloc_prepare_write (below). Their defaults, in the same file, do
 *    nothing (__malloc_at is plain malloc), so an allocator with no use
 *    for them leaves them out; the production allocator's checking modes
 *    (libc/malloc/debug.c) define them all.
 *
 *    Replacing works because the defaults are weak and mk/libc.mk puts
 *    them last in libc.a: the linker takes a missing name from the first
 *    member of the archive that defines it, so it finds the allocator's
 *    definition first, and a weak definition gives way to a strong one.
 *
 * 4. Extras an allocator may have and a program may call, outside the
 *    contract: malloc_usable_size, mallinfo2, malloc_stats (<malloc.h>),
 *    malloc_check_heap (a heap walk, for tests). A program that calls one
 *    links only with an allocator that has it; both allocators of the
 *    tree have them all. (mallopt and malloc_trim, which only the
 *    production allocator has, are in part 2: a program that calls them
 *    links with any allocator, and sets or gives back nothing with one
 *    that has none.)
 */
#ifndef LIBC_INTERNAL_MALLOC_CONTRACT_H
#define LIBC_INTERNAL_MALLOC_CONTRACT_H

#include <stddef.h>
#include <stdint.h>

/* --- 1. required ------------------------------------------------------ */

void *malloc(size_t n);
void free(void *p);
/* p's block resized to n bytes, its contents kept up to the smaller size
 * (moved if need be); realloc(NULL, n) is malloc(n). On failure p stays. */
void *realloc(void *p, size_t n);
/* A block of n bytes at a multiple of align (a power of two). */
void *memalign(size_t align, size_t n);

/* --- 2. derived (weak defaults: libc/internal/malloc_defaults.c) ------- */

/* count * size bytes, zeroed; ENOMEM if the product overflows. */
void *calloc(size_t count, size_t size);
/* realloc(p, count * size); ENOMEM if the product overflows. */
void *reallocarray(void *p, size_t count, size_t size);
/* C11's name for memalign. */
void *aligned_alloc(size_t align, size_t n);
/* As memalign, into *out; align must also be a multiple of sizeof(void *).
 * Returns 0, or EINVAL / ENOMEM (and *out is untouched). */
int posix_memalign(void **out, size_t align, size_t n);
/* memalign(4096, n); pvalloc rounds n up to whole pages first. */
void *valloc(size_t n);
void *pvalloc(size_t n);
/* Sets an allocator parameter (<malloc.h>'s M_*): 1 if done. Default:
 * there are none, 0. */
int mallopt(int param, int value);
/* Gives free memory back to the kernel: 1 if any. Default: nothing, 0. */
int malloc_trim(size_t pad);
struct mallinfo;
/* glibc's older mallinfo (<malloc.h>): mallinfo2's fields cut to int.
 * Default: from mallinfo2 (part 4, which a program calling it then needs). */
struct mallinfo mallinfo(void);

/* --- 3. optional hooks (weak defaults: libc/internal/malloc_defaults.c) - */

/*
 * malloc for the libc's own allocating functions (strdup, strndup): site
 * is their caller's return address, so that an allocator that records
 * where blocks come from names the program's line, not strdup's.
 * Default: malloc(n). (The name in parentheses: the libc's host tests
 * define __malloc_at as a macro, tests/libc/host/rename.h.)
 */
void *(__malloc_at)(size_t n, uintptr_t site);

/* Called by the start-up code before the constructors and main (libc/start):
 * the production allocator reads MALLOC_CHECK here. Default: nothing. */
void __malloc_check_start(void);

/* Called by exit() after the atexit handlers, the destructors and stdio:
 * last checks and the leak report. Default: nothing. */
void __malloc_exit(void);

/*
 * Called by the libc's wrappers of system calls that write into the
 * program's memory (read, clock_gettime, sigprocmask, sigaltstack) before
 * the kernel writes n bytes at p on behalf of call fn: the kernel's writes
 * do not fault, so an allocator that guards its blocks with inaccessible
 * pages (MALLOC_CHECK=2) opens them here, or reports the write. Default:
 * nothing.
 */
void __malloc_prepare_write(void *p, size_t n, const char *fn);

#endif
