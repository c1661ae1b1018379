/*
 * mmap_file_test.c - mmap of a file, the bookkeeping half (suite "mm",
 * host and kernel): Linux's order of checks for a file (filemap_rules.c),
 * what the new area records (kind, accounting, origin), and munmap,
 * mprotect and madvise on file areas. The pages themselves are suite
 * "pagecache"'s (pagecache_test.c).
 */
#include "lib/errno.h"
#include "mm/pagecache.h"
#include "mm/test/mm_fake.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define A 0x10000000ULL

static const uint8_t bytes[3 * 4096];
static const struct mm_file file = {.data = bytes, .size = sizeof bytes, .ino = 5, .dev = 1};
static const struct mm_mmap_source rd = {.file = &file, .readable = true};
static const struct mm_mmap_source wr_only = {.file = &file, .writable = true};
static const struct mm_mmap_source pipe_rd = {.file = NULL, .readable = true};
static const struct mm_mmap_source pipe_wr = {.file = NULL, .writable = true};

/* Makes u an empty address space. */
static void bare(struct mm *u)
{
	mm_fake_reset(-1);
	mm_init(u, &mm_fake_ops, NULL, FAKE_RAM_PAGES);
}

/* Checks the set and that clearing u frees every VMA. */
static void done(struct mm *u)
{
	EXPECT_NULL(vma_check_why(&u->vmas));
	mm_clear(u);
	EXPECT_EQ(mm_fake_live(), 0);
}

KTEST(mm, mmap_file_checks_in_linuxs_order)
{
	struct mm u;
	bare(&u);
	int64_t (*m)(struct mm *, uint64_t, uint64_t, unsigned long, unsigned long,
		     const struct mm_mmap_source *, uint64_t) = mm_mmap_file;
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_PRIVATE, &rd, 1), -EINVAL); /* the offset first */
	EXPECT_EQ(m(&u, 0, 0, PROT_READ, MAP_PRIVATE | MAP_HUGETLB, &rd, 0), -EINVAL);
	EXPECT_EQ(m(&u, 0, 0, PROT_READ, MAP_PRIVATE, &rd, 0), -EINVAL); /* len 0 */
	/* The type after the address: EEXIST beats every file check. */
	EXPECT_EQ(m(&u, A, P, PROT_READ, MAP_PRIVATE, &rd, 0), (int64_t)A);
	EXPECT_EQ(m(&u, A, P, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, &pipe_wr, 0), -EEXIST);
	EXPECT_EQ(m(&u, 0, P, PROT_READ | PROT_WRITE, MAP_SHARED, &rd, 0), -EACCES);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_SHARED, &wr_only, 0), -EACCES); /* not readable */
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_PRIVATE, &wr_only, 0), -EACCES);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_PRIVATE, &pipe_wr, 0), -EACCES); /* beats ENODEV */
	EXPECT_EQ(m(&u, 0, P, PROT_READ | PROT_WRITE, MAP_SHARED, &pipe_rd, 0), -EACCES);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_PRIVATE, &pipe_rd, 0), -ENODEV);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, &rd, 0), -EINVAL);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_DROPPABLE, &rd, 0), -EINVAL);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, 0, &rd, 0), -EINVAL);
	EXPECT_EQ(m(&u, 0, P, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, &rd, 0), -EOPNOTSUPP);
	EXPECT_GT(m(&u, 0, P, PROT_READ, MAP_SHARED | MAP_SYNC, &rd, 0), 0); /* ignored */
	EXPECT_GT(m(&u, 0, P, PROT_READ, MAP_SHARED_VALIDATE, &rd, 0), 0);
	/* MAP_ANONYMOUS ignores the descriptor, even one that cannot be mapped. */
	EXPECT_GT(m(&u, 0, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, &pipe_wr, 1 * P), 0);
	done(&u);
}

KTEST(mm, mmap_file_area_records_its_file_origin_and_charge)
{
	struct mm u;
	bare(&u);
	ASSERT_EQ(
	    mm_mmap_file(&u, A, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, &rd, 3 * P),
	    (int64_t)A);
	struct vma *v = vma_lookup(&u.vmas, A);
	ASSERT_TRUE(v != NULL);
	EXPECT_EQ(v->flags & (VMA_FILE | VMA_ANON | VMA_ACCOUNT), VMA_FILE | VMA_ACCOUNT);
	EXPECT_TRUE(v->file == &file);
	EXPECT_EQ(A - v->file_origin, 3 * P); /* the offset of the area's first page */
	ASSERT_EQ(mm_mmap_file(&u, A + 4 * P, P, PROT_READ, MAP_SHARED | MAP_FIXED, &rd, 0),
		  (int64_t)(A + 4 * P));
	v = vma_lookup(&u.vmas, A + 4 * P);
	/* a shared file is the file's memory: not charged; read-only for good */
	EXPECT_EQ(v->flags & (VMA_SHARED | VMA_ACCOUNT | VMA_NOMAYWRITE),
		  VMA_SHARED | VMA_NOMAYWRITE);
	done(&u);
}

KTEST(mm, munmap_and_merge_keep_a_file_areas_offsets)
{
	struct mm u;
	bare(&u);
	ASSERT_EQ(mm_mmap_file(&u, A, 3 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, &rd, P),
		  (int64_t)A);
	EXPECT_EQ(mm_munmap(&u, A + P, P), 0);
	struct vma *hi = vma_lookup(&u.vmas, A + 2 * P);
	ASSERT_TRUE(hi != NULL);
	EXPECT_EQ(hi->start - hi->file_origin, 3 * P); /* still the file's page 3 */
	/* The same file at the continuing offset merges back into one area... */
	EXPECT_EQ(mm_mmap_file(&u, A + P, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, &rd, 2 * P),
		  (int64_t)(A + P));
	EXPECT_EQ(vma_count(&u.vmas), 1);
	/* ...another offset does not, and neither does anonymous memory. */
	EXPECT_EQ(mm_mmap_file(&u, A + 3 * P, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, &rd, 0),
		  (int64_t)(A + 3 * P));
	EXPECT_EQ(
	    mm_mmap(&u, A + 4 * P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
	    (int64_t)(A + 4 * P));
	EXPECT_EQ(vma_count(&u.vmas), 3);
	done(&u);
}

KTEST(mm, mprotect_and_madvise_on_file_areas)
{
	struct mm u;
	bare(&u);
	ASSERT_EQ(mm_mmap_file(&u, A, 2 * P, PROT_READ, MAP_SHARED | MAP_FIXED, &rd, 0),
		  (int64_t)A);
	ASSERT_EQ(mm_mmap_file(&u, A + 2 * P, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, &rd, 0),
		  (int64_t)(A + 2 * P));
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_READ | PROT_WRITE), -EACCES);
	EXPECT_EQ(mm_mprotect(&u, A, P, PROT_NONE), 0);
	EXPECT_EQ(mm_mprotect(&u, A + 2 * P, P, PROT_READ | PROT_WRITE), 0);
	EXPECT_TRUE(vma_lookup(&u.vmas, A + 2 * P)->flags & VMA_ACCOUNT); /* charged now */
	/* not atomic: the private piece changes, then the shared one refuses */
	EXPECT_EQ(mm_mprotect(&u, A + P, 3 * P, PROT_READ | PROT_WRITE), -EACCES);
	EXPECT_EQ(mm_madvise(&u, A + 2 * P, P, MADV_FREE), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A + 2 * P, P, MADV_WIPEONFORK), -EINVAL);
	EXPECT_EQ(mm_madvise(&u, A + 2 * P, P, MADV_REMOVE), -EACCES);
	EXPECT_EQ(mm_madvise(&u, A, P, MADV_DONTNEED), 0);
	EXPECT_EQ(mm_madvise(&u, A + 2 * P, P, MADV_DONTFORK), 0);
	done(&u);
}
