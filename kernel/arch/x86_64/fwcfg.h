/*
 * fwcfg.h - QEMU's firmware configuration device (fw_cfg).
 *
 * QEMU can hand the guest named blobs: `-fw_cfg name=opt/NAME,string=...`.
 * Interlude reads two. "opt/interlude/cmdline": when present it replaces
 * the command line GRUB gave, so the test harness can boot one ISO with
 * several command lines (say, one self-test suite at -m 16M and another at
 * -m 8G) without building an ISO for each. "opt/interlude/run": the run
 * file (boot/runfile.h), the exact arguments, environment and terminal of
 * the program to run, which GRUB's module line cannot carry.
 * "opt/interlude/prog" and "opt/interlude/progname": a program and its name
 * (boot/fwprog.h), so that one ISO serves every run of make test.
 */
#ifndef ARCH_X86_64_FWCFG_H
#define ARCH_X86_64_FWCFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Copies the fw_cfg file `name` into buf (NUL-terminated, cut to fit) and
 * returns true; false if there is no fw_cfg device or no such file.
 */
bool fwcfg_read_file(const char *name, char *buf, size_t size);

/* Returns true and sets *size to the size of the fw_cfg file `name`; false if absent. */
bool fwcfg_file_size(const char *name, uint32_t *size);

/* Copies up to size bytes of the fw_cfg file `name` into buf, as they are;
 * returns the count copied (0 if there is no such file). */
size_t fwcfg_read_bytes(const char *name, void *buf, size_t size);

/*
 * Copies the fw_cfg file `name`, which must be exactly size bytes, to the
 * physical address dest_phys with the DMA interface; returns false if there
 * is no such file, its size differs, the device has no DMA, or QEMU reported
 * an error. The destination need not be mapped: QEMU writes guest
 * physical memory itself.
 */
bool fwcfg_dma_read(const char *name, uint64_t dest_phys, uint32_t size);

#endif
