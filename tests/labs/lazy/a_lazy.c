/*
 * a_lazy.c - the lazy lab's user tests (docs/labs/lazy.md): memory from
 * sbrk and mmap takes no frame until it is touched, and then exactly the
 * pages touched; system calls that read or write such memory page it in
 * as the program's own access would; fresh memory is always zero.
 *
 * Residency is measured, not assumed: mincore(2) gives one byte per page,
 * 1 if a frame is mapped now. Each test uses memory of its own and gives
 * it back. The expectations are Linux's: the program prints the same
 * there (run it natively).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ktap.h"
#include "mem_probe.h"

#define PAGE 4096L
#define SYS_MINCORE 27
#define SYS_RT_SIGPROCMASK 14
#define SYS_UNAME 63
#define PAGES 256 /* 1 MiB */

static unsigned char vec[PAGES];

/* Returns the number of resident pages of [p, p + n pages), or -errno. */
static long resident(void *p, long n)
{
	long r = sys6(SYS_MINCORE, (long)p, n * PAGE, (long)vec, 0, 0, 0);
	if (r < 0)
		return r;
	long k = 0;
	for (long i = 0; i < n; i++)
		k += vec[i] & 1;
	return k;
}

/* Returns n fresh pages from sbrk, page-aligned (the break is moved to a page first). */
static char *heap_pages(long n)
{
	char *brk = sbrk(0);
	long pad = (PAGE - (uintptr_t)brk % PAGE) % PAGE;
	char *p = sbrk(pad + n * PAGE);
	return p == (char *)-1 ? NULL : p + pad;
}

static char *anon_pages(long n)
{
	char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void mincore_answers_and_checks_its_arguments(void)
{
	char *p = anon_pages(4);
	ASSERT(p != NULL);
	EXPECT_EQ(resident(p, 4), 0);
	EXPECT_EQ(sys6(SYS_MINCORE, (long)p + 1, PAGE, (long)vec, 0, 0, 0), -EINVAL);
	EXPECT_EQ(sys6(SYS_MINCORE, (long)p, PAGE, 8, 0, 0, 0), -EFAULT);
	munmap(p, 4 * PAGE);
	EXPECT_EQ(sys6(SYS_MINCORE, (long)p, PAGE, (long)vec, 0, 0, 0), -ENOMEM);
}

static void sbrk_memory_is_not_resident_until_touched(void)
{
	char *p = heap_pages(PAGES);
	ASSERT(p != NULL);
	EXPECT_EQ(resident(p, PAGES), 0, "1 MiB of fresh heap");
	p[0] = 1;
	p[100 * PAGE + 7] = 1;
	EXPECT_EQ(resident(p, PAGES), 2, "after touching two pages");
	EXPECT_EQ(vec[0] & 1, 1);
	EXPECT_EQ(vec[100] & 1, 1);
	EXPECT_EQ(vec[99] & 1, 0, "the page before stays out");
	sbrk(-(PAGES * PAGE));
}

static void mmap_memory_is_not_resident_until_touched(void)
{
	char *p = anon_pages(PAGES);
	ASSERT(p != NULL);
	EXPECT_EQ(resident(p, PAGES), 0, "1 MiB of fresh mmap");
	EXPECT_EQ(probe_read(p + 5 * PAGE), 0, "a read gives zero");
	EXPECT_EQ(resident(p, PAGES), 1, "after reading one page");
	for (long i = 0; i < 10; i++)
		p[(20 + i) * PAGE] = 1;
	EXPECT_EQ(resident(p, PAGES), 11, "after writing ten more");
	munmap(p, PAGES * PAGE);
}

static void fresh_heap_memory_is_zero_after_regrowth(void)
{
	char *p = heap_pages(16);
	ASSERT(p != NULL);
	for (long i = 0; i < 16 * PAGE; i++)
		p[i] = (char)0xab;
	sbrk(-(16 * PAGE));
	char *q = heap_pages(16);
	ASSERT(q != NULL);
	long bad = 0;
	for (long i = 0; i < 16 * PAGE; i++)
		bad += q[i] != 0;
	EXPECT_EQ(bad, 0, "non-zero bytes in regrown heap");
	sbrk(-(16 * PAGE));
}

static void fresh_mmap_memory_is_zero_after_reuse(void)
{
	char *p = anon_pages(16);
	ASSERT(p != NULL);
	for (long i = 0; i < 16 * PAGE; i++)
		p[i] = (char)0xcd;
	munmap(p, 16 * PAGE);
	char *q = anon_pages(16);
	ASSERT(q != NULL);
	long bad = 0;
	for (long i = 0; i < 16 * PAGE; i++)
		bad += q[i] != 0;
	EXPECT_EQ(bad, 0, "non-zero bytes in a fresh mapping");
	munmap(q, 16 * PAGE);
}

static void a_system_call_writes_into_a_page_not_touched_yet(void)
{
	char *p = anon_pages(4);
	ASSERT(p != NULL);
	char *buf = p + 2 * PAGE + 100;
	EXPECT_EQ(sys6(SYS_UNAME, (long)buf, 0, 0, 0, 0, 0), 0, "uname into fresh memory");
	EXPECT(buf[0] != 0, "the kernel wrote the system's name");
	EXPECT_EQ(resident(p, 4), 1, "exactly the page written");
	munmap(p, 4 * PAGE);
}

static void a_system_call_reads_a_page_not_touched_yet(void)
{
	char *p = heap_pages(4);
	ASSERT(p != NULL);
	/* An all-zero signal set, read by the kernel from a page never touched. */
	EXPECT_EQ(sys6(SYS_RT_SIGPROCMASK, SIG_SETMASK, (long)(p + PAGE), 0, 8, 0, 0), 0);
	EXPECT_EQ(resident(p, 4), 1, "exactly the page read");
	sbrk(-(4 * PAGE));
}

static void the_stack_grows_on_demand(void)
{
	char here;
	char *sp = (char *)((uintptr_t)&here & ~(uintptr_t)(PAGE - 1));
	char *deep = sp - 64 * PAGE; /* 256 KiB below, well inside the 8 MiB limit */
	EXPECT_EQ(probe_write(deep, 1), 0, "a touch below the stack grows it");
	EXPECT_EQ(probe_read(deep), 1);
}

static void below_the_stack_limit_is_the_guard(void)
{
	char here;
	char *sp = (char *)((uintptr_t)&here & ~(uintptr_t)(PAGE - 1));
	char *far = sp - (9L << 20); /* past the 8 MiB stack limit */
	probe_si_code = 0;
	EXPECT_EQ(probe_write(far, 1), -1, "a touch past the limit faults");
	EXPECT_EQ(probe_si_code, SEGV_MAPERR);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(mincore_answers_and_checks_its_arguments),
    KTAP_CASE(sbrk_memory_is_not_resident_until_touched),
    KTAP_CASE(mmap_memory_is_not_resident_until_touched),
    KTAP_CASE(fresh_heap_memory_is_zero_after_regrowth),
    KTAP_CASE(fresh_mmap_memory_is_zero_after_reuse),
    KTAP_CASE(a_system_call_writes_into_a_page_not_touched_yet),
    KTAP_CASE(a_system_call_reads_a_page_not_touched_yet),
    KTAP_CASE(the_stack_grows_on_demand),
    KTAP_CASE(below_the_stack_limit_is_the_guard),
};

int main(void)
{
	probe_install();
	return ktap_run_cases("lazy", cases, KTAP_NCASES(cases));
}
