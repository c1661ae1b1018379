/*
 * multiboot2_build.c - see multiboot2_build.h: builds multiboot2 boot
 * information structures for the parser's tests, and parses them where a
 * read past the end is caught.
 */
#include "boot/test/multiboot2_build.h"
#include "boot/multiboot2.h"
#include "test/ktest.h"

#define BUF_SIZE 4096

uint8_t mb2t_scratch[BUF_SIZE] __attribute__((aligned(8)));
static uint8_t tail[BUF_SIZE] __attribute__((aligned(8)));
size_t mb2t_len;	  /* bytes of scratch used so far */
struct boot_info mb2t_bi; /* too big for the kernel stack's comfort */

/* --- builder ----------------------------------------------------------------- */

/* Returns the length of s (no libc on the kernel side). */
static size_t slen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

void mb2t_put32(size_t off, uint32_t v)
{
	__builtin_memcpy(mb2t_scratch + off, &v, sizeof v);
}

static void put64(size_t off, uint64_t v)
{
	__builtin_memcpy(mb2t_scratch + off, &v, sizeof v);
}

/* Starts an empty structure: just the fixed part (total_size set by mb2t_finish). */
void mb2t_begin(void)
{
	__builtin_memset(mb2t_scratch, 0, sizeof mb2t_scratch);
	mb2t_len = 8;
}

/*
 * Appends a tag header claiming `size` bytes, and reserves `room` bytes
 * (usually == size) plus padding to 8. Returns the tag's offset; its
 * payload starts 8 bytes further.
 */
size_t mb2t_tag_room(uint32_t type, uint32_t size, size_t room)
{
	size_t off = mb2t_len;
	mb2t_put32(off, type);
	mb2t_put32(off + 4, size);
	mb2t_len = (off + room + 7) & ~(size_t)7;
	return off;
}

size_t mb2t_tag(uint32_t type, uint32_t size)
{
	return mb2t_tag_room(type, size, size);
}

/* Appends a string tag (command line, loader name), NUL included. */
void mb2t_add_string(uint32_t type, const char *s)
{
	size_t n = slen(s) + 1;
	size_t off = mb2t_tag(type, 8 + n);
	__builtin_memcpy(mb2t_scratch + off + 8, s, n);
}

void mb2t_add_module(uint32_t start, uint32_t end, const char *s)
{
	size_t n = slen(s) + 1;
	size_t off = mb2t_tag(MB2_TAG_MODULE, 16 + n);
	mb2t_put32(off + 8, start);
	mb2t_put32(off + 12, end);
	__builtin_memcpy(mb2t_scratch + off + 16, s, n);
}

void mb2t_add_meminfo(uint32_t lower, uint32_t upper)
{
	size_t off = mb2t_tag(MB2_TAG_BASIC_MEMINFO, 16);
	mb2t_put32(off + 8, lower);
	mb2t_put32(off + 12, upper);
}

/* Appends a memory map of n entries, each entry_size bytes (24 normally). */
void mb2t_add_mmap(uint32_t entry_size, const struct mb2_mmap_entry *e, size_t n)
{
	size_t off = mb2t_tag(MB2_TAG_MMAP, 16 + n * entry_size);
	mb2t_put32(off + 8, entry_size);
	mb2t_put32(off + 12, 0);
	for (size_t i = 0; i < n; i++) {
		size_t at = off + 16 + i * entry_size;
		put64(at, e[i].base);
		put64(at + 8, e[i].length);
		mb2t_put32(at + 16, e[i].type);
	}
}

void mb2t_add_end(void)
{
	mb2t_tag(MB2_TAG_END, 8);
}

/* Sets total_size to the length built so far and returns it. */
size_t mb2t_finish(void)
{
	mb2t_put32(0, (uint32_t)mb2t_len);
	return mb2t_len;
}

/*
 * Copies the first `available` bytes of scratch to the end of tail and
 * parses them there.
 */
bool mb2t_parse(size_t available)
{
	uint8_t *at = tail + BUF_SIZE - available;
	__builtin_memcpy(at, mb2t_scratch, available);
	return mb2_parse(at, available, &mb2t_bi);
}

/* Returns true if one of the recorded problems mentions `what`. */
bool mb2t_has_problem(const char *what)
{
	for (unsigned i = 0; i < mb2t_bi.problem_count; i++)
		if (ktest_contains(mb2t_bi.problems[i], what))
			return true;
	return false;
}

const struct mb2_mmap_entry mb2t_good_map[3] = {
    {0x0, 0x9fc00, MB2_MEM_AVAILABLE},
    {0x9fc00, 0x400, MB2_MEM_RESERVED},
    {0x100000, 0x7ee0000, MB2_MEM_AVAILABLE},
};

/* A memory map alone, enough for mb2_parse to call the structure usable. */
void mb2t_add_good_mmap(void)
{
	mb2t_add_mmap(24, mb2t_good_map, 3);
}

/* The well-formed structure most tests start from. */
size_t mb2t_build_good(void)
{
	mb2t_begin();
	mb2t_add_string(MB2_TAG_CMDLINE, "selftest console=ttyS0");
	mb2t_add_string(MB2_TAG_BOOTLOADER, "GRUB 2.06");
	mb2t_add_meminfo(639, 129920);
	mb2t_add_good_mmap();
	mb2t_add_module(0x200000, 0x201000, "initrd");
	mb2t_add_module(0x300000, 0x300800, "symbols v2");
	mb2t_add_end();
	return mb2t_finish();
}
