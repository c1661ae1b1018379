/*
 * mm_check.c - the memory invariant checker (mm_check.h).
 *
 * Theory of operation. The memory manager keeps three sets of books that
 * must agree: the areas (struct vma, what a process may touch), the page
 * tables (what it can touch right now) and the frame allocator (which
 * frames are in use). A bug in any system call shows up as a
 * disagreement long before it shows up as a crash: an entry left behind
 * by munmap points into no area; a forgotten vmm_protect leaves a page
 * writable in a read-only area; a double free leaves a page mapping a
 * free frame. The checker walks all three and names the first
 * disagreement it finds, with the addresses involved, so a fuzzer that
 * trips it can be replayed to the call that did it.
 *
 * The page-table walk goes over the lower half only (the kernel half is
 * shared and never changes), visiting only tables that exist, so a
 * process with a few hundred pages is checked in well under a
 * millisecond.
 */
#include "mm/mm_check.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "mm/kmalloc.h"

bool mm_check_enabled;

/* The protection bits an area may carry. */
#define MM_CHECK_PROT_BITS (PROT_READ | PROT_WRITE | PROT_EXEC)

const char *mm_check_areas(const struct mm *mm, char *why, size_t n)
{
	/* Area by area first, so that the message can name the addresses. */
	const struct vma *prev = NULL;
	size_t count = 0;
	for (const struct vma *v = vma_first(&mm->vmas); v; v = vma_next(v)) {
		count++;
		if (v->start % PAGE_SIZE || v->end % PAGE_SIZE)
			ksnprintf(why, n, "area [0x%llx, 0x%llx) is not page-aligned",
				  (unsigned long long)v->start, (unsigned long long)v->end);
		else if (v->start >= v->end)
			ksnprintf(why, n, "area [0x%llx, 0x%llx) is empty or reversed",
				  (unsigned long long)v->start, (unsigned long long)v->end);
		else if (v->start < mm->mmap_min_addr || v->end > TASK_SIZE)
			ksnprintf(why, n,
				  "area [0x%llx, 0x%llx) lies outside user space "
				  "[0x%llx, 0x%llx)",
				  (unsigned long long)v->start, (unsigned long long)v->end,
				  (unsigned long long)mm->mmap_min_addr,
				  (unsigned long long)TASK_SIZE);
		else if (prev && prev->end > v->start)
			ksnprintf(why, n, "areas [0x%llx, 0x%llx) and [0x%llx, 0x%llx) overlap",
				  (unsigned long long)prev->start, (unsigned long long)prev->end,
				  (unsigned long long)v->start, (unsigned long long)v->end);
		else if (v->prot & ~MM_CHECK_PROT_BITS)
			ksnprintf(why, n, "area [0x%llx, 0x%llx) has unknown protection bits 0x%x",
				  (unsigned long long)v->start, (unsigned long long)v->end,
				  v->prot & ~MM_CHECK_PROT_BITS);
		else {
			prev = v;
			continue;
		}
		return why;
	}
	if (count != vma_count(&mm->vmas)) {
		ksnprintf(why, n, "the area count says %zu but %zu areas are linked",
			  vma_count(&mm->vmas), count);
		return why;
	}
	const char *tree = vma_check_why(&mm->vmas);
	if (tree) {
		ksnprintf(why, n, "the area tree is broken: %s", tree);
		return why;
	}
	if (mm->brk < mm->start_brk || mm->start_brk % PAGE_SIZE) {
		ksnprintf(why, n,
			  "the break 0x%llx is below its start 0x%llx (or that is unaligned)",
			  (unsigned long long)mm->brk, (unsigned long long)mm->start_brk);
		return why;
	}
	return NULL;
}

/* Returns a word for a leaf entry's rights: "rwx", "r--", "---"... */
static const char *entry_rights(uint64_t e, char buf[4])
{
	bool present = e & PTE_P;
	buf[0] = present ? 'r' : '-';
	buf[1] = present && (e & PTE_W) ? 'w' : '-';
	buf[2] = present && !(e & PTE_NX) ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

/*
 * Checks the leaf entry e for the page at va; returns NULL or why. The
 * rules are those of fault.c's ops: a present entry carries the area's
 * rights or fewer (x86 cannot say write-only, so present means readable);
 * a PROT_NONE area keeps its frames behind non-present entries.
 */
static const char *check_leaf(const struct mm *mm, uint64_t va, uint64_t e, char *why, size_t n)
{
	char r[4];
	uint64_t frame = e & PTE_ADDR;
	const struct vma *v = vma_lookup(&mm->vmas, va);
	if (!v)
		ksnprintf(why, n, "page 0x%llx (frame 0x%llx, %s) lies in no area",
			  (unsigned long long)va, (unsigned long long)frame, entry_rights(e, r));
	else if (!(e & PTE_U) || !(e & PTE_OWNED))
		ksnprintf(why, n,
			  "page 0x%llx is not a user page owned by its mapping (entry 0x%llx)",
			  (unsigned long long)va, (unsigned long long)e);
	else if ((e & PTE_P) && !(v->prot & MM_CHECK_PROT_BITS))
		ksnprintf(why, n,
			  "page 0x%llx is present (%s) in the PROT_NONE area [0x%llx, 0x%llx)",
			  (unsigned long long)va, entry_rights(e, r), (unsigned long long)v->start,
			  (unsigned long long)v->end);
	else if (!(e & PTE_P) && (v->prot & MM_CHECK_PROT_BITS))
		ksnprintf(why, n,
			  "page 0x%llx holds frame 0x%llx behind a non-present entry in an "
			  "accessible area [0x%llx, 0x%llx)",
			  (unsigned long long)va, (unsigned long long)frame,
			  (unsigned long long)v->start, (unsigned long long)v->end);
	else if ((e & PTE_COW) && (e & PTE_W))
		ksnprintf(why, n, "page 0x%llx is copy-on-write but writable (entry 0x%llx)",
			  (unsigned long long)va, (unsigned long long)e);
	else if ((e & PTE_P) && (e & PTE_W) && !(v->flags & VMA_SHARED) && pmm_refcount(frame) > 1)
		ksnprintf(why, n,
			  "page 0x%llx is private and writable but shares frame 0x%llx (%u "
			  "references): a write would show in another mapping",
			  (unsigned long long)va, (unsigned long long)frame,
			  (unsigned)pmm_refcount(frame));
	else if ((e & PTE_P) && (e & PTE_W) && !(v->prot & PROT_WRITE))
		ksnprintf(why, n,
			  "page 0x%llx is writable in the area [0x%llx, 0x%llx) without "
			  "PROT_WRITE",
			  (unsigned long long)va, (unsigned long long)v->start,
			  (unsigned long long)v->end);
	else if ((e & PTE_P) && !(e & PTE_NX) && !(v->prot & PROT_EXEC))
		ksnprintf(why, n,
			  "page 0x%llx is executable in the area [0x%llx, 0x%llx) without "
			  "PROT_EXEC",
			  (unsigned long long)va, (unsigned long long)v->start,
			  (unsigned long long)v->end);
	else if (!pmm_frame_in_use(frame))
		ksnprintf(why, n,
			  "page 0x%llx maps frame 0x%llx, which the frame allocator says is %s",
			  (unsigned long long)va, (unsigned long long)frame,
			  pmm_is_ram(frame) ? "free" : "not RAM it manages");
	else
		return NULL;
	return why;
}

/*
 * Walks the table at `level` (3 = PML4) covering addresses from base;
 * returns NULL or why. A leaf holds a frame when it is not zero (a
 * PROT_NONE page is not present but keeps its frame); a table entry
 * means something only when present.
 */
static const char *walk(const struct mm *mm, const uint64_t *table, int level, uint64_t base,
			char *why, size_t n)
{
	unsigned entries = level == 3 ? PT_ENTRIES / 2 : PT_ENTRIES; /* the lower half */
	for (unsigned i = 0; i < entries; i++) {
		uint64_t e = table[i];
		uint64_t va = base + i * pte_span(level);
		if (level == 0) {
			if (e && check_leaf(mm, va, e, why, n))
				return why;
			continue;
		}
		if (!(e & PTE_P))
			continue;
		if (e & PTE_PS) {
			ksnprintf(why, n,
				  "a huge page maps user address 0x%llx (level %d entry 0x%llx)",
				  (unsigned long long)va, level, (unsigned long long)e);
			return why;
		}
		if (!pmm_frame_in_use(e & PTE_ADDR)) {
			ksnprintf(why, n,
				  "the page table for 0x%llx (level %d) is frame 0x%llx, which "
				  "the frame allocator says is not in use",
				  (unsigned long long)va, level - 1,
				  (unsigned long long)(e & PTE_ADDR));
			return why;
		}
		if (walk(mm, phys_to_virt(e & PTE_ADDR), level - 1, va, why, n))
			return why;
	}
	return NULL;
}

const char *mm_check_pages(const struct mm *mm, char *why, size_t n)
{
	if (!mm->pt.pml4_phys)
		return NULL; /* no page tables (a fake mm) */
	return walk(mm, phys_to_virt(mm->pt.pml4_phys), 3, 0, why, n);
}

/* Calls fn(frame, arg) for every leaf entry holding a frame in the table
 * at `level` (3 = PML4, lower half only) and below. */
static void for_each_frame(const uint64_t *table, int level, void (*fn)(uint64_t, void *),
			   void *arg)
{
	unsigned entries = level == 3 ? PT_ENTRIES / 2 : PT_ENTRIES;
	for (unsigned i = 0; i < entries; i++) {
		uint64_t e = table[i];
		if (level == 0 && e && (e & PTE_OWNED))
			fn(e & PTE_ADDR, arg);
		else if (level > 0 && (e & PTE_P) && !(e & PTE_PS))
			for_each_frame(phys_to_virt(e & PTE_ADDR), level - 1, fn, arg);
	}
}

/* The kernel's own holders of user-frame references (mm_check_add_holder). */
static struct mm_check_holder *holders;

void mm_check_add_holder(struct mm_check_holder *h)
{
	h->next = holders;
	holders = h;
}

void mm_check_remove_holder(struct mm_check_holder *h)
{
	for (struct mm_check_holder **pp = &holders; *pp; pp = &(*pp)->next)
		if (*pp == h) {
			*pp = h->next;
			return;
		}
}

/*
 * for_each_frame over the lower half of every mm with page tables, then
 * over every frame a kernel holder keeps a reference to: both kinds of
 * reference are counted alike.
 */
static void for_each_mapped(struct mm *const *mms, size_t count, void (*fn)(uint64_t, void *),
			    void *arg)
{
	for (size_t k = 0; k < count; k++)
		if (mms[k]->pt.pml4_phys)
			for_each_frame(phys_to_virt(mms[k]->pt.pml4_phys), 3, fn, arg);
	for (struct mm_check_holder *h = holders; h; h = h->next)
		h->each(fn, arg);
}

/* Takes one reference (borrowed for the check) from the frame. */
static void borrow(uint64_t frame, void *arg)
{
	(void)arg;
	pmm_refcount_adjust(frame, -1);
}

/* Gives the borrowed reference back. */
static void give_back(uint64_t frame, void *arg)
{
	(void)arg;
	pmm_refcount_adjust(frame, +1);
}

/* What the refs check found first: a frame whose count is off. */
struct refs_verdict {
	uint64_t frame;
	uint32_t left; /* count after every mapping's reference was taken away */
	bool bad;
};

/*
 * Notes the first frame whose count, once every mapping's and every
 * kernel holder's reference is borrowed, is not 0: nobody else may hold
 * a reference to a user frame.
 */
static void inspect(uint64_t frame, void *arg)
{
	struct refs_verdict *r = arg;
	uint32_t left = pmm_refcount(frame);
	if (left != 0 && !r->bad) {
		r->bad = true;
		r->frame = frame;
		r->left = left;
	}
}

/*
 * The whole-system invariant: every frame's count equals the number of
 * page-table entries naming it across the address spaces mms[0..count),
 * plus the references the kernel's registered holders keep (a page
 * cache). The counts themselves are the scratch space: each entry borrows one
 * reference from its frame, every mapped frame must then be left at 0,
 * and the references are given back (the checker runs with interrupts
 * off, and leaves every count as it found it). No memory is needed, and
 * the cost is three walks of the page tables.
 */
const char *mm_check_refs(struct mm *const *mms, size_t count, char *why, size_t n)
{
	struct refs_verdict r = {0};
	for_each_mapped(mms, count, borrow, NULL);
	for_each_mapped(mms, count, inspect, &r);
	for_each_mapped(mms, count, give_back, NULL);
	if (!r.bad)
		return NULL;
	uint32_t count_now = pmm_refcount(r.frame);
	ksnprintf(why, n,
		  "frame 0x%llx has %u references but %u page-table entries and kernel "
		  "holders name it",
		  (unsigned long long)r.frame, (unsigned)count_now, (unsigned)(count_now - r.left));
	return why;
}

const char *mm_check_frame_counts(const struct pmm_stats *st, char *why, size_t n)
{
	uint64_t in_blocks = 0;
	for (unsigned o = 0; o < PMM_NUM_ORDERS; o++)
		in_blocks += st->free_blocks[o] << o;
	if (st->usable_frames + st->reserved_frames != st->total_frames)
		ksnprintf(why, n, "frames: usable %llu + reserved %llu != total %llu",
			  (unsigned long long)st->usable_frames,
			  (unsigned long long)st->reserved_frames,
			  (unsigned long long)st->total_frames);
	else if (st->free_frames + st->allocated_frames != st->usable_frames)
		ksnprintf(why, n, "frames: free %llu + used %llu != usable %llu",
			  (unsigned long long)st->free_frames,
			  (unsigned long long)st->allocated_frames,
			  (unsigned long long)st->usable_frames);
	else if (in_blocks != st->free_frames)
		ksnprintf(why, n,
			  "frames: the free blocks hold %llu frames but %llu are counted free",
			  (unsigned long long)in_blocks, (unsigned long long)st->free_frames);
	else
		return NULL;
	return why;
}

const char *mm_check_process(const struct mm *mm, char *why, size_t n)
{
	if (mm_check_areas(mm, why, n))
		return why;
	return mm_check_pages(mm, why, n);
}

const char *mm_check_system(char *why, size_t n)
{
	struct pmm_stats st;
	pmm_peek_stats(&st); /* not pmm_get_stats: a checker must not change what it checks */
	if (mm_check_frame_counts(&st, why, n))
		return why;
	if (!pmm_check()) {
		ksnprintf(why, n, "the frame allocator's lists are inconsistent (printed above)");
		return why;
	}
	if (pmm_check_owners(why, n))
		return why;
	kheap_check(); /* panics with a HEAP ERROR report on a breach */
	return NULL;
}

void mm_check_or_panic(const struct mm *mm, const char *where)
{
	char why[256];
	if ((mm && mm_check_process(mm, why, sizeof why)) || mm_check_system(why, sizeof why))
		panic("mmcheck: %s: %s", where, why);
}
