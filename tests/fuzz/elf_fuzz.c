/*
 * elf_fuzz.c - a libFuzzer target for the ELF executable checker (proc/elf.c).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DHOST_TEST -Ikernel -Icommon \
 *       kernel/proc/elf.c kernel/lib/kprintf.c common/format/format.c \
 *       tests/fuzz/elf_fuzz.c -o elf_fuzz
 *   ./elf_fuzz -max_total_time=60 tests/fuzz/corpus/elf
 *
 * The input is the file. libFuzzer hands it over in a heap buffer of
 * exactly its size, so ASan catches any read past its end. Every input
 * must be either refused, with -ENOEXEC, a printable one-line message and
 * a zeroed image, or accepted with a layout that keeps every promise
 * elf.h lists under "What an accepted image guarantees"; the target checks
 * those promises against the file's own program headers, read here
 * independently, and aborts if one is broken.
 */
#include "lib/console.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "proc/elf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stops the run: elf_parse broke a promise. */
__attribute__((noreturn)) static void fail(const char *what, uint64_t a, uint64_t b)
{
	fprintf(stderr, "elf_fuzz: %s (0x%llx, 0x%llx)\n", what, (unsigned long long)a,
		(unsigned long long)b);
	abort();
}

/* Returns true if [x, x + len) lies inside [start, start + size). */
static bool inside(uint64_t x, uint64_t len, uint64_t start, uint64_t size)
{
	return x >= start && x - start <= size && len <= size - (x - start);
}

/* Checks a refusal: the status, the message, and that *img was zeroed. */
static void check_refusal(int rc, const char *err, size_t errlen, const struct elf_image *img)
{
	static const struct elf_image zero;

	if (rc != -ENOEXEC)
		fail("refused with a status other than -ENOEXEC", (uint64_t)rc, 0);
	size_t n = strnlen(err, errlen);
	if (n == errlen)
		fail("message not NUL-terminated", n, errlen);
	if (n == 0)
		fail("refused without a message", 0, 0);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)err[i] < 0x20 || (unsigned char)err[i] >= 0x7f)
			fail("unprintable byte in the message", i, (unsigned char)err[i]);
	if (memcmp(img, &zero, sizeof zero) != 0)
		fail("image not zeroed after a refusal", 0, 0);
}

/*
 * Checks an accepted image against the file: each segment must come from
 * a PT_LOAD of the file (with the bias added) and the promises of elf.h
 * must hold.
 */
static void check_image(const uint8_t *data, size_t size, const struct elf_image *img)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;

	if (size < sizeof eh)
		fail("accepted a file shorter than an ELF header", size, 0);
	memcpy(&eh, data, sizeof eh);
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		fail("accepted a file that is not an executable", eh.e_type, 0);
	if (eh.e_type == ET_EXEC && img->load_bias != 0)
		fail("ET_EXEC with a load bias", img->load_bias, 0);
	if (img->phent != 56 || img->phnum != eh.e_phnum || img->phnum == 0)
		fail("phent/phnum", img->phent, img->phnum);
	if (img->nseg < 1 || img->nseg > ELF_MAX_SEGMENTS)
		fail("segment count", img->nseg, 0);
	uint64_t table = (uint64_t)eh.e_phnum * 56;
	if (eh.e_phoff > size || table > size - eh.e_phoff)
		fail("program headers outside the file", eh.e_phoff, table);

	/* Each segment, in order, is the next PT_LOAD with p_memsz > 0. */
	unsigned k = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, data + eh.e_phoff + (uint64_t)i * 56, sizeof ph);
		if (ph.p_type == PT_INTERP)
			fail("accepted a program with PT_INTERP", i, 0);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (k >= img->nseg)
			fail("a PT_LOAD is missing from the image", i, k);
		const struct elf_segment *s = &img->seg[k++];
		if (s->vaddr != ph.p_vaddr + img->load_bias || s->memsz != ph.p_memsz ||
		    s->offset != ph.p_offset || s->filesz != ph.p_filesz)
			fail("segment differs from its program header", i, s->vaddr);
		if (ph.p_align >= 4096 && (ph.p_vaddr - ph.p_offset) % 4096)
			fail("offset and vaddr disagree modulo the page size", i, ph.p_align);
		if (ph.p_align & (ph.p_align - 1))
			fail("p_align not a power of two", i, ph.p_align);
	}
	if (k != img->nseg)
		fail("image has segments the file does not", k, img->nseg);

	for (unsigned j = 0; j < img->nseg; j++) {
		const struct elf_segment *s = &img->seg[j];
		if (s->memsz == 0 || s->filesz > s->memsz)
			fail("segment sizes", s->filesz, s->memsz);
		if (s->offset > size || s->filesz > size - s->offset)
			fail("segment file bytes outside the file", s->offset, s->filesz);
		if (s->vaddr < MMAP_MIN_ADDR || s->vaddr > TASK_SIZE ||
		    s->memsz > TASK_SIZE - s->vaddr)
			fail("segment outside user space", s->vaddr, s->memsz);
		if (s->prot & ~7u)
			fail("unknown prot bits", j, s->prot);
		if ((s->prot & ELF_PROT_WRITE) && (s->prot & ELF_PROT_EXEC))
			fail("writable and executable segment", j, s->vaddr);
		if (j > 0) {
			const struct elf_segment *q = &img->seg[j - 1];
			uint64_t qend_page = (q->vaddr + q->memsz + 4095) & ~4095ull;
			if ((s->vaddr & ~4095ull) < qend_page)
				fail("two segments share a page", q->vaddr, s->vaddr);
		}
	}
	const struct elf_segment *first = &img->seg[0], *last = &img->seg[img->nseg - 1];
	if (img->lowest != (first->vaddr & ~4095ull))
		fail("lowest", img->lowest, first->vaddr);
	if (img->highest != ((last->vaddr + last->memsz + 4095) & ~4095ull) ||
	    img->brk_start != img->highest)
		fail("highest/brk_start", img->highest, img->brk_start);
	if (eh.e_type == ET_DYN && img->lowest != ELF_DYN_BASE)
		fail("static-pie not at ELF_DYN_BASE", img->lowest, 0);

	/* The entry point, the program headers in memory, the TLS template. */
	bool entry_ok = false, phdr_ok = false, tls_ok = !img->has_tls;
	for (unsigned j = 0; j < img->nseg; j++) {
		const struct elf_segment *s = &img->seg[j];
		if ((s->prot & ELF_PROT_EXEC) && inside(img->entry, 1, s->vaddr, s->memsz))
			entry_ok = true;
		if (inside(img->phdr_vaddr, table, s->vaddr, s->filesz) &&
		    s->offset + (img->phdr_vaddr - s->vaddr) == eh.e_phoff)
			phdr_ok = true;
		if (img->has_tls && inside(img->tls_vaddr, img->tls_filesz, s->vaddr, s->memsz))
			tls_ok = true;
	}
	if (!entry_ok)
		fail("entry point not in an executable segment", img->entry, 0);
	if (img->entry != eh.e_entry + img->load_bias)
		fail("entry point not the file's plus the bias", img->entry, eh.e_entry);
	if (!phdr_ok)
		fail("program headers not loaded where phdr_vaddr says", img->phdr_vaddr, 0);
	if (!tls_ok)
		fail("TLS template outside the segments", img->tls_vaddr, img->tls_filesz);
	if (img->has_tls && (img->tls_filesz > img->tls_memsz || img->tls_align == 0 ||
			     (img->tls_align & (img->tls_align - 1))))
		fail("TLS sizes or alignment", img->tls_memsz, img->tls_align);
}

/* Parses one input twice (full and tiny message buffers); aborts on a broken promise. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct elf_image img, img2;
	char err[256], small[6];

	memset(err, 'x', sizeof err);
	int rc = elf_parse(data, size, &img, err, sizeof err);
	if (rc == 0) {
		if (err[0] != '\0')
			fail("accepted with a message", 0, 0);
		check_image(data, size, &img);
	} else {
		check_refusal(rc, err, sizeof err, &img);
	}

	/* Same verdict with a short message buffer, cut cleanly; same layout. */
	int rc2 = elf_parse(data, size, &img2, small, sizeof small);
	if (rc2 != rc)
		fail("verdict depends on the message buffer", (uint64_t)rc, (uint64_t)rc2);
	if (rc && strncmp(small, err, sizeof small - 1) != 0)
		fail("short message is not a prefix of the full one", 0, 0);
	if (rc == 0 && memcmp(&img, &img2, sizeof img) != 0)
		fail("two parses of the same file differ", 0, 0);
	return 0;
}
