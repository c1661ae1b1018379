/*
 * elf.c - checking an ELF64 executable and describing its layout (elf.h).
 * Pure code: no memory is mapped here, and it is also tested on the host.
 *
 * Theory of operation
 *
 * The file is untrusted, so every number in it is checked before it is
 * used, and every sum of two of its numbers is checked for overflow before
 * it is computed. Headers are byte-copied out of the file into local
 * structures, so a misaligned or truncated file cannot make us read
 * beyond image[size - 1]. The checks run in the order a student would
 * want to hear about problems: "is this even an ELF file?", then "is it
 * for this machine?", then "is it a static program?" (PT_INTERP), then
 * segment by segment, then the things that point into segments (entry
 * point, program headers, TLS). The first problem found is reported.
 *
 * Addresses. An ET_EXEC file says exactly where it goes. An ET_DYN file
 * without PT_INTERP is a static-pie: linked at 0, it relocates itself, and
 * the kernel chooses where it goes by adding a load bias to every address.
 * Interlude puts its first page at ELF_DYN_BASE = 0x555555554000, where
 * Linux without ASLR puts a PIE that has an interpreter (ELF_ET_DYN_BASE,
 * 2/3 of TASK_SIZE, page-aligned), so the addresses students see look like
 * the ones gdb shows on Linux. (Linux itself, since 4.13, puts an ET_DYN
 * without PT_INTERP, such as ld.so run directly or a static-pie, where
 * mmap would; one fixed spot is simpler to teach.) ET_DYN with PT_INTERP
 * is an ordinary dynamically linked program, and is refused.
 *
 * Layout rules, and the evidence for them. Running readelf -lW on static
 * "hello world" programs built on Debian 12 (binutils 2.40):
 *
 *   gcc -static -O2:        R 0x400000+0x518, R E 0x401000+0x77d01,
 *                           R 0x479000+0x26fbc, RW 0x4a06d8+0xb3c8 (TLS inside)
 *   musl-gcc -static -O2:   R 0x400000+0x190, R E 0x401000+0x1281,
 *                           R 0x403000+0x44, RW 0x404fc0+0x7f8
 *   gcc -static-pie -O2:    ET_DYN, R 0x0+0x8020, R E 0x9000+0x78d41,
 *                           R 0x82000+0x29254, RW 0xac518+0xb528, no INTERP
 *   -z noseparate-code, gold and lld: 2 to 4 segments, same picture
 *   (musl-gcc -static-pie gives a PT_INTERP, i.e. a dynamic program.)
 *
 * Segments are in ascending order. Two of them often share a page of the
 * FILE (in -z noseparate-code builds the RW segment's bytes start right
 * after the code's, in the same file page), but the linkers always move
 * the later one up by a page in MEMORY, so no virtual page holds bytes of
 * two segments. Only "ld -n" and "ld -N" pack segments tighter, and they
 * make a single RWX segment, refused anyway by W^X. So Interlude requires that
 * no page hold bytes of two segments: the loader can then give each page
 * exactly one owner and one protection, and W^X holds page by page. Each
 * PT_LOAD must also have p_filesz <= p_memsz, its file bytes inside the
 * file, p_vaddr == p_offset modulo 4096 when p_align >= 4096 (what lets
 * Linux map file pages directly; Interlude checks it for the same
 * portability, though it copies), p_align 0, 1 or a power of two, and lie
 * in [64 KiB, 0x7ffffffff000). A PT_LOAD with p_memsz 0 loads nothing and
 * is skipped.
 *
 * AT_PHDR. The C library finds PT_TLS through the program headers in
 * memory (aux vector AT_PHDR), so they must be loaded: like Linux, we look
 * for the PT_LOAD whose file bytes contain them and translate e_phoff to
 * an address; if none does (e.g. "ld -n" output), the file is refused. A
 * PT_PHDR, if present, must agree with that address.
 */
#include "proc/elf.h"

#include "lib/errno.h"
#include "lib/kprintf.h"

#include <stdarg.h>

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header is 56 bytes");

#define KERNEL_SPACE 0xffff800000000000ull /* start of the upper canonical half */
#define U(x) ((unsigned long long)(x))	   /* for %llx of a uint64_t */

/* Everything the checks share while one file is parsed. */
struct parser {
	const uint8_t *file;
	uint64_t size;
	char *err;
	size_t errlen;
	struct elf64_ehdr eh;
	struct elf_image *out;
	uint64_t first_page;		   /* ET_DYN: page_down(first p_vaddr); else 0 */
	uint64_t base;			   /* ET_DYN: ELF_DYN_BASE; else 0 */
	unsigned seg_ph[ELF_MAX_SEGMENTS]; /* program header number of out->seg[k] */
	int tls_ph, phdr_ph;		   /* program header numbers, -1 if none */
	struct elf64_phdr tls, phdr;
};

/* Returns x rounded down to its page. */
static uint64_t page_down(uint64_t x)
{
	return x & ~(PAGE_SIZE - 1);
}

/* Returns x rounded up to a page boundary (callers ensure no overflow). */
static uint64_t page_up(uint64_t x)
{
	return (x + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* Returns true if align is 0, 1 or a power of two, as the gABI demands. */
static bool align_ok(uint64_t align)
{
	return (align & (align - 1)) == 0;
}

/*
 * Returns true if [x, x + len) lies inside [start, start + size), without
 * computing any sum that could overflow. An empty range may sit at the end.
 */
static bool inside(uint64_t x, uint64_t len, uint64_t start, uint64_t size)
{
	return x >= start && x - start <= size && len <= size - (x - start);
}

/*
 * Writes the message into p->err and returns -ENOEXEC, so that a check can
 * end with "return fail(p, ...)".
 */
__attribute__((format(printf, 2, 3))) static int fail(struct parser *p, const char *fmt, ...)
{
	if (p->err && p->errlen) {
		va_list ap;
		va_start(ap, fmt);
		kvsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	return -ENOEXEC;
}

/* Returns the name of an e_machine value students may meet. */
static const char *machine_name(unsigned m)
{
	switch (m) {
	case 3: return "i386";
	case 8: return "MIPS";
	case 20: return "PowerPC";
	case 21: return "PowerPC64";
	case 40: return "ARM";
	case 62: return "x86-64";
	case 183: return "AArch64";
	case 243: return "RISC-V";
	default: return "unknown";
	}
}

/* Returns what an e_type value is, for the "not an executable" message. */
static const char *type_name(unsigned t)
{
	switch (t) {
	case 0: return "none";
	case ET_REL: return "relocatable: an object file (.o) that still needs linking";
	case ET_CORE: return "core dump";
	default: return "unknown";
	}
}

/* Returns the name of an OS ABI byte, for the message refusing it. */
static const char *osabi_name(unsigned a)
{
	switch (a) {
	case 2: return "NetBSD";
	case 6: return "Solaris";
	case 9: return "FreeBSD";
	case 12: return "OpenBSD";
	case 255: return "standalone";
	default: return "unknown";
	}
}

/*
 * Checks e_ident and the ELF header; on success p->eh holds the header and
 * the program header table is known to lie inside the file. Returns 0 or
 * -ENOEXEC.
 */
static int check_header(struct parser *p)
{
	const uint8_t *f = p->file;
	uint64_t size = p->size;

	if (size < 4)
		return fail(p, "not an ELF file (only %llu bytes)", U(size));
	if (f[0] == '#' && f[1] == '!')
		return fail(p, "not an ELF file (a #! script): Interlude runs ELF programs only");
	if (f[0] != ELF_MAGIC0 || f[1] != 'E' || f[2] != 'L' || f[3] != 'F')
		return fail(p, "not an ELF file (bad magic %02x %02x %02x %02x, not 7f 45 4c 46)",
			    f[0], f[1], f[2], f[3]);
	if (size < 16)
		return fail(
		    p, "truncated: the ELF identification needs 16 bytes but the file has %llu",
		    U(size));
	if (f[4] == 1)
		return fail(p, "32-bit ELF; Interlude runs 64-bit programs");
	if (f[4] != ELFCLASS64)
		return fail(p, "bad ELF class %u (1 is 32-bit, 2 is 64-bit)", f[4]);
	if (f[5] == 2)
		return fail(p, "big-endian ELF; x86-64 is little-endian");
	if (f[5] != ELFDATA2LSB)
		return fail(p, "bad ELF data encoding %u (1 is little-endian)", f[5]);
	if (f[6] != EV_CURRENT)
		return fail(p, "ELF identification version %u, not 1 (EV_CURRENT)", f[6]);
	if (f[7] != ELFOSABI_SYSV && f[7] != ELFOSABI_GNU)
		return fail(p, "ELF OS ABI %u (%s), not System V (0) or GNU/Linux (3)", f[7],
			    osabi_name(f[7]));
	if (size < sizeof p->eh)
		return fail(p, "truncated: the ELF header needs 64 bytes but the file has %llu",
			    U(size));

	struct elf64_ehdr *eh = &p->eh;
	__builtin_memcpy(eh, f, sizeof *eh);
	if (eh->e_machine != EM_X86_64)
		return fail(p, "ELF for machine %u (%s), not x86-64 (62)", eh->e_machine,
			    machine_name(eh->e_machine));
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return fail(p, "ELF type %u (%s), not an executable", eh->e_type,
			    type_name(eh->e_type));
	if (eh->e_version != EV_CURRENT)
		return fail(p, "e_version %u, not 1 (EV_CURRENT)", eh->e_version);
	if (eh->e_ehsize != sizeof(struct elf64_ehdr))
		return fail(p, "e_ehsize %u, not 64 (the size of an ELF64 header)", eh->e_ehsize);
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return fail(p, "e_phentsize %u, not 56 (the size of an ELF64 program header)",
			    eh->e_phentsize);
	if (eh->e_phnum == 0)
		return fail(p, "no program headers (e_phnum 0): nothing to load");
	if (eh->e_phnum == 0xffff)
		return fail(p, "e_phnum 0xffff (PN_XNUM, extended numbering) is not supported");
	if (eh->e_phnum > ELF_MAX_PHNUM)
		return fail(p, "%u program headers; Interlude reads at most %d", eh->e_phnum,
			    ELF_MAX_PHNUM);
	if (eh->e_phoff % 8)
		return fail(p, "program headers at byte %llu are not 8-byte aligned",
			    U(eh->e_phoff));
	uint64_t table = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);
	if (eh->e_phoff > size)
		return fail(p,
			    "truncated: program headers start at byte %llu but the file has %llu",
			    U(eh->e_phoff), U(size));
	if (table > size - eh->e_phoff)
		return fail(p, "truncated: program headers end at byte %llu but the file has %llu",
			    U(eh->e_phoff + table), U(size));
	return 0;
}

/* Copies program header i (checked to be inside the file) into *ph. */
static void read_phdr(const struct parser *p, unsigned i, struct elf64_phdr *ph)
{
	__builtin_memcpy(ph, p->file + p->eh.e_phoff + (uint64_t)i * sizeof *ph, sizeof *ph);
}

/*
 * Refuses a dynamically linked program, naming its interpreter (made
 * printable, cut to 63 bytes) the way "file" and readelf do. Returns 0 if
 * there is no PT_INTERP.
 */
static int check_interp(struct parser *p)
{
	struct elf64_phdr ph;
	char path[64];

	for (unsigned i = 0; i < p->eh.e_phnum; i++) {
		read_phdr(p, i, &ph);
		if (ph.p_type != PT_INTERP)
			continue;
		if (!inside(ph.p_offset, ph.p_filesz, 0, p->size))
			return fail(p, "dynamically linked (PT_INTERP, its path outside the file): "
				       "Interlude runs static programs");
		size_t n = 0;
		while (n < ph.p_filesz && n < sizeof path - 1 && p->file[ph.p_offset + n]) {
			uint8_t c = p->file[ph.p_offset + n];
			path[n++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
		}
		path[n] = '\0';
		return fail(p, "dynamically linked (PT_INTERP %s): Interlude runs static programs",
			    n ? path : "with an empty path");
	}
	return 0;
}

/*
 * Checks PT_LOAD program header i and appends it to out->seg (unless it
 * loads nothing). Returns 0 or -ENOEXEC.
 */
static int add_load(struct parser *p, unsigned i, const struct elf64_phdr *ph)
{
	struct elf_image *out = p->out;
	bool dyn = p->eh.e_type == ET_DYN;
	uint64_t v = ph->p_vaddr, memsz = ph->p_memsz;

	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return fail(p,
			    "segment %u is writable and executable (W^X); was it linked with "
			    "-N or -n?",
			    i);
	if (ph->p_filesz > memsz)
		return fail(p, "p_filesz > p_memsz in segment %u (0x%llx > 0x%llx)", i,
			    U(ph->p_filesz), U(memsz));
	if (!align_ok(ph->p_align))
		return fail(p, "segment %u has p_align 0x%llx, not a power of two", i,
			    U(ph->p_align));
	if (ph->p_align >= PAGE_SIZE && (v - ph->p_offset) % PAGE_SIZE)
		return fail(p,
			    "p_offset and p_vaddr disagree modulo the page size in segment %u "
			    "(0x%llx vs 0x%llx)",
			    i, U(ph->p_offset), U(v));
	if (ph->p_filesz > UINT64_MAX - ph->p_offset)
		return fail(p, "segment %u: p_offset 0x%llx + p_filesz 0x%llx overflows", i,
			    U(ph->p_offset), U(ph->p_filesz));
	if (ph->p_offset + ph->p_filesz > p->size)
		return fail(p,
			    "truncated: segment %u needs file bytes up to %llu but the file has "
			    "%llu",
			    i, U(ph->p_offset + ph->p_filesz), U(p->size));
	if (memsz > UINT64_MAX - v)
		return fail(p,
			    "segment %u: p_vaddr 0x%llx + p_memsz 0x%llx wraps around the "
			    "address space",
			    i, U(v), U(memsz));
	if (memsz == 0)
		return 0;

	unsigned k = out->nseg;
	if (k == ELF_MAX_SEGMENTS)
		return fail(p, "more than %d PT_LOAD segments; Interlude loads at most %d",
			    ELF_MAX_SEGMENTS, ELF_MAX_SEGMENTS);
	if (k == 0 && dyn) {
		p->first_page = page_down(v);
		p->base = ELF_DYN_BASE;
		out->load_bias = ELF_DYN_BASE - p->first_page; /* mod 2^64: a translation */
	}
	uint64_t prev_v = k ? out->seg[k - 1].vaddr - out->load_bias : 0;
	if (k && v < prev_v)
		return fail(p,
			    "segment %u (p_vaddr 0x%llx) comes after segment %u (p_vaddr "
			    "0x%llx): PT_LOAD segments must be in ascending order",
			    i, U(v), p->seg_ph[k - 1], U(prev_v));

	/* v >= first_page here, so rel is the distance from the image's first page. */
	uint64_t rel = v - p->first_page, room = TASK_SIZE - p->base;
	if (rel > room || memsz > room - rel) {
		if (dyn)
			return fail(p,
				    "segment %u [0x%llx, 0x%llx) + load bias 0x%llx reaches past "
				    "the top of user space (0x%llx)",
				    i, U(v), U(v + memsz), U(out->load_bias), U(TASK_SIZE));
		if (v + memsz > KERNEL_SPACE)
			return fail(p, "segment %u [0x%llx, 0x%llx) reaches kernel space (0x%llx)",
				    i, U(v), U(v + memsz), U(KERNEL_SPACE));
		return fail(p,
			    "segment %u [0x%llx, 0x%llx) reaches past the top of user space "
			    "(0x%llx)",
			    i, U(v), U(v + memsz), U(TASK_SIZE));
	}
	uint64_t start = p->base + rel, end = start + memsz;
	if (start < MMAP_MIN_ADDR)
		return fail(p,
			    "segment %u starts below 64 KiB (0x%llx): address 0 must stay "
			    "unmapped",
			    i, U(start));
	if (k) {
		const struct elf_segment *q = &out->seg[k - 1];
		uint64_t qend = q->vaddr + q->memsz;
		if (start < qend)
			return fail(p,
				    "segment %u [0x%llx, 0x%llx) overlaps segment %u [0x%llx, "
				    "0x%llx)",
				    i, U(start), U(end), p->seg_ph[k - 1], U(q->vaddr), U(qend));
		if (page_down(start) < page_up(qend))
			return fail(p,
				    "segment %u [0x%llx, 0x%llx) shares the page at 0x%llx with "
				    "segment %u [0x%llx, 0x%llx): a page must belong to one "
				    "segment",
				    i, U(start), U(end), U(page_down(start)), p->seg_ph[k - 1],
				    U(q->vaddr), U(qend));
	}

	struct elf_segment *s = &out->seg[k];
	s->vaddr = start;
	s->memsz = memsz;
	s->offset = ph->p_offset;
	s->filesz = ph->p_filesz;
	s->prot = (ph->p_flags & PF_R ? ELF_PROT_READ : 0) |
		  (ph->p_flags & PF_W ? ELF_PROT_WRITE : 0) |
		  (ph->p_flags & PF_X ? ELF_PROT_EXEC : 0);
	p->seg_ph[k] = i;
	out->nseg = k + 1;
	return 0;
}

/*
 * Returns the index in out->seg of the segment whose memory contains the
 * range [v, v + len), given as the file states it (before the load bias),
 * or -1. With exec, only executable segments count.
 */
static int find_segment(const struct parser *p, uint64_t v, uint64_t len, bool exec)
{
	const struct elf_image *out = p->out;
	for (unsigned k = 0; k < out->nseg; k++) {
		const struct elf_segment *s = &out->seg[k];
		if (exec && !(s->prot & ELF_PROT_EXEC))
			continue;
		if (inside(v, len, s->vaddr - out->load_bias, s->memsz))
			return (int)k;
	}
	return -1;
}

/*
 * Checks what points into the segments: the entry point, the program
 * headers (AT_PHDR) and PT_PHDR, the TLS template. Returns 0 or -ENOEXEC.
 */
static int check_pointers(struct parser *p)
{
	struct elf_image *out = p->out;
	const struct elf64_ehdr *eh = &p->eh;
	uint64_t bias = out->load_bias;

	if (eh->e_type == ET_DYN && eh->e_entry == 0)
		return fail(p, "ET_DYN with entry point 0: a shared library, not a program");
	int k = find_segment(p, eh->e_entry, 1, true);
	if (k < 0)
		return fail(p, "entry point 0x%llx is not in an executable segment",
			    U(eh->e_entry + bias));
	out->entry = eh->e_entry + bias;

	/* Like Linux: the first PT_LOAD whose file bytes hold the table. */
	uint64_t table = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);
	bool found = false;
	for (unsigned j = 0; j < out->nseg && !found; j++) {
		const struct elf_segment *s = &out->seg[j];
		if (inside(eh->e_phoff, table, s->offset, s->filesz)) {
			out->phdr_vaddr = s->vaddr + (eh->e_phoff - s->offset);
			found = true;
		}
	}
	if (!found)
		return fail(p,
			    "the program headers (file bytes %llu to %llu) are in no PT_LOAD "
			    "segment, so the program could not find them (AT_PHDR)",
			    U(eh->e_phoff), U(eh->e_phoff + table));
	if (p->phdr_ph >= 0) {
		if (p->phdr.p_offset != eh->e_phoff || p->phdr.p_filesz < table)
			return fail(p,
				    "PT_PHDR (segment %d) covers file bytes [%llu, +%llu) but the "
				    "program headers are at [%llu, +%llu)",
				    p->phdr_ph, U(p->phdr.p_offset), U(p->phdr.p_filesz),
				    U(eh->e_phoff), U(table));
		if (p->phdr.p_vaddr + bias != out->phdr_vaddr)
			return fail(p,
				    "PT_PHDR (segment %d) says the program headers are at 0x%llx "
				    "but the PT_LOAD holding them puts them at 0x%llx",
				    p->phdr_ph, U(p->phdr.p_vaddr + bias), U(out->phdr_vaddr));
	}

	if (p->tls_ph >= 0) {
		const struct elf64_phdr *t = &p->tls;
		if (t->p_filesz > t->p_memsz)
			return fail(p, "p_filesz > p_memsz in PT_TLS (segment %d: 0x%llx > 0x%llx)",
				    p->tls_ph, U(t->p_filesz), U(t->p_memsz));
		if (!align_ok(t->p_align))
			return fail(p, "PT_TLS (segment %d) has p_align 0x%llx, not a power of two",
				    p->tls_ph, U(t->p_align));
		if (find_segment(p, t->p_vaddr, t->p_filesz, false) < 0)
			return fail(p,
				    "PT_TLS (segment %d) template [0x%llx, +0x%llx) is in no "
				    "PT_LOAD segment",
				    p->tls_ph, U(t->p_vaddr + bias), U(t->p_filesz));
		out->has_tls = true;
		out->tls_vaddr = t->p_vaddr + bias;
		out->tls_filesz = t->p_filesz;
		out->tls_memsz = t->p_memsz;
		out->tls_align = t->p_align ? t->p_align : 1;
	}
	return 0;
}

/* Walks the program headers (see the top of the file). Returns 0 or -ENOEXEC. */
static int parse(struct parser *p)
{
	struct elf_image *out = p->out;
	struct elf64_phdr ph;
	int rc;

	if ((rc = check_header(p)) || (rc = check_interp(p)))
		return rc;
	for (unsigned i = 0; i < p->eh.e_phnum; i++) {
		read_phdr(p, i, &ph);
		switch (ph.p_type) {
		case PT_LOAD:
			if ((rc = add_load(p, i, &ph)))
				return rc;
			break;
		case PT_PHDR:
		case PT_TLS: {
			bool tls = ph.p_type == PT_TLS;
			int *seen = tls ? &p->tls_ph : &p->phdr_ph;
			if (*seen >= 0)
				return fail(p, "two %s program headers (segments %d and %u)",
					    tls ? "PT_TLS" : "PT_PHDR", *seen, i);
			*seen = (int)i;
			if (tls)
				p->tls = ph;
			else
				p->phdr = ph;
			break;
		}
		case PT_GNU_STACK: out->exec_stack = ph.p_flags & PF_X; break; /* last wins */
		default: break; /* PT_NOTE, PT_DYNAMIC, PT_GNU_RELRO...: nothing to load */
		}
	}
	if (out->nseg == 0)
		return fail(p, "no PT_LOAD segment with p_memsz > 0: nothing to load");
	if ((rc = check_pointers(p)))
		return rc;

	const struct elf_segment *last = &out->seg[out->nseg - 1];
	out->phent = sizeof(struct elf64_phdr);
	out->phnum = p->eh.e_phnum;
	out->lowest = page_down(out->seg[0].vaddr);
	out->highest = page_up(last->vaddr + last->memsz);
	out->brk_start = out->highest;
	return 0;
}

int elf_parse(const void *image, size_t size, struct elf_image *out, char *err, size_t errlen)
{
	struct parser p = {
	    .file = image,
	    .size = size,
	    .err = err,
	    .errlen = errlen,
	    .out = out,
	    .tls_ph = -1,
	    .phdr_ph = -1,
	};

	__builtin_memset(out, 0, sizeof *out);
	if (err && errlen)
		err[0] = '\0';
	int rc = image ? parse(&p) : fail(&p, "no file (NULL pointer)");
	if (rc)
		__builtin_memset(out, 0, sizeof *out);
	return rc;
}
