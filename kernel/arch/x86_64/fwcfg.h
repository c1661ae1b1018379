/*
 * fwcfg.h - QEMU's firmware configuration device (fw_cfg).
 *
 * QEMU can hand the guest named blobs: `-fw_cfg name=opt/NAME,string=...`.
 * Interlude reads one, "opt/interlude/cmdline": when present it replaces
 * the command line GRUB gave, so the test harness can boot one ISO with
 * several command lines (say, one self-test suite at -m 16M and another at
 * -m 8G) without building an ISO for each.
 */
#ifndef ARCH_X86_64_FWCFG_H
#define ARCH_X86_64_FWCFG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Copies the fw_cfg file `name` into buf (NUL-terminated, cut to fit) and
 * returns true; false if there is no fw_cfg device or no such file.
 */
bool fwcfg_read_file(const char *name, char *buf, size_t size);

#endif
