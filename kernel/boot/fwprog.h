/*
 * fwprog.h - a program handed to the kernel through QEMU's fw_cfg rather
 * than as a GRUB module.
 *
 * Building a boot ISO per program costs more than running most programs,
 * and make test runs hundreds of them. So the runner (tools/run-prog
 * --prog) boots one ISO that holds the kernel and the boot file system,
 * and gives the program as the fw_cfg file "opt/interlude/prog" and its
 * name as "opt/interlude/progname". Before the frame allocator starts,
 * fwprog_add_module copies the program into free RAM and lists it in
 * boot_info as one more module, so that from then on nothing can tell it
 * from one GRUB loaded: the frame allocator reserves it, and run_modules
 * runs it.
 */
#ifndef BOOT_FWPROG_H
#define BOOT_FWPROG_H

#include <stdint.h>

#include "boot/multiboot2.h"

/* A physical range the program must not overlap: [start, end). */
struct phys_range {
	uint64_t start, end;
};

/*
 * Returns the lowest page-aligned physical address at or above `floor`
 * where `size` bytes lie inside one available memory-map entry of bi,
 * end at or below `limit`, and overlap no module of bi and none of the
 * n ranges in busy; 0 if there is no such place. Pure: tested on the host.
 */
uint64_t fwprog_place(const struct boot_info *bi, const struct phys_range *busy, unsigned n,
		      uint64_t size, uint64_t floor, uint64_t limit);

/*
 * If fw_cfg holds "opt/interlude/prog", copies it into free RAM (avoiding
 * the kernel image and the boot information at [info_start, info_end)),
 * appends it to bi's modules and returns 1; 0 if there is none; -1 (said
 * in the log) if there is one but no room or no way to copy it.
 */
int fwprog_add_module(struct boot_info *bi, uint64_t info_start, uint64_t info_end);

#endif
