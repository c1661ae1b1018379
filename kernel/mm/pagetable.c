/*
 * pagetable.c - map, unmap and protect pages in an address space.
 *
 * Theory of operation. A mapping is made by walking from the top-level
 * table (PML4) down to the page table (PT) that holds the page's entry,
 * creating missing tables on the way with zeroed frames from the frame
 * allocator. Upper-level entries are permissive (present, writable, and
 * user in the lower half); the real permissions live in the last-level
 * entry, so changing them touches one entry per page.
 *
 * Unmapping and protecting walk the tree recursively over the range
 * (range_walk), visiting only the tables that exist: a hole of 1 GiB costs
 * one look at one entry. On the way back up, a table whose entries are all
 * zero is freed and its parent entry cleared, so page-table memory follows
 * the mappings it describes. The kernel half is never freed: its tables
 * are shared by every address space.
 *
 * Shared frames: after fork a frame may appear in several spaces (its
 * reference count in pmm.h says how many), so unmapping an owned page
 * drops one reference rather than freeing the frame outright. A private
 * shared page carries the software bit PTE_COW and is never writable;
 * protecting it keeps it so (see fault.c's copy-on-write break).
 *
 * TLB: a changed entry may still be cached by the CPU. If the space is the
 * current one (or the address is in the shared kernel half), each page is
 * invalidated with invlpg; past INVLPG_MAX pages a full flush (reloading
 * CR3) is cheaper, and is done once at the end.
 */
#include "mm/pagetable.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pagewalk.h"
#include "arch/x86_64/pte.h"
#include "lib/errno.h"
#include "lib/panic.h" /* the labs' stubs (docs/labs/) */
#include "lib/string.h"
#include "mm/pmm.h"

#define INVLPG_MAX 32

/* Returns the virtual address of the table an entry points to. */
static uint64_t *table_of(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

/* Returns the leaf-entry bits for VM_* flags. */
static uint64_t leaf_bits(unsigned flags)
{
	/* LAB(pagetables) BEGIN: part 2, leaf_bits: the rights of a last-level entry
	 * (docs/labs/pagetables.md)
	 * stub: (void)flags;
	 * stub: panic("not implemented: see docs/labs/pagetables.md (part 2)");
	 */
	/* VM_NONE: a non-present entry that still holds its frame. */
	uint64_t bits = (flags & VM_NONE) ? 0 : PTE_P;
	if (flags & VM_WRITE)
		bits |= PTE_W;
	if (!(flags & VM_EXEC))
		bits |= PTE_NX;
	if (flags & VM_USER)
		bits |= PTE_U;
	if (flags & VM_OWNED)
		bits |= PTE_OWNED;
	if (flags & VM_UNCACHED)
		bits |= PTE_PCD | PTE_PWT;
	if (flags & VM_COW)
		bits = (bits | PTE_COW) & ~PTE_W;
	return bits;
	/* LAB(pagetables) END */
}

/* Returns the VM_* flags of a leaf entry. */
static unsigned leaf_flags(uint64_t e)
{
	return VM_READ | ((e & PTE_W) ? VM_WRITE : 0) | ((e & PTE_NX) ? 0 : VM_EXEC) |
	       ((e & PTE_U) ? VM_USER : 0) | ((e & PTE_OWNED) ? VM_OWNED : 0) |
	       ((e & PTE_PCD) ? VM_UNCACHED : 0) | ((e & PTE_COW) ? VM_COW : 0);
}

/* Returns true if [va, va + npages pages) is page-aligned, non-empty and
 * lies wholly in the lower half or wholly in the (canonical) upper half. */
static bool range_ok(uint64_t va, size_t npages)
{
	if (va % PAGE_SIZE || npages == 0 || npages > (1ull << 36))
		return false;
	uint64_t end = va + npages * PAGE_SIZE;
	if (end <= va)
		return false; /* wraps around (the very last page is not mappable) */
	if (va < LOWER_HALF_END)
		return end <= LOWER_HALF_END;
	return is_canonical(va);
}

/* A page-table page for a user space: from the frame allocator, zeroed. */
static uint64_t new_user_table(void)
{
	return pmm_alloc_zeroed_owned(0, FRAME_OWNER_PAGE_TABLE);
}

/*
 * Returns va's page-table entry in s, making the tables above it; NULL if
 * a huge page is in the way or no frame was left for a table. This is the
 * walk the CPU does (PML4, PDPT, PD, then PT), written out: each level's
 * index is nine bits of va (pte_index), and a missing table is a fresh
 * zeroed frame whose entry is present, writable and, in the lower half,
 * user: the CPU ANDs the rights of every level, so the upper levels allow
 * everything and the last-level entry decides.
 */
static uint64_t *walk_create(struct vmm_space *s, uint64_t va)
{
	/* LAB(pagetables) BEGIN: part 1, walk_create: the four-level walk that
	 * makes the tables (docs/labs/pagetables.md)
	 * stub: (void)s; (void)va; (void)new_user_table;
	 * stub: panic("not implemented: see docs/labs/pagetables.md (part 1)");
	 */
	uint64_t *table = phys_to_virt(s->pml4_phys);
	for (int level = 3; level > 0; level--) {
		uint64_t *e = &table[pte_index(va, level)];
		if (!(*e & PTE_P)) {
			uint64_t frame = new_user_table();
			if (!frame)
				return NULL;
			*e = frame | PTE_P | PTE_W | (va < LOWER_HALF_END ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			return NULL; /* a 1 GiB or 2 MiB page maps va */
		}
		table = table_of(*e);
	}
	return &table[pte_index(va, 0)];
	/* LAB(pagetables) END */
}

/* Invalidates va's TLB entry if the CPU may hold it; counts in *n. */
static void flush_page(struct vmm_space *s, uint64_t va, size_t *n)
{
	if (va < LOWER_HALF_END && !vmm_is_active(s))
		return;
	if (++*n <= INVLPG_MAX)
		invlpg(va);
}

static void flush_finish(size_t n)
{
	if (n > INVLPG_MAX)
		write_cr3(read_cr3());
}

bool vmm_is_active(const struct vmm_space *s)
{
	return (read_cr3() & PTE_ADDR) == s->pml4_phys;
}

void vmm_activate(struct vmm_space *s)
{
	if (!vmm_is_active(s))
		write_cr3(s->pml4_phys);
}

bool vmm_translate(struct vmm_space *s, uint64_t va, uint64_t *pa, unsigned *flags)
{
	if (!is_canonical(va))
		return false;
	int level;
	uint64_t *e = pagewalk_entry(s->pml4_phys, va, 0, NULL, &level);
	if (!e || !(*e & PTE_P))
		return false; /* a VM_NONE entry holds a frame but maps nothing */
	uint64_t span = pte_span(level);
	if (pa)
		*pa = (*e & PTE_ADDR & ~(span - 1)) | (va & (span - 1));
	if (flags)
		*flags = leaf_flags(*e);
	return true;
}

static long unmap_range(struct vmm_space *s, uint64_t va, uint64_t end, bool free_owned,
			bool all_tables);

int vmm_map(struct vmm_space *s, uint64_t va, uint64_t pa, size_t npages, unsigned flags)
{
	if (!range_ok(va, npages) || pa % PAGE_SIZE || ((flags & VM_USER) && va >= LOWER_HALF_END))
		return -EINVAL;
	/* LAB(pagetables) BEGIN: part 2, vmm_map: npages entries, all or none
	 * (docs/labs/pagetables.md)
	 * stub: (void)s;
	 * stub: panic("not implemented: see docs/labs/pagetables.md (part 2)");
	 */
	uint64_t bits = leaf_bits(flags);
	for (size_t i = 0; i < npages; i++) {
		uint64_t *pte = walk_create(s, va + i * PAGE_SIZE);
		int err = !pte ? -ENOMEM : *pte ? -EEXIST : 0;
		if (err) {
			/* Undo, without freeing frames the caller still owns. New
			 * entries replaced non-present ones: nothing to invalidate. */
			unmap_range(s, va, va + i * PAGE_SIZE, false, false);
			return err;
		}
		*pte = (pa + i * PAGE_SIZE) | bits;
	}
	return 0;
	/* LAB(pagetables) END */
}

/* What range_walk does to each present leaf entry. */
enum walk_op { OP_UNMAP, OP_PROTECT, OP_FORK, OP_MOVE, OP_PRUNE };

struct walk_ctx {
	struct vmm_space *space;
	enum walk_op op;
	bool free_owned;       /* OP_UNMAP: free VM_OWNED frames */
	bool all_tables;       /* OP_UNMAP: free every table met (destroying a space) */
	uint64_t bits;	       /* new leaf permission bits for OP_PROTECT */
	struct vmm_space *dst; /* OP_FORK: the child's space; OP_MOVE: the same space */
	uint64_t delta;	       /* OP_MOVE: each entry moves from va to va + delta */
	bool share;	       /* OP_FORK: keep rights (MAP_SHARED) instead of copy-on-write */
	bool nomem;	       /* OP_FORK, OP_MOVE: a table could not be made in dst */
	bool tlb_live;	       /* the CPU may cache these entries: invalidate them */
	size_t flushes;	       /* pages invalidated so far */
	long pages;	       /* pages changed */
	bool huge;	       /* a huge page was in the range */
};

/* Invalidates the page va after a change to its entry, if the TLB may
 * hold it (see flush_page; decided once per walk, not once per page). */
static void walk_flush(struct walk_ctx *c, uint64_t va)
{
	if (c->tlb_live && ++c->flushes <= INVLPG_MAX)
		invlpg(va);
}

/* Returns the context of a walk of [va, ...) in s doing op. */
static struct walk_ctx walk_start(struct vmm_space *s, enum walk_op op, uint64_t va)
{
	return (struct walk_ctx){
	    .space = s, .op = op, .tlb_live = va >= LOWER_HALF_END || vmm_is_active(s)};
}

/*
 * Returns true if every entry of table t is zero. The search looks first
 * near the entry just cleared (`near`): mappings come in clusters, so a
 * live neighbour is usually found in a few steps. Then it reads the whole
 * table eight entries at a time (one test per eight), since a table that
 * really is empty must be read to the end.
 */
static bool table_empty(const uint64_t *t, unsigned near)
{
	for (unsigned d = 0; d < 8; d++)
		if (t[(near + d) % PT_ENTRIES] || t[(near - d) % PT_ENTRIES])
			return false;
	for (unsigned i = 0; i < PT_ENTRIES; i += 8)
		if (t[i] | t[i + 1] | t[i + 2] | t[i + 3] | t[i + 4] | t[i + 5] | t[i + 6] |
		    t[i + 7])
			return false;
	return true;
}

/*
 * OP_FORK on one leaf entry e (holding a frame) of the page va, whose
 * entry in the child's space is *child: the child gets the same frame, one
 * more reference is counted, and unless the area is shared both entries
 * become copy-on-write (the parent's TLB entry is invalidated, since it
 * may still allow writes).
 */
static void fork_leaf(struct walk_ctx *c, uint64_t *e, uint64_t va, uint64_t *child)
{
	/* LAB(cow) BEGIN: part 2, share a page at fork, read-only and counted (docs/labs/cow.md)
	 * stub: (void)c; (void)e; (void)va; (void)child;
	 * stub: panic("not implemented: see docs/labs/cow.md (part 2, fork_leaf)");
	 */
	if (!c->share && !(*e & PTE_COW)) {
		*e = (*e | PTE_COW) & ~PTE_W;
		walk_flush(c, va);
	}
	*child = *e & ~(PTE_A | PTE_D);
	if (*e & PTE_OWNED)
		pmm_ref(*e & PTE_ADDR);
	/* LAB(cow) END */
	c->pages++;
}

/* OP_UNMAP on one leaf entry e of the page va (present or VM_NONE). */
static void unmap_leaf(struct walk_ctx *c, uint64_t *e, uint64_t va)
{
	/* LAB(pagetables) BEGIN: part 3, unmap_leaf: clear one entry, drop its
	 * frame, flush (docs/labs/pagetables.md)
	 * stub: (void)c; (void)e; (void)va;
	 * stub: panic("not implemented: see docs/labs/pagetables.md (part 3)");
	 */
	if ((*e & PTE_OWNED) && c->free_owned)
		pmm_unref(*e & PTE_ADDR);
	*e = 0;
	walk_flush(c, va);
	c->pages++;
	/* LAB(pagetables) END */
}

/* OP_PROTECT on one leaf entry e of the page va: new rights, same frame. */
static void protect_leaf(struct walk_ctx *c, uint64_t *e, uint64_t va)
{
	/* LAB(pagetables) BEGIN: part 4, protect_leaf: new rights for one entry
	 * (docs/labs/pagetables.md)
	 * stub: (void)c; (void)e; (void)va;
	 * stub: panic("not implemented: see docs/labs/pagetables.md (part 4)");
	 */
	uint64_t keep = *e & (PTE_ADDR | PTE_OWNED | PTE_COW | PTE_A | PTE_D);
	uint64_t now = keep | c->bits;
	if (now & PTE_COW)
		now &= ~PTE_W; /* still shared: the write fault copies */
	if (now != *e) {
		*e = now;
		walk_flush(c, va);
	}
	c->pages++;
	/* LAB(pagetables) END */
}

/*
 * OP_MOVE on one leaf entry e (holding a frame) of the page va: the entry,
 * frame, rights and ownership bits alike, moves to va + delta (mremap), so
 * the frame's reference count is untouched. Returns false, moving nothing,
 * if no table could be made there or the target already holds a frame.
 */
static bool move_leaf(struct walk_ctx *c, uint64_t *e, uint64_t va)
{
	uint64_t *to = walk_create(c->dst, va + c->delta);
	if (!to || *to)
		return false;
	*to = *e;
	*e = 0;
	walk_flush(c, va);
	c->pages++;
	return true;
}

/*
 * Applies c->op to the leaf entries of [va, end), which lies in the one
 * last-level table `table`. The loop over the entries is kept this tight
 * because most of a sparse area's entries are zero (a stack area of 8 MiB
 * with a few pages touched): skipping one costs a load, a test, a step.
 * A zero entry maps nothing; a leaf may hold a frame while not present
 * (VM_NONE), so "non-zero", not PTE_P, is the test.
 */
static void leaf_walk(struct walk_ctx *c, uint64_t *table, uint64_t va, uint64_t end)
{
	uint64_t *first = &table[pte_index(va, 0)];
	uint64_t *stop = first + (end - va) / PAGE_SIZE;
	uint64_t *child = NULL; /* OP_FORK: the child's entry for `first` */
	if (c->op == OP_PRUNE || c->nomem)
		return; /* pruning looks at tables only; a failed move stops */
	for (uint64_t *e = first; e < stop; e++) {
		if (!*e)
			continue;
		uint64_t page = va + (uint64_t)(e - first) * PAGE_SIZE;
		if (c->op == OP_FORK) {
			/* The child's table is made at the first page it needs, once
			 * for the whole table: its entries then run beside ours. */
			if (!child && !c->nomem && (child = walk_create(c->dst, page)) != NULL)
				child -= e - first;
			if (!child) {
				c->nomem = true; /* the walk stops doing anything */
				return;
			}
			fork_leaf(c, e, page, child + (e - first));
		} else if (c->op == OP_MOVE) {
			if (!move_leaf(c, e, page)) {
				c->nomem = true;
				return;
			}
		} else if (c->op == OP_UNMAP)
			unmap_leaf(c, e, page);
		else
			protect_leaf(c, e, page);
	}
}

/*
 * Applies ctx->op to the leaf entries of [va, end) below `table` (at
 * `level` > 0); frees tables it leaves empty when unmapping in the lower half.
 */
static void range_walk(struct walk_ctx *c, uint64_t *table, int level, uint64_t va, uint64_t end)
{
	while (va < end) {
		uint64_t span = pte_span(level);
		uint64_t next = (va & ~(span - 1)) + span;
		if (next > end || next == 0)
			next = end;
		uint64_t *e = &table[pte_index(va, level)];
		if (!(*e & PTE_P)) {
			/* no table here: nothing mapped in [va, next) */
		} else if (*e & PTE_PS) {
			c->huge = true;
		} else {
			uint64_t *child = table_of(*e);
			long before = c->pages;
			if (level == 1)
				leaf_walk(c, child, va, next);
			else
				range_walk(c, child, level - 1, va, next);
			/* LAB(pagetables) BEGIN: part 3, free a table the unmap
			 * left empty (docs/labs/pagetables.md)
			 * stub: (void)before; (void)table_empty;
			 * stub: if (c->op == OP_UNMAP)
			 * stub: 	panic("not implemented: see docs/labs/pagetables.md");
			 */
			/* A last-level table whose whole span was unmapped is empty
			 * without looking: every non-zero entry was just cleared. */
			bool cleared = level == 1 && next - va == span;
			if (c->op == OP_UNMAP && va < LOWER_HALF_END &&
			    (c->all_tables ||
			     (c->pages != before &&
			      (cleared || table_empty(child, pte_index(va, level - 1)))))) {
				pmm_free(*e & PTE_ADDR, 0);
				*e = 0;
			}
			/* LAB(pagetables) END */
			/* OP_PRUNE (after a move): a table the move left empty goes. */
			if (c->op == OP_PRUNE && va < LOWER_HALF_END &&
			    table_empty(child, pte_index(va, level - 1))) {
				pmm_free(*e & PTE_ADDR, 0);
				*e = 0;
			}
		}
		va = next;
	}
}

/* Unmaps [va, end); returns pages unmapped or -EINVAL (huge page met). */
static long unmap_range(struct vmm_space *s, uint64_t va, uint64_t end, bool free_owned,
			bool all_tables)
{
	struct walk_ctx c = walk_start(s, OP_UNMAP, va);
	c.free_owned = free_owned;
	c.all_tables = all_tables;
	range_walk(&c, phys_to_virt(s->pml4_phys), 3, va, end);
	flush_finish(c.flushes);
	return c.huge ? -EINVAL : c.pages;
}

long vmm_unmap(struct vmm_space *s, uint64_t va, size_t npages)
{
	if (!range_ok(va, npages))
		return -EINVAL;
	return unmap_range(s, va, va + npages * PAGE_SIZE, true, false);
}

long vmm_protect(struct vmm_space *s, uint64_t va, size_t npages, unsigned flags)
{
	if (!range_ok(va, npages) || ((flags & VM_USER) && va >= LOWER_HALF_END))
		return -EINVAL;
	struct walk_ctx c = walk_start(s, OP_PROTECT, va);
	c.bits = leaf_bits(flags & ~VM_OWNED);
	range_walk(&c, phys_to_virt(s->pml4_phys), 3, va, va + npages * PAGE_SIZE);
	flush_finish(c.flushes);
	return c.huge ? -EINVAL : c.pages;
}

long vmm_fork_range(struct vmm_space *dst, struct vmm_space *src, uint64_t va, size_t npages,
		    bool share)
{
	if (!range_ok(va, npages) || va >= LOWER_HALF_END)
		return -EINVAL;
	struct walk_ctx c = walk_start(src, OP_FORK, va);
	c.dst = dst;
	c.share = share;
	range_walk(&c, phys_to_virt(src->pml4_phys), 3, va, va + npages * PAGE_SIZE);
	flush_finish(c.flushes);
	return c.nomem ? -ENOMEM : c.huge ? -EINVAL : 0;
}

/* Walks [va, va + len) of s doing op (OP_MOVE: by delta); returns the walk's outcome. */
static struct walk_ctx walk_range(struct vmm_space *s, enum walk_op op, uint64_t va, uint64_t len,
				  uint64_t delta)
{
	struct walk_ctx c = walk_start(s, op, va);
	c.dst = s;
	c.delta = delta;
	range_walk(&c, phys_to_virt(s->pml4_phys), 3, va, va + len);
	flush_finish(c.flushes);
	return c;
}

/*
 * Moves in two walks so that it is all or nothing without a second
 * allocation: the entries go first, leaving the old tables in place; if a
 * new table cannot be had, the moved entries go back into those tables
 * (which needs none). Then the tables the losing side left empty are freed.
 */
long vmm_move(struct vmm_space *s, uint64_t from, uint64_t to, size_t npages)
{
	if (!range_ok(from, npages) || !range_ok(to, npages) || from >= LOWER_HALF_END ||
	    to >= LOWER_HALF_END)
		return -EINVAL;
	uint64_t len = npages * PAGE_SIZE;
	if (from < to + len && to < from + len)
		return -EINVAL; /* overlapping ranges */
	struct walk_ctx c = walk_range(s, OP_MOVE, from, len, to - from);
	if (c.nomem || c.huge) {
		walk_range(s, OP_MOVE, to, len, from - to); /* cannot fail: the tables exist */
		walk_range(s, OP_PRUNE, to, len, 0);
		return c.huge ? -EINVAL : -ENOMEM;
	}
	walk_range(s, OP_PRUNE, from, len, 0);
	return c.pages;
}

int vmm_set_leaf(struct vmm_space *s, uint64_t va, uint64_t pa, unsigned flags)
{
	if (!range_ok(va, 1) || pa % PAGE_SIZE)
		return -EINVAL;
	int level;
	uint64_t *e = pagewalk_entry(s->pml4_phys, va, 0, NULL, &level);
	if (!e || level != 0 || !*e)
		return -ENOENT;
	*e = pa | leaf_bits(flags);
	size_t n = 0;
	flush_page(s, va, &n);
	return 0;
}

int vmm_space_create(struct vmm_space *s)
{
	uint64_t pml4 = pmm_alloc_zeroed_owned(0, FRAME_OWNER_PAGE_TABLE);
	if (!pml4)
		return -ENOMEM;
	uint64_t *dst = phys_to_virt(pml4);
	const uint64_t *src = phys_to_virt(vmm_kernel_space()->pml4_phys);
	/* Share the kernel half: the same PDPTs in every space. */
	memcpy(dst + PT_ENTRIES / 2, src + PT_ENTRIES / 2, PAGE_SIZE / 2);
	s->pml4_phys = pml4;
	return 0;
}

void vmm_space_destroy(struct vmm_space *s)
{
	unmap_range(s, 0, LOWER_HALF_END, true, true);
	pmm_free(s->pml4_phys, 0);
	s->pml4_phys = 0;
}

/* Counts the tables below `table` (at `level`), not counting itself. */
static size_t count_tables(const uint64_t *table, int level)
{
	size_t n = 0;
	for (int i = 0; i < PT_ENTRIES && level > 0; i++)
		if ((table[i] & PTE_P) && !(table[i] & PTE_PS))
			n += 1 + count_tables(table_of(table[i]), level - 1);
	return n;
}

size_t vmm_table_pages(struct vmm_space *s)
{
	const uint64_t *pml4 = phys_to_virt(s->pml4_phys);
	size_t n = 0;
	for (int i = 0; i < PT_ENTRIES / 2; i++)
		if (pml4[i] & PTE_P)
			n += 1 + count_tables(table_of(pml4[i]), 2);
	return n;
}

/* Counts the present pages mapped below `table` (at `level`; 0: a page table). */
static size_t count_present(const uint64_t *table, int level)
{
	size_t n = 0;
	for (int i = 0; i < PT_ENTRIES; i++) {
		if (!(table[i] & PTE_P))
			continue;
		if (level == 0 || (table[i] & PTE_PS)) /* a page, or a large one */
			n += (size_t)1 << (9 * level);
		else
			n += count_present(table_of(table[i]), level - 1);
	}
	return n;
}

size_t vmm_user_pages(struct vmm_space *s)
{
	const uint64_t *pml4 = phys_to_virt(s->pml4_phys);
	size_t n = 0;
	for (int i = 0; i < PT_ENTRIES / 2; i++)
		if (pml4[i] & PTE_P)
			n += count_present(table_of(pml4[i]), 2);
	return n;
}
