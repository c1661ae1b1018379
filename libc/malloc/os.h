/*
 * os.h - the allocator's only contact with the kernel: the break, anonymous
 * mappings, discarding pages, writing a diagnosis, dying. The libc build
 * issues Interlude's (= Linux's) system calls; the host test build keeps
 * a fake break inside one reserved mapping (so it never fights glibc's own
 * malloc for the real break) and can be told to refuse memory.
 */
#ifndef LIBC_MALLOC_OS_H
#define LIBC_MALLOC_OS_H

#include <stddef.h>
#include <stdint.h>

/* Moves the break by inc bytes; the old break, or NULL on failure. */
void *im_os_sbrk(intptr_t inc);
/* The current break (no system call counted). */
void *im_os_brk_now(void);
/* A fresh zeroed read/write anonymous mapping of len bytes (page multiple);
 * with fixed, exactly at hint or fail (MAP_FIXED_NOREPLACE). NULL on failure. */
void *im_os_mmap(void *hint, size_t len, int fixed);
int im_os_munmap(void *p, size_t len);
/* Moves the mapping [p, p + len) to one of new_len bytes (the pages move,
 * not their contents: mremap with MREMAP_MAYMOVE), wherever the kernel
 * finds room; its address, or NULL if the kernel could not or has no
 * mremap (ENOSYS: then never asked again; Interlude's kernel has it). */
void *im_os_remap(void *p, size_t len, size_t new_len);
/* The pages' contents are discarded; the next touch reads zero. */
int im_os_madvise_dontneed(void *p, size_t len);
/* Address space only: len bytes, no access (PROT_NONE) or read/write
 * (rw), not charged against the commit limit (MAP_NORESERVE): pages come
 * into being when touched. NULL on failure. */
void *im_os_reserve(size_t len, int rw);
/* Changes the pages' protection: readable and writable, or no access. 0 or -1. */
int im_os_protect(void *p, size_t len, int read_write);
/* The environment variable's value, or NULL. */
const char *im_os_getenv(const char *name);
/* The program's name (argv[0]), for the addr2line command in reports. */
const char *im_os_progname(void);
void im_os_write_err(const char *s, size_t n);
__attribute__((noreturn)) void im_os_die(int status);
/* 1 if the kernel writes the memory trace for this program (read once). */
int im_os_traced(void);
/* Writes one of the libc's lines of the trace (SYS_trace_event's arguments). */
void im_os_trace_event(long kind, uintptr_t a, uintptr_t b, uintptr_t c, long path, uintptr_t site);
#ifdef MALLOC_HOST_TEST
/* The host build's stand-in for the kernel's trace (tests/malloc/malloc_trace_test.c):
 * im_os_traced returns im_os_host_traced, and each event is recorded here. */
struct im_os_trace_record {
	long kind;
	uintptr_t a, b, c;
	long path;
	uintptr_t site;
};
#define IM_OS_HOST_EVENTS 64
extern int im_os_host_traced;
extern int im_os_host_no_mremap; /* im_os_remap fails as on a kernel without mremap */
extern struct im_os_trace_record im_os_host_events[IM_OS_HOST_EVENTS];
extern unsigned im_os_host_nevents; /* how many were sent (more than kept, if it overflowed) */
#endif
void im_os_set_enomem(void);
void im_os_set_einval(void);

struct im_os_counters {
	unsigned long sbrk_calls, sbrk_shrinks, mmap_calls, munmap_calls, madvise_calls,
	    mremap_calls;
	size_t madvised_bytes;
};
extern struct im_os_counters im_os_counters;

/* Test controls (honoured by both builds; only tests set them). */
extern int im_os_refuse_sbrk; /* growth of the break fails */
extern int im_os_refuse_mmap; /* mmap fails */
#ifdef MALLOC_HOST_TEST
/* Host tests: [lo, hi) of the fake break's reservation is someone else's
 * mapping (the break stops below it, the heap maps around it); the next
 * mapping the allocator asks for anywhere goes at next_map (once), as a
 * kernel may place one in a gap of the heap. */
extern uintptr_t im_os_host_taken_lo, im_os_host_taken_hi, im_os_host_next_map;
#endif

#endif
