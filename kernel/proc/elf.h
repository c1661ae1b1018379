/*
 * elf.h - reading the ELF64 executable of a user program.
 *
 * elf_parse() checks a program file (untrusted bytes: it may come from a
 * student's build, a corrupted module, a fuzzer) and describes what to
 * load where. It maps nothing and allocates nothing: the kernel's loader
 * does that from the struct elf_image it fills, and may rely on every
 * promise listed under "What an accepted image guarantees" below.
 *
 * The on-disk structures are defined here (not taken from <elf.h>) so the
 * code builds freestanding; their layout is the System V ABI's, fixed by
 * the _Static_asserts in elf.c.
 */
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include "arch/x86_64/memlayout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- the file format (System V gABI, x86-64 psABI) ------------------------- */

#define ELF_MAGIC0 0x7f /* e_ident[0..3] = 0x7f 'E' 'L' 'F' */
#define ELFCLASS64 2	/* e_ident[4] */
#define ELFDATA2LSB 1	/* e_ident[5]: little-endian */
#define EV_CURRENT 1	/* e_ident[6] and e_version */
#define ELFOSABI_SYSV 0 /* e_ident[7] */
#define ELFOSABI_GNU 3

#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4
#define EM_X86_64 62

#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_TLS 7
#define PT_GNU_STACK 0x6474e551

#define PF_X 1
#define PF_W 2
#define PF_R 4

/* The ELF header, at byte 0 of the file (64 bytes). */
struct elf64_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff; /* file offset of the program header table */
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

/* One program header (56 bytes): a segment, or a note about the program. */
struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset; /* where its bytes are in the file */
	uint64_t p_vaddr;  /* where they go in memory */
	uint64_t p_paddr;
	uint64_t p_filesz; /* bytes taken from the file... */
	uint64_t p_memsz;  /* ...of this many in memory; the rest is zeroed (bss) */
	uint64_t p_align;
};

/* --- what Interlude accepts ---------------------------------------------------- */

#define ELF_MAX_SEGMENTS 16 /* PT_LOAD segments (real static programs have 2 to 4) */
#define ELF_MAX_PHNUM 64    /* program headers of any type (real ones: 6 to 12) */

/* Segments must lie in [MMAP_MIN_ADDR, TASK_SIZE): arch/x86_64/memlayout.h. */
#define ELF_DYN_BASE 0x555555554000ull /* where a static-pie is put (see elf.c) */

/* mmap-style protections (Linux's values). */
#define ELF_PROT_READ 1
#define ELF_PROT_WRITE 2
#define ELF_PROT_EXEC 4

/* One PT_LOAD segment, with the load bias already added to vaddr. */
struct elf_segment {
	uint64_t vaddr;	 /* where it starts in memory (need not be page-aligned) */
	uint64_t memsz;	 /* bytes in memory, > 0 */
	uint64_t offset; /* where its filesz bytes start in the file */
	uint64_t filesz; /* <= memsz; bytes [vaddr + filesz, vaddr + memsz) are zero */
	unsigned prot;	 /* ELF_PROT_* */
};

struct elf_image {
	uint64_t entry;	     /* where the program starts (load bias added) */
	uint64_t phdr_vaddr; /* the program headers in the loaded image, for AT_PHDR */
	uint16_t phent;	     /* for AT_PHENT: always 56 */
	uint16_t phnum;	     /* for AT_PHNUM */
	struct elf_segment seg[ELF_MAX_SEGMENTS];
	unsigned nseg;
	uint64_t load_bias;  /* 0 for ET_EXEC; ELF_DYN_BASE - first page for a static-pie */
	uint64_t lowest;     /* page-aligned start of the first segment */
	uint64_t highest;    /* page-aligned end of the last segment */
	uint64_t brk_start;  /* == highest: the heap starts on the page after the image */
	bool has_tls;	     /* PT_TLS: the thread-local storage template */
	uint64_t tls_vaddr;  /* its initialised part, [tls_vaddr, +tls_filesz), is */
	uint64_t tls_filesz; /* inside a segment; the libc copies it for each */
	uint64_t tls_memsz;  /* thread and zeroes the rest up to tls_memsz */
	uint64_t tls_align;  /* a power of two, >= 1 */
	bool exec_stack;     /* PT_GNU_STACK asked for an executable stack */
};

/*
 * What an accepted image guarantees (tests/fuzz/elf_fuzz.c checks each):
 *
 *  - 1 <= nseg <= ELF_MAX_SEGMENTS; every segment has memsz > 0,
 *    filesz <= memsz, offset + filesz <= size (no overflow), and lies in
 *    [MMAP_MIN_ADDR, TASK_SIZE), so vaddr + memsz does not overflow;
 *  - segments are in ascending order and no page holds bytes of two of
 *    them: page_up(seg[i-1] end) <= page_down(seg[i].vaddr). The loader
 *    may therefore give each page to exactly one segment, with that
 *    segment's prot. (Two segments may share a page of the FILE: copy
 *    bytes, do not map file pages.)
 *  - prot is a subset of READ|WRITE|EXEC and never WRITE|EXEC together;
 *  - lowest = page_down(seg[0].vaddr), highest = brk_start =
 *    page_up(seg[nseg-1].vaddr + memsz);
 *  - entry lies inside a segment with EXEC;
 *  - [phdr_vaddr, phdr_vaddr + phnum * phent) lies inside the file-backed
 *    bytes of one segment, and is where the program headers land;
 *  - if has_tls: [tls_vaddr, tls_vaddr + tls_filesz) lies inside one
 *    segment, tls_filesz <= tls_memsz, tls_align is a power of two;
 *  - load_bias is 0 for ET_EXEC and ELF_DYN_BASE - page_down(first
 *    p_vaddr) for ET_DYN, and was added to every address above.
 */

/*
 * Checks the ELF file image[0..size) and describes it in *out. Returns 0,
 * or -ENOEXEC with *out zeroed and a sentence naming the problem (with the
 * numbers involved) in err, which gets at most errlen bytes including the
 * NUL (err may be NULL if errlen is 0). Segments in messages are numbered
 * by program header, as in the "Section to Segment mapping" of readelf -l.
 */
int elf_parse(const void *image, size_t size, struct elf_image *out, char *err, size_t errlen);

#endif
