/*
 * simple_rename.h - force-included (gcc -include) into the simple
 * allocator and its host test (mk/host.mk, build/host/malloc-simple-test):
 * the allocator's names get the prefix sm_, so that it lives beside
 * glibc's malloc and AddressSanitizer's, and its sbrk is the test's
 * (test_sbrk, a break of its own that the test can refuse or move).
 */
#define malloc sm_malloc
#define free sm_free
#define calloc sm_calloc
#define realloc sm_realloc
#define reallocarray sm_reallocarray
#define memalign sm_memalign
#define aligned_alloc sm_aligned_alloc
#define posix_memalign sm_posix_memalign
#define malloc_usable_size sm_malloc_usable_size
#define mallinfo2 sm_mallinfo2
#define malloc_stats sm_malloc_stats
#define malloc_check_heap sm_malloc_check_heap
#define __malloc_at sm___malloc_at
#define __malloc_check_start sm___malloc_check_start
#define __malloc_exit sm___malloc_exit
#define __malloc_prepare_write sm___malloc_prepare_write
#define sbrk test_sbrk
