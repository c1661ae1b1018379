/*
 * elf_test.c - tests of the ELF executable checker (proc/elf.c), run both
 * in the kernel and on the host (under AddressSanitizer).
 *
 * Each test starts from good(), a small valid static program described by
 * `eh` and `ph[]` (code at 0x400000, data and bss at 0x401200), changes
 * one thing, and calls parse(), which lays the headers out in `scratch`
 * and copies the first `flen` bytes to the very end of `tail` before
 * parsing them there: on the host, ASan reports any read past the file.
 * Every refusal test checks the words of the message, so a test fails if
 * its check is removed (the file is then accepted, or refused for another
 * reason).
 */
#include "test/ktest.h"
#include "lib/errno.h"
#include "proc/elf.h"
#include "proc/test/elf_vectors.h"

#define BUF_SIZE 8192
#define MAX_PH 24

static uint8_t scratch[BUF_SIZE] __attribute__((aligned(8)));
static uint8_t tail[BUF_SIZE] __attribute__((aligned(8)));
static struct elf64_ehdr eh;
static struct elf64_phdr ph[MAX_PH];
static size_t flen;	     /* bytes of the file */
static struct elf_image img; /* too big for the kernel stack's comfort */
static char err[200];

/* --- builder ----------------------------------------------------------------- */

/* Appends a program header; returns its number. */
static unsigned add_ph(uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr,
		       uint64_t filesz, uint64_t memsz, uint64_t align)
{
	unsigned i = eh.e_phnum++;
	ph[i] = (struct elf64_phdr){type, flags, offset, vaddr, vaddr, filesz, memsz, align};
	return i;
}

/* Starts the valid program most tests change: ET_EXEC, 2 PT_LOADs, GNU_STACK. */
static void good(void)
{
	static const uint8_t ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};

	__builtin_memset(scratch, 0, sizeof scratch);
	__builtin_memset(ph, 0, sizeof ph);
	__builtin_memset(&eh, 0, sizeof eh);
	__builtin_memcpy(eh.e_ident, ident, sizeof ident);
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = 1;
	eh.e_entry = 0x400100;
	eh.e_phoff = 64;
	eh.e_ehsize = 64;
	eh.e_phentsize = 56;
	add_ph(PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x200, 0x200, 0x1000);
	add_ph(PT_LOAD, PF_R | PF_W, 0x200, 0x401200, 0x40, 0x1000, 0x1000);
	add_ph(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	flen = 0x240;
}

/* Writes the headers (program headers always at byte 64), then parses the file. */
static int parse(void)
{
	__builtin_memcpy(scratch, &eh, sizeof eh);
	size_t n = eh.e_phnum < MAX_PH ? eh.e_phnum : MAX_PH;
	__builtin_memcpy(scratch + 64, ph, n * sizeof ph[0]);
	uint8_t *at = tail + BUF_SIZE - flen;
	__builtin_memcpy(at, scratch, flen);
	return elf_parse(at, flen, &img, err, sizeof err);
}

/* Expects parse() to refuse the file with a message containing `what`. */
#define EXPECT_REFUSED(what)                                                                       \
	do {                                                                                       \
		EXPECT_EQ(parse(), -ENOEXEC);                                                      \
		if (!ktest_contains(err, (what)))                                                  \
			KTEST_FAIL("expected a refusal mentioning \"%s\", got \"%s\"", (what),     \
				   err);                                                           \
		EXPECT_EQ(img.nseg, 0);                                                            \
	} while (0)

/* Expects parse() to accept the file. */
#define EXPECT_ACCEPTED()                                                                          \
	do {                                                                                       \
		int rc_ = parse();                                                                 \
		if (rc_ != 0)                                                                      \
			KTEST_FAIL("expected the file to be accepted, got %d \"%s\"", rc_, err);   \
	} while (0)

/* Expects out->seg[k] to be exactly this. */
#define EXPECT_SEG(k, v, msz, off, fsz, pr)                                                        \
	do {                                                                                       \
		EXPECT_EQ(img.seg[k].vaddr, (v));                                                  \
		EXPECT_EQ(img.seg[k].memsz, (msz));                                                \
		EXPECT_EQ(img.seg[k].offset, (off));                                               \
		EXPECT_EQ(img.seg[k].filesz, (fsz));                                               \
		EXPECT_EQ(img.seg[k].prot, (pr));                                                  \
	} while (0)

#define RX (ELF_PROT_READ | ELF_PROT_EXEC)
#define RW (ELF_PROT_READ | ELF_PROT_WRITE)

/* --- what is accepted ---------------------------------------------------------- */

KTEST(elf, accepts_minimal_exec)
{
	good();
	ASSERT_EQ(parse(), 0);
	EXPECT_STREQ(err, "");
	EXPECT_EQ(img.entry, 0x400100);
	EXPECT_EQ(img.load_bias, 0);
	EXPECT_EQ(img.nseg, 2);
	EXPECT_SEG(0, 0x400000, 0x200, 0, 0x200, RX);
	EXPECT_SEG(1, 0x401200, 0x1000, 0x200, 0x40, RW);
	EXPECT_EQ(img.phdr_vaddr, 0x400040);
	EXPECT_EQ(img.phent, 56);
	EXPECT_EQ(img.phnum, 3);
	EXPECT_EQ(img.lowest, 0x400000);
	EXPECT_FALSE(img.has_tls);
	EXPECT_FALSE(img.exec_stack);
}

KTEST(elf, bss_sets_brk_start)
{
	good();
	ph[1].p_memsz = 0x3001; /* [0x401200, 0x404201): filesz 0x40, the rest bss */
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(img.seg[1].filesz, 0x40);
	EXPECT_EQ(img.seg[1].memsz, 0x3001);
	EXPECT_EQ(img.highest, 0x405000);
	EXPECT_EQ(img.brk_start, 0x405000);
}

KTEST(elf, accepts_real_static_binary)
{
	uint8_t *at = tail + BUF_SIZE - elf_tiny_exit_len;
	__builtin_memcpy(at, elf_tiny_exit, elf_tiny_exit_len);
	int rc = elf_parse(at, elf_tiny_exit_len, &img, err, sizeof err);
	ASSERT_STREQ(err, "");
	ASSERT_EQ(rc, 0);
	EXPECT_EQ(img.entry, 0x4000f0);
	EXPECT_EQ(img.nseg, 2);
	EXPECT_SEG(0, 0x400000, 0x110, 0, 0x110, RX); /* as readelf -lW shows */
	EXPECT_SEG(1, 0x401110, 0x110, 0x110, 0x4, RW);
	EXPECT_EQ(img.phdr_vaddr, 0x400040);
	EXPECT_EQ(img.phnum, 3);
	EXPECT_EQ(img.lowest, 0x400000);
	EXPECT_EQ(img.brk_start, 0x402000);
	EXPECT_FALSE(img.exec_stack);
}

KTEST(elf, accepts_gnu_osabi)
{
	good();
	eh.e_ident[7] = ELFOSABI_GNU; /* what gcc -static with glibc writes */
	EXPECT_ACCEPTED();
}

KTEST(elf, static_pie_gets_load_bias)
{
	good();
	eh.e_type = ET_DYN;
	eh.e_entry = 0x100;
	ph[0].p_vaddr = 0;
	ph[1].p_vaddr = 0x1200;
	add_ph(PT_PHDR, PF_R, 64, 64, 4 * 56, 4 * 56, 8);
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(img.load_bias, ELF_DYN_BASE);
	EXPECT_EQ(img.entry, 0x555555554100);
	EXPECT_SEG(0, 0x555555554000, 0x200, 0, 0x200, RX);
	EXPECT_SEG(1, 0x555555555200, 0x1000, 0x200, 0x40, RW);
	EXPECT_EQ(img.phdr_vaddr, 0x555555554040);
	EXPECT_EQ(img.lowest, 0x555555554000);
	EXPECT_EQ(img.brk_start, 0x555555557000);
}

KTEST(elf, static_pie_linked_high_starts_at_base)
{
	good();
	eh.e_type = ET_DYN; /* linked at 0x400000: the bias moves page 0x400000 to the base */
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(img.load_bias, ELF_DYN_BASE - 0x400000);
	EXPECT_EQ(img.lowest, ELF_DYN_BASE);
	EXPECT_EQ(img.entry, ELF_DYN_BASE + 0x100);
}

KTEST(elf, records_tls)
{
	good();
	add_ph(PT_TLS, PF_R, 0x210, 0x401210, 0x10, 0x48, 0);
	ASSERT_EQ(parse(), 0);
	EXPECT_TRUE(img.has_tls);
	EXPECT_EQ(img.tls_vaddr, 0x401210);
	EXPECT_EQ(img.tls_filesz, 0x10);
	EXPECT_EQ(img.tls_memsz, 0x48);
	EXPECT_EQ(img.tls_align, 1); /* p_align 0 means no constraint */
}

KTEST(elf, records_exec_stack)
{
	good();
	ph[2].p_flags = PF_R | PF_W | PF_X;
	ASSERT_EQ(parse(), 0);
	EXPECT_TRUE(img.exec_stack);
}

KTEST(elf, skips_empty_load)
{
	good();
	add_ph(PT_LOAD, PF_R, 0, 0, 0, 0, 0x1000); /* loads nothing, even at address 0 */
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(img.nseg, 2);
}

KTEST(elf, small_align_allows_any_offset)
{
	good();
	ph[1].p_vaddr = 0x401300; /* offset 0x200: fine when p_align < page size */
	ph[1].p_align = 16;
	EXPECT_ACCEPTED();
}

KTEST(elf, boundary_lowest_address)
{
	good();
	ph[0].p_vaddr = 0x10000;
	eh.e_entry = 0x10100;
	EXPECT_ACCEPTED();
	EXPECT_EQ(img.lowest, 0x10000);
	ph[0].p_vaddr = 0xf000;
	eh.e_entry = 0xf100;
	EXPECT_REFUSED("segment 0 starts below 64 KiB (0xf000): address 0 must stay unmapped");
}

KTEST(elf, boundary_top_of_user_space)
{
	good();
	ph[1].p_vaddr = 0x7fffffffe200;
	ph[1].p_memsz = 0xe00; /* ends exactly at 0x7ffffffff000 */
	EXPECT_ACCEPTED();
	EXPECT_EQ(img.highest, TASK_SIZE);
	ph[1].p_memsz = 0xe01;
	EXPECT_REFUSED("segment 1 [0x7fffffffe200, 0x7ffffffff001) reaches past the top of "
		       "user space (0x7ffffffff000)");
}

KTEST(elf, sixteen_segments_but_not_seventeen)
{
	good();
	eh.e_phnum = 1;
	ph[0].p_filesz = ph[0].p_memsz = 0x600; /* room for 17 program headers */
	flen = 0x600;
	for (unsigned i = 1; i < 16; i++)
		add_ph(PT_LOAD, PF_R, 0, 0x400000 + i * 0x1000, 0, 0x10, 0x1000);
	ASSERT_EQ(parse(), 0);
	EXPECT_EQ(img.nseg, 16);
	EXPECT_EQ(img.seg[15].vaddr, 0x40f000);
	add_ph(PT_LOAD, PF_R, 0, 0x410000, 0, 0x10, 0x1000);
	EXPECT_REFUSED("more than 16 PT_LOAD segments");
}

/* --- what is refused: the headers ----------------------------------------------- */

KTEST(elf, refuses_bad_magic)
{
	good();
	eh.e_ident[1] = 'e';
	EXPECT_REFUSED("not an ELF file (bad magic 7f 65 4c 46");
	eh.e_ident[0] = '#';
	eh.e_ident[1] = '!';
	EXPECT_REFUSED("#! script");
}

KTEST(elf, refuses_truncated_header)
{
	good();
	flen = 3;
	EXPECT_REFUSED("not an ELF file (only 3 bytes)");
	flen = 10;
	EXPECT_REFUSED("truncated: the ELF identification needs 16 bytes but the file has 10");
	flen = 40;
	EXPECT_REFUSED("truncated: the ELF header needs 64 bytes but the file has 40");
}

KTEST(elf, refuses_32bit)
{
	good();
	eh.e_ident[4] = 1;
	EXPECT_REFUSED("32-bit ELF; Interlude runs 64-bit programs");
	eh.e_ident[4] = 3;
	EXPECT_REFUSED("bad ELF class 3");
}

KTEST(elf, refuses_big_endian)
{
	good();
	eh.e_ident[5] = 2;
	EXPECT_REFUSED("big-endian ELF");
	eh.e_ident[5] = 0;
	EXPECT_REFUSED("bad ELF data encoding 0");
}

KTEST(elf, refuses_bad_versions)
{
	good();
	eh.e_ident[6] = 2;
	EXPECT_REFUSED("ELF identification version 2, not 1");
	good();
	eh.e_version = 0;
	EXPECT_REFUSED("e_version 0, not 1 (EV_CURRENT)");
}

KTEST(elf, refuses_foreign_osabi)
{
	good();
	eh.e_ident[7] = 9;
	EXPECT_REFUSED("ELF OS ABI 9 (FreeBSD), not System V (0) or GNU/Linux (3)");
}

KTEST(elf, refuses_other_machine)
{
	good();
	eh.e_machine = 40;
	EXPECT_REFUSED("ELF for machine 40 (ARM), not x86-64 (62)");
}

KTEST(elf, refuses_non_executable_types)
{
	good();
	eh.e_type = ET_CORE;
	EXPECT_REFUSED("ELF type 4 (core dump), not an executable");
	eh.e_type = ET_REL;
	EXPECT_REFUSED("ELF type 1 (relocatable");
}

KTEST(elf, refuses_bad_header_sizes)
{
	good();
	eh.e_ehsize = 52;
	EXPECT_REFUSED("e_ehsize 52, not 64");
	good();
	eh.e_phentsize = 32;
	EXPECT_REFUSED("e_phentsize 32, not 56");
}

KTEST(elf, refuses_bad_phnum)
{
	good();
	eh.e_phnum = 0;
	EXPECT_REFUSED("no program headers (e_phnum 0)");
	eh.e_phnum = 0xffff;
	EXPECT_REFUSED("PN_XNUM");
	eh.e_phnum = ELF_MAX_PHNUM + 1;
	EXPECT_REFUSED("65 program headers; Interlude reads at most 64");
}

KTEST(elf, refuses_truncated_program_headers)
{
	good();
	flen = 200; /* the 3 headers need bytes 64 to 232 */
	EXPECT_REFUSED("truncated: program headers end at byte 232 but the file has 200");
}

KTEST(elf, refuses_phoff_overflow)
{
	good();
	eh.e_phoff = UINT64_MAX - 7; /* + 3 * 56 would wrap to a small number */
	EXPECT_REFUSED("truncated: program headers start at byte 18446744073709551608");
	eh.e_phoff = 65;
	EXPECT_REFUSED("program headers at byte 65 are not 8-byte aligned");
}

/* --- what is refused: the program headers --------------------------------------- */

KTEST(elf, refuses_dynamic_program)
{
	static const char path[] = "/lib64/ld-linux-x86-64.so.2";

	good();
	__builtin_memcpy(scratch + 0x180, path, sizeof path);
	add_ph(PT_INTERP, PF_R, 0x180, 0x400180, sizeof path, sizeof path, 1);
	EXPECT_REFUSED("dynamically linked (PT_INTERP /lib64/ld-linux-x86-64.so.2): Interlude "
		       "runs static programs");
	eh.e_type = ET_DYN; /* an ordinary PIE */
	EXPECT_REFUSED("dynamically linked (PT_INTERP /lib64/ld-linux-x86-64.so.2)");
	ph[3].p_offset = UINT64_MAX - 4; /* the path cannot be read */
	EXPECT_REFUSED("dynamically linked (PT_INTERP, its path outside the file)");
}

KTEST(elf, refuses_shared_library)
{
	good();
	eh.e_type = ET_DYN;
	eh.e_entry = 0;
	EXPECT_REFUSED("ET_DYN with entry point 0: a shared library");
}

KTEST(elf, refuses_writable_and_executable)
{
	good();
	ph[1].p_flags = PF_R | PF_W | PF_X;
	EXPECT_REFUSED("segment 1 is writable and executable (W^X)");
}

KTEST(elf, refuses_filesz_above_memsz)
{
	good();
	ph[1].p_memsz = 0x3f;
	EXPECT_REFUSED("p_filesz > p_memsz in segment 1 (0x40 > 0x3f)");
}

KTEST(elf, refuses_segment_past_end_of_file)
{
	good();
	ph[1].p_filesz = 0x41;
	EXPECT_REFUSED("truncated: segment 1 needs file bytes up to 577 but the file has 576");
}

KTEST(elf, refuses_offset_filesz_wrap)
{
	good();
	ph[1].p_offset = 0xfffffffffffff200; /* + 0x1000 wraps to 0x200 */
	ph[1].p_filesz = 0x1000;
	EXPECT_REFUSED("segment 1: p_offset 0xfffffffffffff200 + p_filesz 0x1000 overflows");
}

KTEST(elf, refuses_vaddr_memsz_wrap)
{
	good();
	ph[1].p_vaddr = 0xfffffffffffff200; /* + 0x1000 wraps to 0x200 */
	EXPECT_REFUSED("segment 1: p_vaddr 0xfffffffffffff200 + p_memsz 0x1000 wraps around");
}

KTEST(elf, refuses_offset_vaddr_mismatch)
{
	good();
	ph[1].p_vaddr = 0x401300;
	EXPECT_REFUSED("p_offset and p_vaddr disagree modulo the page size in segment 1");
}

KTEST(elf, refuses_bad_alignment)
{
	good();
	ph[1].p_align = 0x3000;
	EXPECT_REFUSED("segment 1 has p_align 0x3000, not a power of two");
}

KTEST(elf, refuses_kernel_space)
{
	good();
	ph[1].p_vaddr = 0xffffffff80000200;
	EXPECT_REFUSED("segment 1 [0xffffffff80000200, 0xffffffff80001200) reaches kernel space "
		       "(0xffff800000000000)");
}

KTEST(elf, refuses_static_pie_beyond_user_space)
{
	good();
	eh.e_type = ET_DYN;
	eh.e_entry = 0x100;
	ph[0].p_vaddr = 0;
	ph[1].p_vaddr = 0x7ffffffff200; /* + the bias: far past the top */
	EXPECT_REFUSED("+ load bias 0x555555554000 reaches past the top of user space");
}

KTEST(elf, refuses_overlapping_segments)
{
	good();
	ph[0].p_memsz = 0x300; /* [0x400000, 0x400300) */
	ph[1].p_vaddr = 0x400200;
	EXPECT_REFUSED("segment 1 [0x400200, 0x401200) overlaps segment 0 [0x400000, 0x400300)");
}

KTEST(elf, refuses_shared_page)
{
	good();
	ph[1].p_vaddr = 0x400200; /* right after segment 0, in its last page */
	EXPECT_REFUSED("segment 1 [0x400200, 0x401200) shares the page at 0x400000 with "
		       "segment 0 [0x400000, 0x400200)");
}

KTEST(elf, refuses_descending_segments)
{
	good();
	ph[1].p_vaddr = 0x3ff200;
	EXPECT_REFUSED("segment 1 (p_vaddr 0x3ff200) comes after segment 0 (p_vaddr 0x400000): "
		       "PT_LOAD segments must be in ascending order");
}

KTEST(elf, refuses_no_load_segment)
{
	good();
	ph[0].p_type = PT_NOTE;
	ph[1].p_type = PT_NOTE;
	EXPECT_REFUSED("no PT_LOAD segment");
}

KTEST(elf, refuses_entry_outside_code)
{
	good();
	eh.e_entry = 0x401200; /* in the data segment */
	EXPECT_REFUSED("entry point 0x401200 is not in an executable segment");
	eh.e_entry = 0x400200; /* one past the code */
	EXPECT_REFUSED("entry point 0x400200 is not in an executable segment");
}

KTEST(elf, refuses_unloaded_program_headers)
{
	good();
	ph[0].p_offset = 0x100; /* code from byte 0x100: the headers (64..232) are left out */
	ph[0].p_vaddr = 0x400100;
	ph[0].p_filesz = ph[0].p_memsz = 0x100;
	EXPECT_REFUSED("the program headers (file bytes 64 to 232) are in no PT_LOAD segment");
}

KTEST(elf, refuses_inconsistent_pt_phdr)
{
	good();
	add_ph(PT_PHDR, PF_R, 64, 0x400080, 4 * 56, 4 * 56, 8);
	EXPECT_REFUSED("PT_PHDR (segment 3) says the program headers are at 0x400080 but the "
		       "PT_LOAD holding them puts them at 0x400040");
	ph[3].p_vaddr = 0x400040;
	EXPECT_ACCEPTED();
	ph[3].p_offset = 128;
	EXPECT_REFUSED("PT_PHDR (segment 3) covers file bytes [128, +224)");
}

KTEST(elf, refuses_bad_tls)
{
	good();
	add_ph(PT_TLS, PF_R, 0x210, 0x402200, 0x10, 0x48, 8); /* past the data segment */
	EXPECT_REFUSED("PT_TLS (segment 3) template [0x402200, +0x10) is in no PT_LOAD segment");
	ph[3].p_vaddr = 0x401210;
	ph[3].p_align = 12;
	EXPECT_REFUSED("PT_TLS (segment 3) has p_align 0xc, not a power of two");
	ph[3].p_align = 8;
	ph[3].p_memsz = 8;
	EXPECT_REFUSED("p_filesz > p_memsz in PT_TLS");
	ph[3].p_memsz = 0x48;
	add_ph(PT_TLS, PF_R, 0x210, 0x401210, 0x10, 0x48, 8);
	EXPECT_REFUSED("two PT_TLS program headers (segments 3 and 4)");
}

KTEST(elf, short_or_missing_error_buffer)
{
	char small[8];

	good();
	eh.e_machine = 40;
	parse();
	uint8_t *at = tail + BUF_SIZE - flen;
	EXPECT_EQ(elf_parse(at, flen, &img, small, sizeof small), -ENOEXEC);
	EXPECT_STREQ(small, "ELF for");
	EXPECT_EQ(elf_parse(at, flen, &img, NULL, 0), -ENOEXEC);
	EXPECT_EQ(elf_parse(NULL, 0, &img, err, sizeof err), -ENOEXEC);
	EXPECT_STREQ(err, "no file (NULL pointer)");
}
