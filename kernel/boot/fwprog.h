/*
 * fwprog.h - a program handed to the kernel through QEMU's fw_cfg rather
 * than as a GRUB module.
 *
 * Building a boot ISO per program costs more than running most programs,
 * and make test runs hundreds of them; and GRUB reads a module through
 * the BIOS, which under emulation takes most of a second for the boot
 * file system's megabytes. So every run (mk/iso.mk) boots one ISO that
 * holds only the kernel, and QEMU hands over the program as the fw_cfg
 * file "opt/interlude/prog", its name as "opt/interlude/progname" and the
 * boot file system as "opt/interlude/rootfs". Before the frame allocator
 * starts, fwprog_add_modules copies them into free RAM and lists them in
 * boot_info as modules, so that from then on nothing can tell them from
 * modules GRUB loaded: the frame allocator reserves them, mount_boot_fs
 * reads the archive and run_modules runs the program.
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
 * Copies the fw_cfg files "opt/interlude/prog" (named by
 * "opt/interlude/progname") and "opt/interlude/rootfs" (the boot file
 * system's archive, module string "rootfs"), those that are there, into
 * free RAM, avoiding the kernel image and the boot information at
 * [info_start, info_end), and appends them to bi's modules. Returns how
 * many it added; -1 (said in the log) if one is there but there is no room
 * or no way to copy it.
 */
int fwprog_add_modules(struct boot_info *bi, uint64_t info_start, uint64_t info_end);

#endif
