/*
 * cowtest.c - the cow lab's user tests (docs/labs/cow.md), in the spirit
 * of MIT 6.1810's cowtest: fork after touching more than half of the free
 * memory (which only copy-on-write can do), three processes writing the
 * same pages, a storm of forks, system calls writing into a shared page,
 * parent and child never seeing each other's writes, and the free memory
 * back to the exact frame after every child is gone. (The kernel's check
 * of the reference counts while pages are shared is refs.c, run after
 * this program: a wrong count panics the kernel, and these results must
 * be printed whole before that can happen.)
 *
 * Every test uses memory of its own, waits for every process it made and
 * gives the memory back, so the tests do not depend on each other's
 * order. Memory is sized from sysinfo's freeram. The same program runs
 * natively on Linux (the sizes are capped there, and the free memory is
 * not compared: other processes move it).
 *
 * cflags: -Itests/include -Itests/libc
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "mem_probe.h"

#define PAGE 4096L
#define SYS_UNAME 63
#define MAX_BYTES (48L << 20) /* on a large Linux machine: no more than this */
#define STORM_ROUNDS 24
#define STORM_PAGES 16

/* Returns the free memory in bytes (sysinfo's freeram), 0 if unknown. */
static long free_bytes(void)
{
	struct sysinfo si;
	if (sysinfo(&si) != 0)
		return 0;
	return (long)(si.freeram * si.mem_unit);
}

/* Returns n fresh private pages, or NULL. */
static long *anon_pages(long n)
{
	void *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* The first word of page i of p. */
static long *word(long *p, long i)
{
	return p + i * (PAGE / (long)sizeof(long));
}

/* Writes v + i into the first word of each of n pages; touches them all. */
static void fill(long *p, long n, long v)
{
	for (long i = 0; i < n; i++)
		*word(p, i) = v + i;
}

/* Returns the number of the n pages whose first word is not v + i. */
static long mismatches(long *p, long n, long v)
{
	long bad = 0;
	for (long i = 0; i < n; i++)
		bad += *word(p, i) != v + i;
	return bad;
}

/* Waits for the child pid; returns its exit status, or -1 if it did not exit. */
static int wait_status(pid_t pid)
{
	int st = 0;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/*
 * Touches more than half of the free memory, then forks: a fork that
 * copies would need twice that. The child checks and writes a few pages
 * and exits; twice, so that the first fork's memory must have come back.
 */
static void simple_fork_after_touching_more_than_half_of_memory(void)
{
	for (int round = 0; round < 2; round++) {
		long bytes = free_bytes() / 10 * 6;
		if (bytes > MAX_BYTES)
			bytes = MAX_BYTES;
		long n = bytes / PAGE;
		ASSERT(n > 16, "free memory is known (%ld pages)", n);
		long *p = anon_pages(n);
		ASSERT(p != NULL, "mmap of %ld pages", n);
		fill(p, n, 1000);
		pid_t pid = fork();
		if (pid == 0) {
			long bad = mismatches(p, n, 1000);
			for (long i = 0; i < n; i += n / 8)
				*word(p, i) = -1;
			_exit(bad ? 1 : 0);
		}
		EXPECT(pid > 0, "fork after touching %ld pages (round %d): errno %d", n, round + 1,
		       pid < 0 ? errno : 0);
		if (pid > 0)
			EXPECT_EQ(wait_status(pid), 0, "the child saw the parent's data");
		EXPECT_EQ(mismatches(p, n, 1000), 0, "the child's writes stayed in the child");
		munmap(p, n * PAGE);
	}
}

/* What one of threetest's processes does: writes its own mark into every
 * page, yields, and checks that the marks are still its own. */
static long write_mark_and_check(long *p, long n, long mark)
{
	fill(p, n, mark);
	for (int i = 0; i < 3; i++)
		sched_yield();
	return mismatches(p, n, mark);
}

/*
 * Three processes (parent, child, grandchild) write the same pages of a
 * quarter of the free memory, each its own values: each must read its own.
 */
static void three_processes_write_the_same_pages(void)
{
	long bytes = free_bytes() / 4;
	if (bytes > MAX_BYTES / 2)
		bytes = MAX_BYTES / 2;
	long n = bytes / PAGE;
	long *p = anon_pages(n);
	ASSERT(p != NULL);
	fill(p, n, 7);
	pid_t child = fork();
	ASSERT(child >= 0, "fork");
	if (child == 0) {
		pid_t grandchild = fork();
		if (grandchild < 0)
			_exit(2);
		long bad = write_mark_and_check(p, n, grandchild == 0 ? 3000000 : 2000000);
		if (grandchild == 0)
			_exit(bad ? 1 : 0);
		int g = wait_status(grandchild);
		_exit(bad ? 1 : g != 0 ? 10 + g : 0);
	}
	EXPECT_EQ(write_mark_and_check(p, n, 1000000), 0, "the parent's own marks");
	EXPECT_EQ(wait_status(child), 0, "the child and the grandchild read their own marks");
	EXPECT_EQ(mismatches(p, n, 1000000), 0, "after both exited");
	munmap(p, n * PAGE);
}

/*
 * A storm of forks: each round forks two children, each of which forks a
 * grandchild, and all four write the shared pages and exit at once.
 */
static void fork_storm_every_process_writes_and_exits(void)
{
	long *p = anon_pages(STORM_PAGES);
	ASSERT(p != NULL);
	fill(p, STORM_PAGES, 50);
	int failed = 0, forks = 0;
	for (int r = 0; r < STORM_ROUNDS; r++) {
		pid_t kids[2];
		for (int k = 0; k < 2; k++) {
			kids[k] = fork();
			if (kids[k] == 0) {
				pid_t g = fork();
				long bad = mismatches(p, STORM_PAGES, 50);
				fill(p, STORM_PAGES, 100 * (r + 1) + k);
				bad += mismatches(p, STORM_PAGES, 100 * (r + 1) + k);
				if (g == 0)
					_exit(bad ? 1 : 0);
				_exit(bad || g < 0 || wait_status(g) != 0 ? 1 : 0);
			}
			forks += kids[k] > 0;
		}
		for (int k = 0; k < 2; k++)
			if (kids[k] > 0)
				failed += wait_status(kids[k]) != 0;
	}
	EXPECT_EQ(forks, 2 * STORM_ROUNDS, "every fork worked");
	EXPECT_EQ(failed, 0, "every child and grandchild read and wrote its own pages");
	EXPECT_EQ(mismatches(p, STORM_PAGES, 50), 0, "the parent's pages are untouched");
	munmap(p, STORM_PAGES * PAGE);
}

static const char message[] = "written by read(2) into a copy-on-write page";

/*
 * read() from a pipe into a page shared since fork: the kernel's copy to
 * user memory must break the sharing as the program's own store would
 * (the child reads the bytes, the parent keeps its page). Then the
 * parent reads /dev/zero into a shared page while the child waits: the
 * child's page keeps its bytes.
 */
static void a_system_call_writes_into_a_cow_page(void)
{
	long *p = anon_pages(2);
	ASSERT(p != NULL);
	fill(p, 2, 77);
	char *page = (char *)p;
	int data[2], go[2];
	ASSERT(pipe(data) == 0 && pipe(go) == 0);
	pid_t pid = fork();
	ASSERT(pid >= 0, "fork");
	if (pid == 0) {
		int bad = 0;
		bad |= write(data[1], message, sizeof message) != (long)sizeof message;
		bad |= read(data[0], page + 64, sizeof message) != (long)sizeof message;
		bad |= memcmp(page + 64, message, sizeof message) != 0;
		char c;
		bad |= read(go[0], &c, 1) != 1; /* the parent has read /dev/zero */
		bad |= mismatches(word(p, 1), 1, 78) != 0;
		_exit(bad);
	}
	int zero = open("/dev/zero", O_RDONLY);
	EXPECT(zero >= 0, "open /dev/zero");
	EXPECT_EQ(read(zero, page + PAGE, 128), 128, "the parent's read of /dev/zero");
	EXPECT_EQ(*word(p, 1), 0, "the parent's page now reads zero");
	close(zero);
	EXPECT_EQ(write(go[1], "g", 1), 1);
	EXPECT_EQ(wait_status(pid), 0,
		  "the child read its bytes, and its page kept its own after the parent's read");
	EXPECT_EQ(*word(p, 0), 77, "the parent's page kept its word");
	EXPECT(memcmp(page + 64, message, sizeof message) != 0,
	       "the child's read did not land in the parent's page");
	close(data[0]), close(data[1]), close(go[0]), close(go[1]);
	munmap(p, 2 * PAGE);
}

/*
 * Writes after fork, on both sides, are seen only by the writer: the
 * parent writes first (while the child waits), then the child.
 */
static void contents_are_isolated_between_parent_and_child(void)
{
	long *p = anon_pages(4);
	ASSERT(p != NULL);
	fill(p, 4, 10);
	int go[2], done[2];
	ASSERT(pipe(go) == 0 && pipe(done) == 0);
	pid_t pid = fork();
	ASSERT(pid >= 0, "fork");
	if (pid == 0) {
		char c;
		int bad = read(go[0], &c, 1) != 1;
		bad |= (mismatches(p, 4, 10) != 0) << 1; /* the parent's writes must not show */
		fill(p, 2, 30);
		bad |= write(done[1], "d", 1) != 1;
		bad |= (read(go[0], &c, 1) != 1) << 2;
		bad |= (mismatches(p, 2, 30) + mismatches(word(p, 2), 2, 12) != 0) << 3;
		_exit(bad);
	}
	fill(word(p, 1), 3, 20); /* pages 1, 2, 3 */
	EXPECT_EQ(write(go[1], "g", 1), 1);
	char c;
	EXPECT_EQ(read(done[0], &c, 1), 1);
	EXPECT_EQ(*word(p, 0), 10, "the child's write of page 0 is not the parent's");
	EXPECT_EQ(mismatches(word(p, 1), 3, 20), 0, "the parent's own writes");
	EXPECT_EQ(write(go[1], "g", 1), 1);
	int st = wait_status(pid);
	EXPECT_EQ(st, 0, "the child saw neither the parent's writes nor lost its own (bits %d)",
		  st);
	close(go[0]), close(go[1]), close(done[0]), close(done[1]);
	munmap(p, 4 * PAGE);
}

/* Forks a child that writes half of the n pages and exits; returns its status. */
static int fork_write_half_and_exit(long *p, long n)
{
	pid_t pid = fork();
	if (pid == 0) {
		fill(p, n / 2, 5);
		_exit(0);
	}
	return pid < 0 ? -1 : wait_status(pid);
}

/*
 * Every frame comes back: after a child that shared, broke and wrote
 * pages has exited, and the parent has written the rest and unmapped it
 * all, the free memory is what it was, to the frame. (A first round
 * warms the kernel's caches, so that the second one measures only what
 * copy-on-write takes.)
 */
static void the_free_memory_is_exactly_back_after_the_children_exit(void)
{
	long n = 64, before = 0, after = 0;
	for (int round = 0; round < 2; round++) {
		before = free_bytes();
		long *p = anon_pages(n);
		ASSERT(p != NULL);
		fill(p, n, 1);
		EXPECT_EQ(fork_write_half_and_exit(p, n), 0, "the child exited");
		fill(p, n, 2); /* the parent alone now: half reclaimed, half its copies */
		EXPECT_EQ(fork_write_half_and_exit(p, n), 0, "a second child exited");
		munmap(p, n * PAGE);
		after = free_bytes();
	}
	char uts[6][65]; /* struct utsname: sysname first */
	if (sys6(SYS_UNAME, (long)uts, 0, 0, 0, 0, 0) == 0 && strcmp(uts[0], "Interlude") != 0) {
		/* Elsewhere other processes and caches move freeram under us. */
		ktap_diag("free pages %ld before, %ld after (compared on Interlude only)",
			  before / PAGE, after / PAGE);
		return;
	}
	EXPECT_EQ(after / PAGE, before / PAGE, "free pages before and after");
}

static const struct ktap_case cases[] = {
    KTAP_CASE(simple_fork_after_touching_more_than_half_of_memory),
    KTAP_CASE(three_processes_write_the_same_pages),
    KTAP_CASE(fork_storm_every_process_writes_and_exits),
    KTAP_CASE(a_system_call_writes_into_a_cow_page),
    KTAP_CASE(contents_are_isolated_between_parent_and_child),
    KTAP_CASE(the_free_memory_is_exactly_back_after_the_children_exit),
};

int main(void)
{
	return ktap_run_cases("cowtest", cases, KTAP_NCASES(cases));
}
