/*
 * exec_robust_test.c - starting programs that should not start, and one
 * that needs more memory than is free (suite "user"), kernel only.
 *
 * Each hostile file is a real program (tests/user/hello.c) with one thing
 * broken; proc_run must refuse it with a sentence naming the problem, and
 * the next program must run. The runner compares free frames and live
 * kernel-heap objects before and after every test, so a refusal that
 * leaks fails the test too.
 */
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "proc/elf.h"
#include "proc/proc.h"
#include "test/ktest.h"

#include <interlude/errno.h>

extern const char user_hello_start[], user_hello_end[];
extern const char user_big_bss_start[], user_big_bss_end[];

/* One way to break a copy of hello: the change, and words the refusal must contain. */
struct hostile {
	const char *name;
	void (*breaks)(uint8_t *file, size_t *size);
	int err;
	const char *words;
};

static struct elf64_ehdr *ehdr(uint8_t *f)
{
	return (struct elf64_ehdr *)f;
}

/* The i-th program header of f (hello's: R, R E, R, RW bss, NOTE, GNU_STACK). */
static struct elf64_phdr *phdr(uint8_t *f, unsigned i)
{
	return (struct elf64_phdr *)(f + ehdr(f)->e_phoff) + i;
}

static void truncated(uint8_t *f, size_t *size)
{
	(void)f;
	*size = 40;
}
static void bad_magic(uint8_t *f, size_t *size)
{
	(void)size;
	f[1] = 'X';
}
static void wrong_machine(uint8_t *f, size_t *size)
{
	(void)size;
	ehdr(f)->e_machine = 40; /* ARM */
}
static void kernel_half(uint8_t *f, size_t *size)
{
	(void)size;
	phdr(f, 3)->p_vaddr = phdr(f, 3)->p_paddr = 0xffffffff80403000ull;
}
static void filesz_above_memsz(uint8_t *f, size_t *size)
{
	(void)size;
	phdr(f, 2)->p_filesz = phdr(f, 2)->p_memsz + 1;
}
static void overlapping(uint8_t *f, size_t *size)
{
	(void)size;
	phdr(f, 2)->p_vaddr = phdr(f, 1)->p_vaddr; /* .rodata onto .text */
	phdr(f, 2)->p_offset = phdr(f, 1)->p_offset;
}
static void terabyte_bss(uint8_t *f, size_t *size)
{
	(void)size;
	phdr(f, 3)->p_memsz = 1ull << 40;
}
static void entry_zero(uint8_t *f, size_t *size)
{
	(void)size;
	ehdr(f)->e_entry = 0;
}
static void entry_outside(uint8_t *f, size_t *size)
{
	(void)size;
	ehdr(f)->e_entry = 0x500000;
}
static void huge_phnum(uint8_t *f, size_t *size)
{
	(void)size;
	ehdr(f)->e_phnum = 0xfffe;
}
static void phoff_past_end(uint8_t *f, size_t *size)
{
	ehdr(f)->e_phoff = *size + 64;
}

static const struct hostile hostiles[] = {
    {"truncated", truncated, -ENOEXEC, "truncated: the ELF header needs 64 bytes"},
    {"bad magic", bad_magic, -ENOEXEC, "not an ELF file (bad magic"},
    {"wrong machine", wrong_machine, -ENOEXEC, "ELF for machine 40 (ARM), not x86-64"},
    {"kernel half", kernel_half, -ENOEXEC,
     "segment 3 [0xffffffff80403000, 0xffffffff80403008) reaches kernel space"},
    {"filesz > memsz", filesz_above_memsz, -ENOEXEC, "p_filesz > p_memsz in segment 2"},
    {"overlapping", overlapping, -ENOEXEC, "overlaps segment"},
    {"1 TiB bss", terabyte_bss, -ENOMEM,
     "out of memory: its writable segments need 1073741824 KiB, more than all of RAM"},
    {"entry 0", entry_zero, -ENOEXEC, "entry point 0x0 is not in an executable segment"},
    {"entry outside", entry_outside, -ENOEXEC,
     "entry point 0x500000 is not in an executable segment"},
    {"huge phnum", huge_phnum, -ENOEXEC, "65534 program headers; Interlude reads at most 64"},
    {"phoff past end", phoff_past_end, -ENOEXEC, "truncated: program headers start at byte"},
};

KTEST(user, hostile_elf_files_are_refused_by_name_and_the_next_program_runs)
{
	size_t hello_size = (size_t)(user_hello_end - user_hello_start);
	uint8_t *f = kmalloc(hello_size);
	ASSERT_TRUE(f != NULL);
	for (unsigned i = 0; i < sizeof hostiles / sizeof hostiles[0]; i++) {
		const struct hostile *h = &hostiles[i];
		size_t size = hello_size;
		memcpy(f, user_hello_start, hello_size);
		h->breaks(f, &size);
		int status = -1;
		int r = proc_run(f, size, "hostile", &status);
		if (r != h->err)
			KTEST_FAIL("%s: proc_run returned %d, expected %d", h->name, r, h->err);
		if (!ktest_contains(proc_last_diagnosis(), "exec hostile: refused: ") ||
		    !ktest_contains(proc_last_diagnosis(), h->words))
			KTEST_FAIL("%s: refusal \"%s\" lacks \"%s\"", h->name,
				   proc_last_diagnosis(), h->words);
		/* The next program runs, and nothing of the refusal is left. */
		status = -1;
		EXPECT_EQ(proc_run(user_hello_start, hello_size, "hello", &status), 0);
		EXPECT_EQ(status, 0);
		EXPECT_STREQ(proc_last_diagnosis(), "");
	}
	kfree(f);
}

/* Frames held back from the frame allocator, to make memory scarce. */
#define HOLD_MAX 512
static uint64_t held[HOLD_MAX];
static unsigned nheld;

/* Allocates 4 MiB blocks until at most `keep` frames are free. */
static void hold_all_but(uint64_t keep)
{
	struct pmm_stats st;
	for (pmm_get_stats(&st); st.free_frames > keep + 1024 && nheld < HOLD_MAX;
	     pmm_get_stats(&st)) {
		uint64_t b = pmm_alloc(10);
		if (!b)
			break;
		held[nheld++] = b;
	}
}

static void release_held(void)
{
	while (nheld)
		pmm_free(held[--nheld], 10);
}

/*
 * exec.bss-demand-zero: big_bss has a 100 MiB .bss. With only 32 MiB or
 * so free it still starts (only what it touches is allocated); where all
 * of RAM is less than 100 MiB (the -m 16M boot) it is refused as Linux
 * refuses it, by the overcommit heuristic, with the sizes in words.
 */
KTEST(user, a_big_bss_is_demand_zero)
{
	struct pmm_stats st;
	pmm_get_stats(&st);
	int status = -1;
	size_t size = (size_t)(user_big_bss_end - user_big_bss_start);
	if (st.usable_frames > (100u << 20) / PAGE_SIZE + 1024) {
		hold_all_but((32u << 20) / PAGE_SIZE);
		pmm_get_stats(&st);
		EXPECT_LT(st.free_frames, (64u << 20) / PAGE_SIZE);
		EXPECT_EQ(proc_run(user_big_bss_start, size, "big_bss", &status), 0);
		release_held();
		EXPECT_EQ(status, 0);
	} else {
		EXPECT_EQ(proc_run(user_big_bss_start, size, "big_bss", &status), -ENOMEM);
		if (!ktest_contains(proc_last_diagnosis(),
				    "out of memory: its writable segments need 102404 KiB, more "
				    "than all of RAM"))
			KTEST_FAIL("refusal \"%s\" lacks the sizes", proc_last_diagnosis());
	}
}
