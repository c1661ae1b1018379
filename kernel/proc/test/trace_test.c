/*
 * trace_test.c - the memory trace's lines (suite "trace", kernel only;
 * the format is docs/TRACE.md).
 *
 * Each test captures the lines into a buffer (trace_capture) instead of
 * port 0xe9, turns tracing on, makes the events happen for real (a frame
 * allocated, a kernel-heap object, a fault in an address space built here,
 * a whole traced program: tests/user/trace_probe.c), turns tracing off,
 * and then looks for each line with the fields and values it must have.
 * Whatever state the trace was in before, it is put back.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "lib/trace.h"
#include "mm/cow.h"
#include "mm/fault.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/slab.h"
#include "mm/trace_mm.h"
#include "proc/proc.h"
#include "test/ktest.h"

#define P PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define A 0x10000000ULL

static char cap[48 * 1024]; /* the captured lines */
static bool was_on;	    /* the trace's state before the test */

/* Starts a capture with the trace on (its start line first: ram bytes). */
static void capture_on(uint64_t ram)
{
	was_on = trace_enabled;
	trace_set(false, 0);
	trace_capture(cap, sizeof cap);
	trace_set(true, ram);
}

/* Turns the trace off and sends its lines back to the port. Returns true
 * if the capture held every line (none was lost for want of room). */
static bool capture_off(void)
{
	trace_set(false, 0);
	size_t got = trace_capture(NULL, 0);
	trace_enabled = was_on;
	return got < sizeof cap - 1;
}

/*
 * Returns the first captured line (copied, NUL-terminated, without its
 * '\n') whose "ev" is ev and which contains each of the strings of want
 * (up to three, NULL for fewer); NULL if there is none.
 */
static const char *find(const char *ev, const char *w1, const char *w2, const char *w3)
{
	static char line[8192];
	char kind[48];
	ksnprintf(kind, sizeof kind, "\"ev\":\"%s\"", ev);
	for (const char *s = cap; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (n < sizeof line) {
			memcpy(line, s, n);
			line[n] = '\0';
			if (ktest_contains(line, kind) && (!w1 || ktest_contains(line, w1)) &&
			    (!w2 || ktest_contains(line, w2)) && (!w3 || ktest_contains(line, w3)))
				return line;
		}
		s += n + (nl != NULL);
	}
	return NULL;
}

/* Returns where needle first occurs in hay, NULL if nowhere (no strstr in lib/). */
static const char *text_in(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* Returns s, or "" for NULL (for a failure's message). */
static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Expects a line of ev with the wanted strings; the failure names them. */
#define EXPECT_LINE(ev, w1, w2, w3)                                                                \
	do {                                                                                       \
		if (!find(ev, w1, w2, w3))                                                         \
			KTEST_FAIL("no %s line with %s %s %s", ev, or_empty(w1), or_empty(w2),     \
				   or_empty(w3));                                                  \
	} while (0)

KTEST(trace, the_start_line_gives_the_version_the_ram_and_the_page_size)
{
	capture_on(16 << 20);
	ASSERT_TRUE(capture_off());
	EXPECT_TRUE(strncmp(cap, "{\"v\":1,\"ev\":\"start\",\"t\":", 23) == 0);
	EXPECT_TRUE(ktest_contains(cap, ",\"ram\":16777216,\"page\":4096}\n"));
	EXPECT_EQ(strlen(cap), (size_t)(strchr(cap, '\n') - cap) + 1); /* one line only */
}

KTEST(trace, nothing_is_written_while_the_trace_is_off)
{
	capture_on(0);
	trace_set(false, 0);
	trace_capture(cap, sizeof cap); /* empty again */
	uint64_t pa = pmm_alloc_owned(0, FRAME_OWNER_KERNEL);
	void *o = kmalloc(40);
	pmm_free(pa, 0);
	kfree(o);
	ASSERT_TRUE(capture_off());
	EXPECT_STREQ(cap, "");
}

KTEST(trace, frame_lines_name_the_block_its_order_and_its_owner)
{
	char pa_text[40], pa2_text[40];
	capture_on(0);
	uint64_t pa = pmm_alloc_owned(2, FRAME_OWNER_PAGE_CACHE);
	uint64_t pa2 = pmm_alloc_owned(0, FRAME_OWNER_USER);
	if (pa) {
		pmm_free(pa, 2);
	}
	if (pa2) {
		pmm_ref(pa2);
		pmm_unref(pa2); /* one reference left: no line */
		pmm_unref(pa2); /* the last: freed */
	}
	ASSERT_TRUE(capture_off());
	ASSERT_NE(pa, 0);
	ASSERT_NE(pa2, 0);
	ksnprintf(pa_text, sizeof pa_text, "\"pa\":\"0x%lx\"", pa);
	ksnprintf(pa2_text, sizeof pa2_text, "\"pa\":\"0x%lx\"", pa2);
	EXPECT_LINE("frame_alloc", pa_text, "\"order\":2", "\"owner\":\"pagecache\"");
	EXPECT_LINE("frame_free", pa_text, "\"order\":2", "\"owner\":\"pagecache\"");
	EXPECT_LINE("frame_alloc", pa2_text, "\"order\":0", "\"owner\":\"user\"");
	EXPECT_LINE("frame_free", pa2_text, "\"order\":0", "\"owner\":\"user\"");
}

KTEST(trace, slab_lines_name_the_cache_the_object_and_its_size)
{
	char small[48], big[48], named[48];
	capture_on(0);
	void *o = kmalloc(42);
	void *l = kmalloc(3 * P);
	struct kmem_cache *c = kmem_cache_create("trace-test", 72, 8);
	void *n = c ? kmem_cache_alloc(c) : NULL;
	ksnprintf(small, sizeof small, "\"addr\":\"0x%lx\"", (uint64_t)o);
	ksnprintf(big, sizeof big, "\"addr\":\"0x%lx\"", (uint64_t)l);
	ksnprintf(named, sizeof named, "\"addr\":\"0x%lx\"", (uint64_t)n);
	kfree(o);
	kfree(l);
	if (n)
		kmem_cache_free(c, n);
	if (c)
		kmem_cache_destroy(c);
	ASSERT_TRUE(capture_off());
	ASSERT_NOT_NULL(o);
	ASSERT_NOT_NULL(l);
	ASSERT_NOT_NULL(n);
	EXPECT_LINE("slab_alloc", "\"cache\":\"kmalloc-64\"", small, "\"size\":42");
	EXPECT_LINE("slab_free", "\"cache\":\"kmalloc-64\"", small, "\"size\":64");
	EXPECT_LINE("slab_alloc", "\"cache\":\"large\"", big, "\"size\":12288");
	EXPECT_LINE("slab_free", "\"cache\":\"large\"", big, "\"size\":12288");
	EXPECT_LINE("slab_alloc", "\"cache\":\"trace-test\"", named, "\"size\":72");
	EXPECT_LINE("slab_free", "\"cache\":\"trace-test\"", named, "\"size\":72");
	/* The large block's frames (and the new cache's slab) are the heap's. */
	EXPECT_LINE("frame_alloc", "\"owner\":\"kheap\"", NULL, NULL);
}

/* A write to va of mm as the CPU's fault would ask for it, from user
 * instruction ip (0: a kernel copy's fault). Returns the verdict. */
static enum mm_fault fault_at(struct mm *mm, uint64_t va, unsigned access, uint64_t ip)
{
	trace_fault_ip = ip;
	enum mm_fault r = mm_handle_fault(mm, va, access);
	trace_fault_ip = 0;
	return r;
}

KTEST(trace, fault_lines_say_where_what_access_and_how_it_was_served)
{
	struct mm p, c;
	static const struct mm_segment seg[] = {{0x400000, 0x402000, PROT_READ | PROT_EXEC}};
	ASSERT_EQ(mm_create(&p), 0);
	ASSERT_EQ(mm_setup(&p, seg, 1, 4 * P), 0);
	ASSERT_EQ(mm_mmap(&p, A, 2 * P, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  (int64_t)A);
	ASSERT_EQ(mm_create(&c), 0);
	capture_on(0);
	enum mm_fault zero = fault_at(&p, A + 8, MM_ACCESS_WRITE, 0x401abc);
	enum mm_fault copy = fault_at(&p, A + P, MM_ACCESS_READ, 0);
	enum mm_fault grow = fault_at(&p, STACK_TOP - 16 * P, MM_ACCESS_WRITE, 0x401000);
	enum mm_fault unmapped = fault_at(&p, A + 64 * P, MM_ACCESS_READ, 0x401004);
	enum mm_fault text = fault_at(&p, 0x400010, MM_ACCESS_WRITE, 0x401008);
	int forked = mm_fork(&c, &p);
	enum mm_fault cow = fault_at(&c, A, MM_ACCESS_WRITE, 0x40100c);
	enum mm_fault reuse = fault_at(&p, A, MM_ACCESS_WRITE, 0x401010);
	bool whole = capture_off();
	mm_destroy(&c);
	mm_destroy(&p);
	ASSERT_TRUE(whole);
	EXPECT_EQ(zero, MM_FAULT_OK);
	EXPECT_EQ(copy, MM_FAULT_OK);
	EXPECT_EQ(grow, MM_FAULT_OK);
	EXPECT_EQ(unmapped, MM_FAULT_MAPERR);
	EXPECT_EQ(text, MM_FAULT_ACCERR);
	EXPECT_EQ(forked, 0);
	EXPECT_EQ(cow, MM_FAULT_OK);
	EXPECT_EQ(reuse, MM_FAULT_OK);
	EXPECT_LINE("fault", "\"addr\":\"0x10000008\",\"access\":\"w\",\"ip\":\"0x401abc\"",
		    "\"how\":\"zero-fill\"", NULL);
	EXPECT_LINE("fault", "\"addr\":\"0x10001000\",\"access\":\"r\",\"by\":\"kernel-copy\"",
		    "\"how\":\"zero-fill\"", NULL);
	EXPECT_LINE("fault", "\"ip\":\"0x401000\"", "\"how\":\"stack-growth\"", NULL);
	EXPECT_LINE("fault", "\"ip\":\"0x401004\"", "\"how\":\"refused\",\"why\":\"maperr\"", NULL);
	EXPECT_LINE("fault", "\"addr\":\"0x400010\",\"access\":\"w\"",
		    "\"how\":\"refused\",\"why\":\"accerr\"", NULL);
	EXPECT_LINE("fault", "\"ip\":\"0x40100c\"", "\"how\":\"cow-copy\"", NULL);
	EXPECT_LINE("fault", "\"ip\":\"0x401010\"", "\"how\":\"cow-reuse\"", NULL);
	/* The zero-filled page's frame is the user's. */
	EXPECT_LINE("frame_alloc", "\"order\":0", "\"owner\":\"user\"", NULL);
}

extern const char user_trace_probe_start[], user_trace_probe_end[];

/* Runs tests/user/trace_probe; returns its exit status (-1 if it did not run). */
static int run_probe(void)
{
	int status = -1;
	size_t size = (size_t)(user_trace_probe_end - user_trace_probe_start);
	if (proc_run(user_trace_probe_start, size, "trace_probe", &status) != 0)
		return -1;
	return status;
}

/* Copies into out the `"pid":N,` of the first line of ev with want (empty if none). */
static void pid_of(const char *ev, const char *want, char *out, size_t size)
{
	const char *line = find(ev, want, NULL, NULL);
	const char *p = line ? text_in(line, "\"pid\":") : NULL;
	size_t n = 0;
	if (p)
		for (n = 6; p[n] >= '0' && p[n] <= '9'; n++)
			;
	n = n < size - 1 ? n : size - 2;
	memcpy(out, p ? p : "", n);
	out[n] = p ? ',' : '\0';
	out[n + 1] = '\0';
	if (!p)
		KTEST_FAIL("no %s line with a pid", ev);
}

/* Returns the decimal number at s. */
static int number_at(const char *s)
{
	int v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

KTEST(trace, a_traced_program_writes_its_calls_faults_fork_exit_and_libc_lines)
{
	uint64_t dropped = trace_dropped();
	capture_on(0);
	int status = run_probe();
	ASSERT_TRUE(capture_off());
	EXPECT_EQ(status, 41); /* AT_INTERLUDE_TRACE was 1 */
	char pid[24], child[24];
	pid_of("exec", "\"path\":\"trace_probe\"", pid, sizeof pid);
	EXPECT_LINE("exec", pid, "\"kind\":\"code\",\"name\":\"trace_probe\"",
		    "\"prot\":\"rw-\",\"kind\":\"stack\",\"name\":\"[stack]\"");
	EXPECT_LINE("brk", pid, "\"old\":\"0x", "\"new\":\"0x");
	EXPECT_LINE("sbrk", pid, "\"incr\":-4096", "\"ret\":");
	EXPECT_LINE("mmap", pid, "\"addr\":\"0x20000000\",\"len\":8192,\"prot\":3,\"flags\":50",
		    "\"fd\":-1,\"off\":0,\"ret\":536870912}");
	EXPECT_LINE("fault", pid, "\"addr\":\"0x20000000\",\"access\":\"w\",\"ip\":\"0x4",
		    "\"how\":\"zero-fill\"");
	EXPECT_LINE("mprotect", pid, "\"addr\":\"0x20000000\",\"len\":4096,\"prot\":1,\"ret\":0",
		    NULL);
	EXPECT_LINE("madvise", pid, "\"addr\":\"0x20001000\",\"len\":4096,\"advice\":4,\"ret\":0",
		    NULL);
	EXPECT_LINE("munmap", pid, "\"addr\":\"0x20000000\",\"len\":8192,\"ret\":0", NULL);
	/* The child's lines carry the pid the fork line names. */
	const char *f = find("fork", pid, "\"child\":", NULL);
	const char *k = f ? text_in(f, "\"child\":") : NULL;
	ksnprintf(child, sizeof child, "\"pid\":%d,", k ? number_at(k + 8) : -1);
	if (!f)
		KTEST_FAIL("no fork line of %s", pid);
	EXPECT_LINE("fault", child, "\"access\":\"w\"", "\"how\":\"cow-copy\"");
	const char *fork_at = text_in(cap, "\"ev\":\"fork\""), *child_at = text_in(cap, child);
	EXPECT_TRUE(fork_at && child_at && fork_at < child_at); /* the fork line comes first */
	EXPECT_LINE("exit", child, "\"status\":3,\"areas\":[{", NULL);
	EXPECT_LINE("malloc", pid, "\"size\":24,\"ret\":\"0x12340\",\"path\":\"class\"",
		    "\"site\":\"0x401234\"");
	EXPECT_LINE("realloc", pid, "\"addr\":\"0x12340\",\"size\":5000,\"ret\":\"0x13340\"",
		    "\"path\":\"mid\",\"site\":\"0x401234\"");
	EXPECT_LINE("free", pid, "\"addr\":\"0x13340\"}", NULL);
	EXPECT_LINE("malloc", pid,
		    "\"size\":100,\"ret\":\"0x14340\",\"align\":64,\"path\":\"class\"", NULL);
	EXPECT_LINE("malloc", pid, "\"size\":24,\"ret\":\"0x12340\",\"path\"", NULL); /* no align */
	EXPECT_LINE("exit", pid, "\"status\":41,\"areas\":[{", NULL);
	EXPECT_LINE("frame_alloc", pid, "\"owner\":\"user\"", NULL);
	EXPECT_LINE("frame_alloc", pid, "\"owner\":\"pagetable\"", NULL);
	EXPECT_LINE("frame_free", pid, "\"owner\":\"kstack\"", NULL);
	EXPECT_EQ(trace_dropped(), dropped); /* no event was lost */
}

KTEST(trace, an_untraced_program_sees_the_entry_0_and_writes_nothing)
{
	capture_on(0);
	trace_set(false, 0);
	trace_capture(cap, sizeof cap);
	int status = run_probe();
	ASSERT_TRUE(capture_off());
	EXPECT_EQ(status, 40); /* AT_INTERLUDE_TRACE was there, 0 */
	EXPECT_STREQ(cap, "");
}

KTEST(trace, every_line_is_one_object_with_its_kind_and_time)
{
	capture_on(0);
	int status = run_probe();
	ASSERT_TRUE(capture_off());
	EXPECT_EQ(status, 41);
	unsigned lines = 0, bad = 0;
	for (const char *s = cap; *s; lines++) {
		const char *nl = strchr(s, '\n');
		ASSERT_NOT_NULL(nl);
		bool ok = nl - s > 2 && nl[-1] == '}' &&
			  (strncmp(s, "{\"ev\":\"", 7) == 0 || strncmp(s, "{\"v\":1,", 7) == 0);
		const char *t = text_in(s, ",\"t\":");
		ok = ok && t && t < nl && t[5] >= '0' && t[5] <= '9';
		if (!ok && bad++ < 3)
			KTEST_FAIL("line %u is not an object with ev and t", lines + 1);
		s = nl + 1;
	}
	EXPECT_GT(lines, 20);
	EXPECT_EQ(bad, 0);
}

KTEST(trace, the_line_writer_escapes_strings_cuts_long_lines_and_drops_nested_events)
{
	capture_on(0);
	struct trace_line *l = trace_begin("test", 7);
	if (l) {
		trace_str(l, "s", "a\"b\\c\n\x7f");
		trace_addr(l, "a", 0xffff800000001000ull);
		trace_num(l, "n", -12);
		EXPECT_NULL(trace_begin("nested", -1)); /* dropped, counted */
		trace_end(l);
	}
	l = trace_begin("long", -1);
	if (l) {
		for (int i = 0; i < 200; i++)
			trace_str(l, "k",
				  "0123456789012345678901234567890123456789012345678901234567");
		trace_end(l);
	}
	uint64_t dropped = trace_dropped();
	ASSERT_TRUE(capture_off());
	EXPECT_LINE("test", "\"t\":", "\"pid\":7,\"s\":\"a\\\"b\\\\c\\u000a\\u007f\"",
		    ",\"a\":\"0xffff800000001000\",\"n\":-12}");
	EXPECT_LINE("cut", "\"t\":", "\"of\":\"long\"", NULL);
	EXPECT_NULL(find("long", NULL, NULL, NULL));
	EXPECT_NULL(find("nested", NULL, NULL, NULL));
	EXPECT_GE(dropped, 1);
}
