/*
 * mm.h - a process's memory: struct mm, and the Linux memory system calls
 * on it.
 *
 * struct mm (Linux's mm_struct) is one address space: its page tables
 * (pagetable.h) and what the process may touch there: its areas (VMAs,
 * vma.h), its program break, where mmap places things and how its stack
 * grows. The functions below implement brk, sbrk, mmap, munmap, mprotect,
 * madvise and mremap (brk.c, mmap.c, mprotect.c, madvise.c, mremap.c) with
 * Linux's results, errnos and order of checks (the specification is
 * docs/spec/memory-syscalls.md; its rules are cited by slug, such as
 * brk.shrink-needs-an-area), and say what a page fault means
 * (mm_fault_check); mm/fault.h has the kernel's side: creating and
 * destroying a struct mm with its page tables, and demand paging.
 *
 * These functions are pure bookkeeping on the areas, with no globals, so
 * they are tested on the host. Everything with a side effect goes through
 * the caller's struct mm_ops: allocating VMA structs (kernel: kmalloc;
 * tests: a static pool), and hearing that a range stopped being mapped
 * (kernel: vmm_unmap frees its frames), changed protection (vmm_protect)
 * or had its pages discarded (madvise DONTNEED). Frames are allocated
 * lazily by the fault handler (mm_handle_fault), so creating a mapping
 * needs no callback.
 *
 * Functions returning int or int64_t give a result >= 0 or -errno
 * (lib/errno.h), except mm_brk, which like Linux's brk returns the new
 * break or, on any failure, the unchanged one.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "arch/x86_64/memlayout.h"
#include "lib/kprintf.h"
#include "mm/mman.h"
#include "mm/pagetable.h"
#include "mm/vma.h"

#include <stddef.h>
#include <stdint.h>

/* PAGE_SIZE, TASK_SIZE, MMAP_MIN_ADDR and STACK_TOP: arch/x86_64/memlayout.h. */
/* vm.max_map_count (mmap.max-map-count). */
#define MM_MAX_MAP_COUNT 65530
/* RLIMIT_STACK's usual soft limit: the stack may grow to 8 MiB (fault.stack-grows). */
#define MM_STACK_LIMIT (8ULL << 20)
/* Linux's stack_guard_gap: 256 pages kept free below a grows-down area (brk.stack-guard-gap). */
#define MM_STACK_GUARD_GAP (256ULL * PAGE_SIZE)
/* Linux keeps at least this much between the top of the mmap area and TASK_SIZE. */
#define MM_MMAP_GAP_MIN (128ULL << 20)
/* MAP_32BIT mappings go bottom-up in [1 GiB, 2 GiB), as on Linux x86-64. */
#define MM_32BIT_BASE 0x40000000ULL
#define MM_32BIT_END 0x80000000ULL

/* What the caller supplies; any callback but alloc/free may be NULL. */
struct mm_ops {
	struct vma *(*alloc)(void *ctx); /* NULL when out of memory */
	void (*free)(void *ctx, struct vma *v);
	/* [start, end) is no longer mapped: drop its pages and frames. */
	void (*unmap)(void *ctx, uint64_t start, uint64_t end);
	/* The pages of [start, end) now have protection prot (PROT_*). */
	void (*protect)(void *ctx, uint64_t start, uint64_t end, unsigned prot);
	/* Discard the pages of [start, end) but keep the area (MADV_DONTNEED). */
	void (*zap)(void *ctx, uint64_t start, uint64_t end);
	/*
	 * Make the pages of [start, end), in one area of protection prot
	 * (never PROT_NONE), present now (MAP_POPULATE); 0 or -ENOMEM.
	 */
	int (*populate)(void *ctx, uint64_t start, uint64_t end, unsigned prot);
	/*
	 * mremap: move the pages present in [from, from + len) to the same
	 * offsets from to (a range holding none), frames and all; 0, or
	 * -ENOMEM having moved nothing. NULL: nothing to move (pure tests).
	 */
	int (*move)(void *ctx, uint64_t from, uint64_t to, uint64_t len);
};

struct mm {
	/*
	 * The page tables (pagetable.h). The bookkeeping here never touches
	 * them: in the kernel the ops (fault.c) do; host tests leave them 0.
	 */
	struct vmm_space pt;
	struct vma_set vmas;
	uint64_t start_brk; /* where the heap begins: page-aligned */
	uint64_t brk;	    /* the program break, byte-exact (brk.byte-exact) */
	uint64_t mmap_base; /* top-down placement starts below this */
	uint64_t stack_top; /* end of the stack area (0: no stack) */
	/* Tunables, set by mm_init to Linux's values; tests may shrink them. */
	uint64_t stack_limit; /* RLIMIT_STACK */
	uint64_t stack_guard_gap;
	uint64_t mmap_min_addr;
	/*
	 * budget of the overcommit heuristic (brk.growth-needs-commit-headroom
	 * and mmap.commit-accounting)
	 */
	uint64_t ram_pages;
	size_t max_map_count;
	/* mlockall(MCL_FUTURE): VMA_LOCKED (and VMA_LOCKONFAULT) for every new area (mlock.c) */
	unsigned def_flags;
	const struct mm_ops *ops;
	void *ctx; /* passed to every op */
};

/* A loaded ELF segment for mm_setup: [start, end) is rounded out to pages. */
struct mm_segment {
	uint64_t start, end;
	unsigned prot;
};

/* Access kinds for mm_fault_check (same bits as PROT_*). */
#define MM_ACCESS_READ PROT_READ
#define MM_ACCESS_WRITE PROT_WRITE
#define MM_ACCESS_EXEC PROT_EXEC

/* What a page fault at an address means. */
enum mm_fault {
	MM_FAULT_OK,	      /* allowed: map a zeroed frame with the VMA's prot */
	MM_FAULT_MAPERR,      /* nothing mapped there: SIGSEGV/SEGV_MAPERR */
	MM_FAULT_ACCERR,      /* the VMA forbids this access: SEGV_ACCERR */
	MM_FAULT_STACK_GUARD, /* below the stack, which may not grow there */
	MM_FAULT_OOM,	      /* allowed, but no frame was left (mm_handle_fault only) */
	MM_FAULT_SIGBUS,      /* a file area's page lies past the file's end: SIGBUS/BUS_ADRERR */
	MM_FAULT_NOSPACE,     /* a page of a file of /tmp, which is full: SIGBUS/BUS_ADRERR */
};

/*
 * Makes u an empty address space (no VMAs, break 0) using ops and ctx,
 * with a RAM budget of ram_pages and Linux's tunables. u->pt is left
 * alone: the page tables are the kernel's business (mm_create, fault.h).
 */
void mm_init(struct mm *u, const struct mm_ops *ops, void *ctx, uint64_t ram_pages);

/*
 * Builds the initial layout of an initialised, empty u: one VMA_IMAGE area
 * per segment, the break at the page after the highest segment, and a
 * grows-down stack of stack_size bytes ending at STACK_TOP. Returns 0,
 * -EINVAL (bad segments or size; u is left empty) or -ENOMEM.
 */
int mm_setup(struct mm *u, const struct mm_segment *segs, size_t nsegs, uint64_t stack_size);

/* Unmaps and frees every VMA of u (through ops); u is empty afterwards. */
void mm_clear(struct mm *u);

/* brk(2): returns the new break, or the unchanged break on any failure. */
uint64_t mm_brk(struct mm *u, uint64_t addr);

/* xv6's sbrk: moves the break by increment; returns the old break or -ENOMEM. */
int64_t mm_sbrk(struct mm *u, int64_t increment);

/*
 * What mmap of a file learns from its descriptor (sys/sys_mm.c asks the
 * file system): the file, NULL if its kind cannot be mapped (a terminal,
 * a pipe, a directory, /proc: -ENODEV), and the descriptor's mode.
 */
struct mm_mmap_source {
	const struct mm_file *file; /* mm/pagecache.h */
	bool readable, writable;    /* opened for reading, for writing */
	bool noexec;		    /* on a noexec mount (/tmp): no PROT_EXEC, ever */
};

/*
 * mmap(2) of anonymous memory: returns the address or -errno. Without
 * MAP_ANONYMOUS fd names no file here: -EBADF (mm_mmap_file maps files).
 * With MAP_POPULATE (or MAP_LOCKED) the accessible part of the new
 * mapping is paged in now (ops->populate); if memory runs out doing so,
 * the mapping is removed again (with its frames) and the result is
 * -ENOMEM.
 */
int64_t mm_mmap(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot, unsigned long flags,
		int fd, uint64_t off);

/*
 * mmap(2) of the file src describes (filemap.c: Linux's rules for files,
 * and its pages come from the page cache), or of anonymous memory if
 * flags say MAP_ANONYMOUS. Returns the address or -errno.
 */
int64_t mm_mmap_file(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot,
		     unsigned long flags, const struct mm_mmap_source *src, uint64_t off);

/* munmap(2): returns 0 or -errno. */
int mm_munmap(struct mm *u, uint64_t addr, uint64_t len);

/* mprotect(2): returns 0 or -errno; not atomic, like Linux (mprotect.not-atomic). */
int mm_mprotect(struct mm *u, uint64_t addr, uint64_t len, unsigned long prot);

/* madvise(2) for NORMAL, RANDOM, SEQUENTIAL, WILLNEED, DONTNEED, FREE. */
int mm_madvise(struct mm *u, uint64_t addr, uint64_t len, int advice);

/*
 * mremap(2) (mremap.c): shrinks, grows in place or, with MREMAP_MAYMOVE,
 * moves [addr, addr + old_len) to new_len bytes, its present pages moved
 * by ops->move. Returns the (new) address or -errno; on failure the old
 * mapping is as it was (MREMAP_FIXED may have unmapped new_addr first,
 * as on Linux).
 */
int64_t mm_mremap(struct mm *u, uint64_t addr, uint64_t old_len, uint64_t new_len,
		  unsigned long flags, uint64_t new_addr);

/*
 * mlock(2) and mlock2(2) (mlock.c): locks the areas of [addr, addr + len)
 * (VMA_LOCKED, with VMA_LOCKONFAULT if onfault) and pages them in unless
 * onfault. Returns 0 or -errno: -EINVAL (mlock2's flags, a wrapping
 * range), -ENOMEM (a page in no area, or the map count), -EAGAIN (no
 * memory to page them in; they stay locked).
 */
int mm_mlock(struct mm *u, uint64_t addr, uint64_t len, bool onfault);

/* munlock(2): unlocks the areas of [addr, addr + len); 0 or -EINVAL / -ENOMEM as mlock. */
int mm_munlock(struct mm *u, uint64_t addr, uint64_t len);

/*
 * mlockall(2) with flags MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT (mman.h):
 * locks every area now, every future one, or both; 0 or -EINVAL.
 * munlockall(2) (flags 0): unlocks every area and stops MCL_FUTURE.
 */
int mm_mlockall(struct mm *u, int flags);
int mm_munlockall(struct mm *u);

/*
 * msync(2) (msync.c): nothing is ever dirty in a file (the boot file
 * system is read-only), so it only checks, in Linux's order: -EINVAL
 * (flags, alignment), -ENOMEM (a hole in the range), -EBUSY
 * (MS_INVALIDATE of locked memory); 0 otherwise.
 */
int mm_msync(struct mm *u, uint64_t addr, uint64_t len, int flags);

/*
 * Says what a fault at addr for an access (MM_ACCESS_*) means; on
 * MM_FAULT_OK stores the VMA in *vp (if vp). Grows the stack when the
 * fault is just below it and allowed to (fault.stack-grows).
 */
enum mm_fault mm_fault_check(struct mm *u, uint64_t addr, unsigned access, struct vma **vp);

/* Returns a word for r: "OK", "MAPERR", "ACCERR", "STACK_GUARD" or "OOM". */
const char *mm_fault_name(enum mm_fault r);

/*
 * Prints u's areas like /proc/self/maps, one line per VMA:
 * "00400000-00401000 r-xp [image]"; [heap], [stack] or [anon] otherwise.
 */
void mm_print_maps(const struct mm *u, kprintf_sink sink, void *ctx);

#endif
