/*
 * robust.c - the mmap lab's robustness list (docs/labs/mmap.md), in the
 * style of Pintos's tests: many small tests, each one bad argument or one
 * access that must fault, each independent of the others (it maps its own
 * memory at its own fixed window and unmaps it before it ends), so that a
 * failing test says exactly which rule is broken.
 *
 * The system calls are made raw (mem_probe.h: the exact arguments reach
 * the kernel, -errno comes back), and every access that may fault goes
 * through probe_read or probe_write, which turn a SIGSEGV into -1 and keep
 * the program alive; probe_si_code tells a missing page (SEGV_MAPERR) from
 * a forbidden access (SEGV_ACCERR). The expected values are Linux's: the
 * program runs natively on Linux and prints the same lines there.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>

#include "ktap.h"
#include "mem_probe.h"

#define PAGE 4096L
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define SYS_MMAP 9
#define SYS_MPROTECT 10
#define SYS_MUNMAP 11

/* Each test's own window, far from anything either kernel places. */
#define WINDOW(n) ((char *)(0x300000000000L + (long)(n)*0x100000L))

extern char main_code[] __asm__("main");

/* Returns mmap's raw result (an address or -errno). */
static long sys_mmap(void *a, long len, long prot, long flags, long fd, long off)
{
	return sys6(SYS_MMAP, (long)a, len, prot, flags, fd, off);
}

static long sys_munmap(void *a, long len)
{
	return sys6(SYS_MUNMAP, (long)a, len, 0, 0, 0, 0);
}

static long sys_mprotect(void *a, long len, long prot)
{
	return sys6(SYS_MPROTECT, (long)a, len, prot, 0, 0, 0);
}

/* Maps n pages at window w with prot, fixed; returns the address (NULL if refused). */
static char *map_at(int w, long n, long prot)
{
	long r = sys_mmap(WINDOW(w), n * PAGE, prot, ANON | MAP_FIXED, -1, 0);
	return r == (long)WINDOW(w) ? WINDOW(w) : NULL;
}

/* Returns true if reading p faults with si_code code. */
static int read_faults(const char *p, int code)
{
	probe_si_code = 0;
	return probe_read(p) == -1 && probe_si_code == code;
}

/* Returns true if writing p faults with si_code code. */
static int write_faults(char *p, int code)
{
	probe_si_code = 0;
	return probe_write(p, 1) == -1 && probe_si_code == code;
}

/* --- mmap's arguments --------------------------------------------------------------- */

static void mmap_null_hint_gets_a_fresh_zeroed_page(void)
{
	long r = sys_mmap(NULL, PAGE, RW, ANON, -1, 0);
	ASSERT(r > 0 && r % PAGE == 0, "mmap(NULL) = %#lx", r);
	EXPECT(probe_read((char *)r) == 0);
	EXPECT(probe_write((char *)r + PAGE - 1, 7) == 0);
	EXPECT_EQ(sys_munmap((void *)r, PAGE), 0);
}

static void mmap_len_zero_is_einval(void)
{
	EXPECT_EQ(sys_mmap(NULL, 0, RW, ANON, -1, 0), -EINVAL);
}

static void mmap_fixed_misaligned_is_einval(void)
{
	EXPECT_EQ(sys_mmap(WINDOW(1) + 1, PAGE, RW, ANON | MAP_FIXED, -1, 0), -EINVAL);
}

static void mmap_offset_misaligned_is_einval(void)
{
	EXPECT_EQ(sys_mmap(NULL, PAGE, RW, ANON, -1, 100), -EINVAL);
}

static void mmap_neither_private_nor_shared_is_einval(void)
{
	EXPECT_EQ(sys_mmap(NULL, PAGE, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
}

static void mmap_noreplace_overlapping_is_eexist(void)
{
	char *p = map_at(2, 2, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_mmap(p + PAGE, 2 * PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
	EXPECT(probe_read(p + 2 * PAGE) == -1, "the refused mapping left nothing behind");
	EXPECT_EQ(sys_munmap(p, 2 * PAGE), 0);
}

static void mmap_noreplace_over_the_code_is_eexist(void)
{
	char *code = (char *)((uintptr_t)main_code & ~(uintptr_t)(PAGE - 1));
	EXPECT_EQ(sys_mmap(code, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
}

static void mmap_noreplace_over_the_stack_is_eexist(void)
{
	char here;
	char *stack = (char *)((uintptr_t)&here & ~(uintptr_t)(PAGE - 1));
	EXPECT_EQ(sys_mmap(stack, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
}

static void mmap_fixed_replaces_old_contents_with_zeroes(void)
{
	char *p = map_at(3, 1, RW);
	ASSERT(p != NULL);
	p[10] = 42;
	ASSERT(map_at(3, 1, RW) == p);
	EXPECT_EQ(probe_read(p + 10), 0);
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

/* --- protection ---------------------------------------------------------------------- */

static void prot_read_mapping_write_faults(void)
{
	char *p = map_at(4, 1, PROT_READ);
	ASSERT(p != NULL);
	EXPECT_EQ(probe_read(p), 0);
	EXPECT(write_faults(p, SEGV_ACCERR));
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static void prot_none_mapping_read_faults(void)
{
	char *p = map_at(5, 1, PROT_NONE);
	ASSERT(p != NULL);
	EXPECT(read_faults(p, SEGV_ACCERR));
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static void mprotect_read_only_write_faults_data_stays(void)
{
	char *p = map_at(6, 1, RW);
	ASSERT(p != NULL);
	p[5] = 55;
	EXPECT_EQ(sys_mprotect(p, PAGE, PROT_READ), 0);
	EXPECT(write_faults(p + 5, SEGV_ACCERR));
	EXPECT_EQ(probe_read(p + 5), 55);
	EXPECT_EQ(sys_mprotect(p, PAGE, RW), 0);
	EXPECT_EQ(probe_write(p + 5, 56), 0);
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static void mprotect_middle_page_changes_only_that_page(void)
{
	char *p = map_at(7, 3, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_mprotect(p + PAGE, PAGE, PROT_READ), 0);
	EXPECT_EQ(probe_write(p, 1), 0, "the page before stays writable");
	EXPECT(write_faults(p + PAGE, SEGV_ACCERR), "the middle page is read-only");
	EXPECT_EQ(probe_write(p + 2 * PAGE, 1), 0, "the page after stays writable");
	EXPECT_EQ(sys_munmap(p, 3 * PAGE), 0);
}

static void mprotect_back_then_whole_range_is_writable(void)
{
	char *p = map_at(8, 3, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_mprotect(p + PAGE, PAGE, PROT_READ), 0);
	EXPECT_EQ(sys_mprotect(p, 3 * PAGE, RW), 0);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(probe_write(p + i * PAGE, 1), 0, "page %d writable", i);
	EXPECT_EQ(sys_munmap(p, 3 * PAGE), 0);
}

static void mprotect_misaligned_is_einval(void)
{
	char *p = map_at(9, 1, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_mprotect(p + 1, PAGE, PROT_READ), -EINVAL);
	EXPECT_EQ(probe_write(p, 1), 0, "nothing changed");
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static void mprotect_unmapped_is_enomem(void)
{
	EXPECT_EQ(sys_mprotect(WINDOW(10), PAGE, PROT_READ), -ENOMEM);
}

/* --- munmap -------------------------------------------------------------------------- */

static void munmap_len_zero_is_einval(void)
{
	char *p = map_at(11, 1, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_munmap(p, 0), -EINVAL);
	EXPECT_EQ(probe_write(p, 1), 0, "still mapped");
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static void munmap_misaligned_is_einval(void)
{
	char *p = map_at(12, 1, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_munmap(p + 8, PAGE), -EINVAL);
	EXPECT_EQ(probe_write(p, 1), 0, "still mapped");
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static void munmap_kernel_address_is_einval(void)
{
	EXPECT_EQ(sys_munmap((void *)0xffff800000000000L, PAGE), -EINVAL);
}

static void munmap_nothing_mapped_is_ok(void)
{
	EXPECT_EQ(sys_munmap(WINDOW(13), 4 * PAGE), 0);
}

static void munmap_then_access_faults(void)
{
	char *p = map_at(14, 1, RW);
	ASSERT(p != NULL);
	p[0] = 1;
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
	EXPECT(read_faults(p, SEGV_MAPERR));
	EXPECT(write_faults(p, SEGV_MAPERR));
}

static void munmap_middle_page_splits_the_area(void)
{
	char *p = map_at(15, 3, RW);
	ASSERT(p != NULL);
	p[0] = 10;
	p[2 * PAGE] = 12;
	EXPECT_EQ(sys_munmap(p + PAGE, PAGE), 0);
	EXPECT_EQ(probe_read(p), 10, "the page before keeps its data");
	EXPECT(read_faults(p + PAGE, SEGV_MAPERR), "the middle page is gone");
	EXPECT_EQ(probe_read(p + 2 * PAGE), 12, "the page after keeps its data");
	EXPECT_EQ(probe_write(p + 2 * PAGE, 1), 0, "and stays writable");
	EXPECT_EQ(sys_munmap(p, 3 * PAGE), 0);
}

static void munmap_across_two_areas_trims_both(void)
{
	char *p = map_at(16, 2, RW);
	ASSERT(p != NULL);
	ASSERT(sys_mmap(p + 2 * PAGE, 2 * PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0) ==
	       (long)(p + 2 * PAGE));
	EXPECT_EQ(sys_munmap(p + PAGE, 2 * PAGE), 0);
	EXPECT_EQ(probe_write(p, 1), 0, "the first area's head stays");
	EXPECT(read_faults(p + PAGE, SEGV_MAPERR));
	EXPECT(read_faults(p + 2 * PAGE, SEGV_MAPERR));
	EXPECT_EQ(probe_read(p + 3 * PAGE), 0, "the second area's tail stays");
	EXPECT(write_faults(p + 3 * PAGE, SEGV_ACCERR), "and stays read-only");
	EXPECT_EQ(sys_munmap(p, 4 * PAGE), 0);
}

static void munmap_len_is_rounded_up_to_a_page(void)
{
	char *p = map_at(17, 2, RW);
	ASSERT(p != NULL);
	EXPECT_EQ(sys_munmap(p, 1), 0);
	EXPECT(read_faults(p, SEGV_MAPERR));
	EXPECT_EQ(probe_write(p + PAGE, 1), 0, "the next page stays");
	EXPECT_EQ(sys_munmap(p, 2 * PAGE), 0);
}

static void remap_after_munmap_is_fresh_zeroes(void)
{
	char *p = map_at(18, 1, RW);
	ASSERT(p != NULL);
	p[100] = 9;
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
	ASSERT(map_at(18, 1, RW) == p);
	EXPECT_EQ(probe_read(p + 100), 0);
	EXPECT_EQ(sys_munmap(p, PAGE), 0);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(mmap_null_hint_gets_a_fresh_zeroed_page),
    KTAP_CASE(mmap_len_zero_is_einval),
    KTAP_CASE(mmap_fixed_misaligned_is_einval),
    KTAP_CASE(mmap_offset_misaligned_is_einval),
    KTAP_CASE(mmap_neither_private_nor_shared_is_einval),
    KTAP_CASE(mmap_noreplace_overlapping_is_eexist),
    KTAP_CASE(mmap_noreplace_over_the_code_is_eexist),
    KTAP_CASE(mmap_noreplace_over_the_stack_is_eexist),
    KTAP_CASE(mmap_fixed_replaces_old_contents_with_zeroes),
    KTAP_CASE(prot_read_mapping_write_faults),
    KTAP_CASE(prot_none_mapping_read_faults),
    KTAP_CASE(mprotect_read_only_write_faults_data_stays),
    KTAP_CASE(mprotect_middle_page_changes_only_that_page),
    KTAP_CASE(mprotect_back_then_whole_range_is_writable),
    KTAP_CASE(mprotect_misaligned_is_einval),
    KTAP_CASE(mprotect_unmapped_is_enomem),
    KTAP_CASE(munmap_len_zero_is_einval),
    KTAP_CASE(munmap_misaligned_is_einval),
    KTAP_CASE(munmap_kernel_address_is_einval),
    KTAP_CASE(munmap_nothing_mapped_is_ok),
    KTAP_CASE(munmap_then_access_faults),
    KTAP_CASE(munmap_middle_page_splits_the_area),
    KTAP_CASE(munmap_across_two_areas_trims_both),
    KTAP_CASE(munmap_len_is_rounded_up_to_a_page),
    KTAP_CASE(remap_after_munmap_is_fresh_zeroes),
};

int main(void)
{
	probe_install();
	return ktap_run_cases("mmap_robust", cases, KTAP_NCASES(cases));
}
