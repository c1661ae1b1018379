/*
 * multiboot2.h - reading the boot information a multiboot2 loader (GRUB)
 * hands to the kernel.
 *
 * The loader leaves a structure in memory and its physical address in EBX
 * (EAX holds MB2_BOOTLOADER_MAGIC). The structure (multiboot2 spec, 3.6)
 * is a fixed part, u32 total_size and u32 reserved, followed by tags. Each
 * tag starts on an 8-byte boundary with u32 type and u32 size (the size
 * does not count the padding after the tag); a tag of type 0 and size 8
 * ends the list.
 *
 * mb2_parse() checks everything it reads, so a damaged structure yields
 * warnings in boot_info.problems rather than a crash or a read outside
 * the bytes it was allowed to look at. It is pure code, also tested on
 * the host.
 */
#ifndef BOOT_MULTIBOOT2_H
#define BOOT_MULTIBOOT2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/kprintf.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289

#define MB2_MAX_MMAP 64
#define MB2_MAX_MODULES 64
#define MB2_MAX_PROBLEMS 8
#define MB2_PROBLEM_LEN 100

/* Tag types (spec 3.6); the parser reads these and skips the others. */
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_BOOTLOADER 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_BASIC_MEMINFO 4
#define MB2_TAG_MMAP 6

/* Memory map entry types. Any other value is to be treated as reserved. */
enum mb2_mem_type {
	MB2_MEM_AVAILABLE = 1,
	MB2_MEM_RESERVED = 2,
	MB2_MEM_ACPI_RECLAIMABLE = 3,
	MB2_MEM_NVS = 4,
	MB2_MEM_BAD = 5,
};

/* One memory map entry, as the loader gave it: [base, base + length). */
struct mb2_mmap_entry {
	uint64_t base, length;
	uint32_t type;
};

/* One module (e.g. an initrd): physical [start, end) and its string. */
struct mb2_module {
	uint64_t start, end;
	const char *string;
};

/*
 * What mb2_parse() found. The strings point into the information structure
 * itself, so they stay valid only as long as that memory stays mapped and
 * untouched; copy them before reusing it.
 */
struct boot_info {
	uint32_t total_size;	/* of the information structure, as it claimed */
	const char *cmdline;	/* "" if the loader gave none */
	const char *bootloader; /* "" if none */
	bool has_basic_meminfo;
	uint32_t mem_lower_kib, mem_upper_kib;
	struct mb2_mmap_entry mmap[MB2_MAX_MMAP];
	unsigned mmap_count;
	struct mb2_module modules[MB2_MAX_MODULES];
	unsigned module_count;
	char problems[MB2_MAX_PROBLEMS][MB2_PROBLEM_LEN]; /* human-readable warnings */
	unsigned problem_count;
	unsigned problems_dropped; /* warnings that did not fit in problems[] */
	bool has_end_tag;	   /* the tag list was properly terminated */
};

/*
 * Parses the multiboot2 information at `info` (a kernel-virtual pointer),
 * of which at most `available` bytes may be read. Returns true if the
 * structure was usable (a memory map with at least one entry was found),
 * false otherwise; problems[] says what was wrong either way. Never reads
 * past min(total_size, available) bytes from info.
 */
bool mb2_parse(const void *info, size_t available, struct boot_info *out);

/* Records a warning in bi->problems; once the array is full, only counts it
 * (mb2_parse and pvh_parse share it). */
__attribute__((format(printf, 2, 3))) void boot_problem(struct boot_info *bi, const char *fmt, ...);

/*
 * Prints the boot information (loader, command line, memory map with types
 * in words and sizes, totals of available RAM, modules, problems) with
 * kprintf.
 */
void mb2_print(const struct boot_info *bi);

/* As mb2_print, but hands the text to sink (so tests can capture it). */
void mb2_write(const struct boot_info *bi, kprintf_sink sink, void *ctx);

/*
 * Returns "available", "reserved", "ACPI reclaimable", "ACPI NVS",
 * "bad RAM", or "unknown (N)" for any other type. The unknown text lives
 * in a small ring of static buffers: it stays valid across the next three
 * calls, so it is fine within one kprintf, but copy it to keep it longer.
 */
const char *mb2_mem_type_name(uint32_t type);

#endif
