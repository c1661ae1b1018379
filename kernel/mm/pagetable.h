/*
 * pagetable.h - virtual memory: address spaces and the page tables behind them.
 *
 * An address space (struct vmm_space) is one x86-64 four-level page-table
 * tree. The upper half (kernel) is the same in every space: its top-level
 * entries point at shared tables, so the kernel is mapped identically
 * whichever process runs. The lower half belongs to one process.
 *
 * All functions work on 4 KiB pages; addresses must be page-aligned and
 * canonical. Errors are negative errno values (lib/errno.h).
 */
#ifndef MM_PAGETABLE_H
#define MM_PAGETABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Protection and ownership flags for vmm_map and vmm_protect. */
#define VM_READ 0x1 /* x86 pages are always readable when present */
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_USER 0x8	 /* reachable from ring 3 */
#define VM_OWNED 0x10	 /* the frame belongs to the mapping: freed on unmap */
#define VM_NONE 0x20	 /* keep the frame but let nothing reach it (PROT_NONE) */
#define VM_UNCACHED 0x40 /* device registers: every access goes to the device */
#define VM_COW 0x80	 /* copy-on-write (PTE_COW): never writable; a write copies */

struct vmm_space {
	uint64_t pml4_phys; /* physical address of the top-level table */
};

/*
 * Builds the kernel's page tables: a direct map of all RAM at
 * DIRECT_MAP_BASE (1 GiB or 2 MiB pages), the kernel image with per-section
 * permissions (W^X, its boot-stack guard page left out) and nothing in the
 * lower half; turns on SMEP and SMAP when the CPU has them; switches to it.
 * Call after pmm_init.
 */
void vmm_init(void);

/* Returns the kernel's own address space (no user mappings). */
struct vmm_space *vmm_kernel_space(void);

/* Makes s the current address space (loads CR3). */
void vmm_activate(struct vmm_space *s);

/* Returns true if s is the address space the CPU is using now. */
bool vmm_is_active(const struct vmm_space *s);

/* Creates an empty user address space sharing the kernel half; -ENOMEM. */
int vmm_space_create(struct vmm_space *s);

/*
 * Frees every page-table page of s's lower half and every frame mapped
 * there with VM_OWNED, then the top-level table. s must not be active.
 */
void vmm_space_destroy(struct vmm_space *s);

/*
 * Maps npages pages from va to the physical frames from pa on. Returns 0,
 * -EINVAL (bad address or flags), -EEXIST (a page is already mapped;
 * nothing is changed) or -ENOMEM (nothing is left mapped).
 */
int vmm_map(struct vmm_space *s, uint64_t va, uint64_t pa, size_t npages, unsigned flags);

/*
 * Unmaps whatever is mapped in [va, va + npages pages); holes are fine.
 * Drops a reference to each VM_OWNED frame (pmm_unref: freed when it was
 * the last) and frees page-table pages left empty. Returns the
 * number of pages unmapped, or -EINVAL.
 */
long vmm_unmap(struct vmm_space *s, uint64_t va, size_t npages);

/*
 * Sets the protection (VM_WRITE, VM_EXEC, VM_USER, VM_NONE) of the pages in
 * the range; holes are skipped. A copy-on-write page stays so, and so
 * stays read-only whatever flags say (its write fault breaks the sharing). Returns the number of
 * pages changed, or -EINVAL.
 */
long vmm_protect(struct vmm_space *s, uint64_t va, size_t npages, unsigned flags);

/*
 * Looks va up: returns true and sets *pa (the physical address of va
 * itself) and *flags (VM_* bits) if mapped; false if not. Either output
 * pointer may be NULL.
 */
bool vmm_translate(struct vmm_space *s, uint64_t va, uint64_t *pa, unsigned *flags);

/*
 * Replaces the frame and flags of the page va, which holds a frame (present
 * or not), with pa and flags (no undo of anything: the caller drops its
 * reference to the old frame). Returns 0, or -ENOENT if va holds none.
 */
int vmm_set_leaf(struct vmm_space *s, uint64_t va, uint64_t pa, unsigned flags);

/*
 * mremap's page-table half: moves every entry holding a frame in
 * [from, from + npages pages) to the same offset in [to, ...), which must
 * hold none; frames, rights and reference counts stay as they were (the
 * frames move, nothing is copied or freed). Page tables left empty at from
 * are freed. Returns the number of pages moved, -ENOMEM (no frame for a
 * table at to: nothing is moved) or -EINVAL (bad or overlapping ranges).
 */
long vmm_move(struct vmm_space *s, uint64_t from, uint64_t to, size_t npages);

/*
 * fork's page-table half: for every page of [va, va + npages pages) that
 * holds a frame in src, maps the same frame at the same address in dst and
 * takes a reference to it (pmm_ref). With share, both entries keep their
 * rights (MAP_SHARED); otherwise both become copy-on-write (VM_COW) and
 * read-only. Returns 0, or -ENOMEM (no frame for one of dst's tables:
 * what was copied stays, for the caller's cleanup) or -EINVAL.
 */
long vmm_fork_range(struct vmm_space *dst, struct vmm_space *src, uint64_t va, size_t npages,
		    bool share);

/* Counts page-table pages of s's lower half (for tests and statistics). */
size_t vmm_table_pages(struct vmm_space *s);

/* Counts the pages of s's lower half mapped by a present entry: its
 * resident set, as getrusage's maxrss samples it (proc/usage.c). The walk
 * skips empty tables, so it costs what the page tables hold, not the size
 * of the address space. */
size_t vmm_user_pages(struct vmm_space *s);

#endif
