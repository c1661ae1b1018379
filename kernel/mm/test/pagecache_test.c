/*
 * pagecache_test.c - mmap of a file and the page cache (suite
 * "pagecache", kernel only): the cache is filled on the first fault, one
 * frame per page shared by every mapping and process, counted by the
 * frame references and the invariant checker; a private write copies;
 * pages past the end are SIGBUS; the cache drops what nobody maps, also
 * under memory pressure; a fill out of memory is that process's OOM alone.
 *
 * The file is a struct mm_file over a static buffer (the file system is
 * not needed to test the memory side; the user programs
 * tests/libc/mmap_file_test.c map real files). Each test ends with every
 * address space destroyed and the cache empty, so the runner's leak
 * check (free frames, heap objects) proves every reference came back.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "mm/cow.h"
#include "mm/fault.h"
#include "mm/frame_owner.h"
#include "mm/mm_check.h"
#include "mm/pagecache.h"
#include "mm/pmm.h"
#include "mm/test/hoard.h"
#include "mm/test/user_access.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define A 0x10000000ULL
#define FILE_SIZE (2 * P + 808) /* two full pages and part of a third */

static char why[256];
static uint8_t bytes[FILE_SIZE];
static struct mm_file file = {.data = bytes, .size = FILE_SIZE, .ino = 7, .dev = 1};
static const struct mm_mmap_source readable = {.file = &file, .readable = true};

/* Fills the file: byte i is i * 7 + 1 (mod 256), never all zero. */
static void make_file(void)
{
	for (unsigned i = 0; i < FILE_SIZE; i++)
		bytes[i] = (uint8_t)(i * 7 + 1);
}

/* Returns the byte at va as a user load would read it, or -1 with the
 * fault's verdict in *r when the fault is refused. */
static int byte_load(struct mm *mm, uint64_t va, enum mm_fault *r)
{
	volatile uint8_t *p = user_byte(mm, va, false, r);
	return p ? *p : -1;
}

/* Stores the byte val at va as a user store would; returns the fault's verdict. */
static enum mm_fault byte_store(struct mm *mm, uint64_t va, uint8_t val)
{
	enum mm_fault r;
	volatile uint8_t *p = user_byte(mm, va, true, &r);
	if (p)
		*p = val;
	return r;
}

/* Makes mm with the file mapped at A (len bytes from off, prot, flags + MAP_FIXED). */
static bool map_file(struct mm *mm, uint64_t len, unsigned prot, unsigned long flags, uint64_t off)
{
	if (mm_create(mm) < 0)
		return false;
	if (mm_mmap_file(mm, A, len, prot, flags | MAP_FIXED, &readable, off) != (int64_t)A) {
		mm_destroy(mm);
		return false;
	}
	return true;
}

/* The whole-system reference rule over these address spaces and the cache. */
static const char *refs(struct mm *a, struct mm *b)
{
	struct mm *all[] = {a, b};
	return mm_check_refs(all, b ? 2 : 1, why, sizeof why);
}

KTEST(pagecache, the_first_fault_fills_the_cache_with_the_files_bytes)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_EQ(pagecache_pages(), 0);
	ASSERT_TRUE(map_file(&m, 4 * P, PROT_READ, MAP_PRIVATE, 0));
	EXPECT_EQ(pagecache_pages(), 0); /* mmap itself reads nothing */
	EXPECT_EQ(byte_load(&m, A + 5, &r), bytes[5]);
	EXPECT_EQ(pagecache_pages(), 1);
	uint64_t frame = pagecache_lookup(&file, 0);
	EXPECT_EQ(frame_at(&m, A, NULL), frame); /* the mapping maps the cache's frame */
	EXPECT_EQ(frame_owner_of(frame / P), FRAME_OWNER_PAGE_CACHE);
	EXPECT_EQ(pmm_refcount(frame), 2); /* the cache's reference and the entry's */
	EXPECT_EQ(byte_load(&m, A + 2 * P + 807, &r), bytes[FILE_SIZE - 1]); /* the last byte */
	EXPECT_EQ(byte_load(&m, A + 2 * P + 808, &r), 0); /* the last page's tail is zeroes */
	EXPECT_EQ(byte_load(&m, A + 4 * P - 1, &r), -1);
	EXPECT_EQ(r, MM_FAULT_SIGBUS); /* a page wholly past the end of the file */
	EXPECT_NULL(mm_check_process(&m, why, sizeof why));
	EXPECT_NULL(refs(&m, NULL));
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0); /* nobody maps them: dropped with the last mapping */
}

KTEST(pagecache, an_offset_maps_the_files_later_pages)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&m, P, PROT_READ, MAP_PRIVATE, 2 * P));
	EXPECT_EQ(byte_load(&m, A + 1, &r), bytes[2 * P + 1]);
	EXPECT_NE(pagecache_lookup(&file, 2), 0);
	EXPECT_EQ(pagecache_lookup(&file, 0), 0); /* only the page touched is read */
	mm_destroy(&m);
	/* An offset past the end maps fine, and every access is SIGBUS. */
	ASSERT_TRUE(map_file(&m, P, PROT_READ, MAP_PRIVATE, 8 * P));
	EXPECT_EQ(byte_load(&m, A, &r), -1);
	EXPECT_EQ(r, MM_FAULT_SIGBUS);
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, two_processes_share_one_frame_per_page)
{
	struct mm a, b;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&a, 3 * P, PROT_READ, MAP_PRIVATE, 0));
	ASSERT_TRUE(map_file(&b, 3 * P, PROT_READ, MAP_SHARED, 0));
	EXPECT_EQ(byte_load(&a, A + P, &r), bytes[P]);
	EXPECT_EQ(byte_load(&b, A + P + 3, &r), bytes[P + 3]);
	uint64_t frame = frame_at(&a, A + P, NULL);
	EXPECT_EQ(frame_at(&b, A + P, NULL), frame); /* one frame for both */
	EXPECT_EQ(pmm_refcount(frame), 3);
	EXPECT_EQ(pagecache_pages(), 1);
	EXPECT_NULL(refs(&a, &b));
	mm_destroy(&a);
	EXPECT_EQ(pmm_refcount(frame), 2); /* b still maps it: the cache keeps it */
	EXPECT_EQ(pagecache_pages(), 1);
	EXPECT_NULL(refs(&b, NULL));
	mm_destroy(&b);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, a_private_write_copies_and_leaves_the_cache_alone)
{
	struct mm a, b;
	enum mm_fault r;
	unsigned f = 0;
	make_file();
	ASSERT_TRUE(map_file(&a, 3 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0));
	ASSERT_TRUE(map_file(&b, 3 * P, PROT_READ, MAP_PRIVATE, 0));
	/* Read first: the cache's frame, read-only and copy-on-write. */
	EXPECT_EQ(byte_load(&a, A, &r), bytes[0]);
	uint64_t cached = frame_at(&a, A, &f);
	EXPECT_TRUE(f & VM_COW);
	EXPECT_FALSE(f & VM_WRITE);
	EXPECT_EQ(byte_store(&a, A, 0xee), MM_FAULT_OK);
	uint64_t copy = frame_at(&a, A, NULL);
	EXPECT_NE(copy, cached); /* the write got a private copy */
	EXPECT_EQ(frame_owner_of(copy / P), FRAME_OWNER_USER);
	EXPECT_EQ(pmm_refcount(cached), 1); /* only the cache holds the file's frame now */
	EXPECT_EQ(*(uint8_t *)phys_to_virt(cached), bytes[0]); /* the cache is never written */
	EXPECT_EQ(byte_load(&b, A, &r), bytes[0]);	       /* another process sees the file */
	/* A write to a page not yet present: the copy at once, the cache filled. */
	EXPECT_EQ(byte_store(&a, A + P, 0xdd), MM_FAULT_OK);
	EXPECT_NE(frame_at(&a, A + P, NULL), pagecache_lookup(&file, 1));
	EXPECT_EQ(pmm_refcount(pagecache_lookup(&file, 1)), 1);
	EXPECT_EQ(byte_load(&b, A + P, &r), bytes[P]);
	EXPECT_NULL(mm_check_process(&a, why, sizeof why));
	EXPECT_NULL(refs(&a, &b));
	/* MADV_DONTNEED drops the private copy: the file's bytes come back. */
	EXPECT_EQ(mm_madvise(&a, A, P, MADV_DONTNEED), 0);
	EXPECT_EQ(byte_load(&a, A, &r), bytes[0]);
	mm_destroy(&a);
	mm_destroy(&b);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, mprotect_write_on_a_private_file_area_still_copies)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&m, P, PROT_READ, MAP_PRIVATE, 0));
	EXPECT_EQ(byte_load(&m, A, &r), bytes[0]);
	uint64_t cached = frame_at(&m, A, NULL);
	EXPECT_EQ(mm_mprotect(&m, A, P, PROT_READ | PROT_WRITE), 0);
	EXPECT_NULL(mm_check_process(&m, why, sizeof why)); /* the cached frame stays read-only */
	EXPECT_EQ(byte_store(&m, A, 0x55), MM_FAULT_OK);
	EXPECT_NE(frame_at(&m, A, NULL), cached);
	EXPECT_EQ(*(uint8_t *)phys_to_virt(cached), bytes[0]);
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, a_shared_read_only_file_area_may_not_become_writable)
{
	struct mm m;
	make_file();
	ASSERT_TRUE(map_file(&m, 2 * P, PROT_READ, MAP_SHARED, 0));
	EXPECT_EQ(mm_mprotect(&m, A, P, PROT_READ | PROT_WRITE), -EACCES);
	EXPECT_EQ(mm_mprotect(&m, A, P, PROT_READ | PROT_EXEC), 0);
	EXPECT_EQ(
	    mm_mmap_file(&m, A, P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, &readable, 0),
	    -EACCES);
	mm_destroy(&m);
}

KTEST(pagecache, fork_shares_the_cached_pages)
{
	struct mm p, c;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&p, 3 * P, PROT_READ, MAP_SHARED, 0));
	EXPECT_EQ(byte_load(&p, A, &r), bytes[0]);
	ASSERT_EQ(mm_create(&c), 0);
	ASSERT_EQ(mm_fork(&c, &p), 0);
	uint64_t frame = pagecache_lookup(&file, 0);
	EXPECT_EQ(frame_at(&c, A, NULL), frame);
	EXPECT_EQ(frame_at(&c, A + P, NULL), 0); /* no page is made up for a shared file area */
	EXPECT_EQ(byte_load(&c, A + P, &r), bytes[P]);
	EXPECT_EQ(byte_load(&p, A + P, &r), bytes[P]);
	EXPECT_EQ(frame_at(&p, A + P, NULL), frame_at(&c, A + P, NULL));
	EXPECT_EQ(pmm_refcount(frame), 3);
	EXPECT_NULL(refs(&p, &c));
	mm_destroy(&c);
	mm_destroy(&p);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, munmap_splits_a_file_area_and_each_piece_keeps_its_offset)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&m, 3 * P, PROT_READ, MAP_PRIVATE, 0));
	EXPECT_EQ(mm_munmap(&m, A + P, P), 0);
	EXPECT_EQ(vma_count(&m.vmas), 2);
	EXPECT_EQ(byte_load(&m, A + 2 * P, &r), bytes[2 * P]); /* the upper piece is page 2 */
	EXPECT_EQ(mm_munmap(&m, A, P), 0);
	/* Mapping the hole again with the same file and origin merges the areas back. */
	ASSERT_EQ(mm_mmap_file(&m, A + P, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, &readable, P),
		  (int64_t)(A + P));
	EXPECT_EQ(vma_count(&m.vmas), 1);
	EXPECT_EQ(byte_load(&m, A + P, &r), bytes[P]);
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, populate_maps_the_files_pages_up_to_its_end)
{
	struct mm m;
	make_file();
	ASSERT_TRUE(map_file(&m, 5 * P, PROT_READ, MAP_PRIVATE | MAP_POPULATE, 0));
	EXPECT_NE(frame_at(&m, A + 2 * P, NULL), 0);
	EXPECT_EQ(frame_at(&m, A + 3 * P, NULL), 0); /* past the end: left to fault (SIGBUS) */
	EXPECT_EQ(pagecache_pages(), 3);
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, trim_keeps_mapped_pages_and_drops_the_rest)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&m, 3 * P, PROT_READ, MAP_PRIVATE, 0));
	EXPECT_EQ(byte_load(&m, A, &r), bytes[0]);
	EXPECT_EQ(byte_load(&m, A + P, &r), bytes[P]);
	EXPECT_EQ(mm_munmap(&m, A + P, P), 0);
	EXPECT_EQ(pagecache_pages(), 2); /* unmapped, but kept until a trim */
	EXPECT_NULL(refs(&m, NULL));
	EXPECT_EQ(pagecache_trim(), 1);
	EXPECT_EQ(pagecache_pages(), 1);
	EXPECT_NE(pagecache_lookup(&file, 0), 0);
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, a_fill_out_of_memory_is_an_oom_verdict_for_that_process_alone)
{
	struct mm a, b;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&a, 3 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0));
	ASSERT_TRUE(map_file(&b, 3 * P, PROT_READ, MAP_SHARED, 0));
	EXPECT_EQ(byte_load(&a, A, &r), bytes[0]);
	EXPECT_EQ(byte_load(&a, A + P, &r), bytes[P]);
	EXPECT_EQ(byte_load(&b, A, &r), bytes[0]); /* b's page tables exist now */
	uint64_t cached = pagecache_lookup(&file, 0);
	hoard_take_all();
	/* A fill finds no frame (and nothing unmapped to drop): a's verdict. */
	EXPECT_EQ(mm_handle_fault(&a, A + 2 * P, MM_ACCESS_READ), MM_FAULT_OOM);
	EXPECT_EQ(pagecache_lookup(&file, 2), 0); /* nothing half-made is kept */
	EXPECT_EQ(frame_at(&a, A + 2 * P, NULL), 0);
	/* A private write's copy finds none either; the cached frame is untouched. */
	EXPECT_EQ(mm_handle_fault(&a, A, MM_ACCESS_WRITE), MM_FAULT_OOM);
	EXPECT_EQ(frame_at(&a, A, NULL), cached);
	EXPECT_EQ(pmm_refcount(cached), 3); /* the cache, a and b: none lost or leaked */
	/* The other process still faults in what the cache has, with no new frame. */
	EXPECT_EQ(byte_load(&b, A + P + 9, &r), bytes[P + 9]);
	EXPECT_EQ(frame_at(&b, A + P, NULL), pagecache_lookup(&file, 1));
	EXPECT_EQ(pagecache_pages(), 2);
	hoard_release();
	EXPECT_NULL(refs(&a, &b));
	EXPECT_EQ(byte_load(&a, A + 2 * P, &r), bytes[2 * P]); /* memory back: the fill works */
	mm_destroy(&a);
	mm_destroy(&b);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, a_fill_out_of_memory_drops_unmapped_pages_first)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&m, 3 * P, PROT_READ, MAP_PRIVATE, 0));
	EXPECT_EQ(byte_load(&m, A, &r), bytes[0]);
	EXPECT_EQ(byte_load(&m, A + P, &r), bytes[P]);
	EXPECT_EQ(mm_munmap(&m, A + P, P), 0); /* page 1 is cached but nobody maps it */
	EXPECT_EQ(pagecache_pages(), 2);
	hoard_take_all();
	/* Page 2's fill takes page 1's frame: the memory pressure drops it. */
	EXPECT_EQ(byte_load(&m, A + 2 * P, &r), bytes[2 * P]);
	hoard_release();
	EXPECT_EQ(pagecache_lookup(&file, 1), 0);
	EXPECT_NE(pagecache_lookup(&file, 2), 0);
	EXPECT_EQ(pagecache_pages(), 2);
	EXPECT_NULL(refs(&m, NULL));
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}

KTEST(pagecache, the_checker_counts_the_caches_reference)
{
	struct mm m;
	enum mm_fault r;
	make_file();
	ASSERT_TRUE(map_file(&m, P, PROT_READ, MAP_PRIVATE, 0));
	EXPECT_EQ(byte_load(&m, A, &r), bytes[0]);
	uint64_t cached = pagecache_lookup(&file, 0);
	EXPECT_NULL(refs(&m, NULL)); /* 2 references: the entry and the cache */
	pmm_unref(cached);	     /* as if the cache's reference were lost */
	EXPECT_NOT_NULL(refs(&m, NULL));
	EXPECT_TRUE(ktest_contains(why, "1 references but 2"));
	pmm_ref(cached);
	pmm_ref(cached); /* one too many */
	EXPECT_NOT_NULL(refs(&m, NULL));
	EXPECT_TRUE(ktest_contains(why, "3 references but 2"));
	pmm_unref(cached);
	EXPECT_NULL(refs(&m, NULL));
	mm_destroy(&m);
	EXPECT_EQ(pagecache_pages(), 0);
}
