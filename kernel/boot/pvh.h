/*
 * pvh.h - reading the start information of QEMU's direct boot (PVH).
 *
 * With -kernel, QEMU starts the kernel at its PVH entry point (boot/
 * pvh_note.S) with %ebx holding the physical address of a start_info
 * structure: a magic number, a version, and from version 1 on a memory
 * map (address, size, type per entry, the e820 map of the machine).
 * pvh_parse() turns it into the same struct boot_info that mb2_parse()
 * makes of GRUB's multiboot2 information, so nothing after it knows how
 * the kernel was started. Like mb2_parse() it checks everything it reads
 * and is pure code, tested on the host (kernel/boot/test/pvh_test.c).
 */
#ifndef BOOT_PVH_H
#define BOOT_PVH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/multiboot2.h"

#define PVH_START_MAGIC 0x336ec578 /* "xEn3" with the top bit of 0x3 set */

/* The start_info structure, version 1 (the fields QEMU fills). */
struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr; /* version >= 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
};

/* One entry of its memory map. */
struct pvh_memmap_entry {
	uint64_t addr, size;
	uint32_t type; /* 1 RAM, 2 reserved, 3 ACPI, 4 ACPI NVS, 5 unusable */
	uint32_t reserved;
};

#define PVH_CMDLINE_MAX 256

/*
 * Parses the start_info at physical address si_pa, reading physical memory
 * as the bytes phys[0, phys_size) and nothing outside them. Fills out as
 * mb2_parse() does (the command line is copied into cmdline_buf, which
 * must outlive out); returns true if it found a memory map with at least
 * one entry of RAM, false otherwise, with the reasons in out->problems.
 */
bool pvh_parse(const uint8_t *phys, uint64_t phys_size, uint64_t si_pa, struct boot_info *out,
	       char cmdline_buf[PVH_CMDLINE_MAX]);

#endif
