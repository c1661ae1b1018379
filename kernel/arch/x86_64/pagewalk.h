/*
 * pagewalk.h - asking the page tables whether an address is mapped.
 *
 * Used where the kernel must read memory it cannot trust (a frame-pointer
 * chain in a crashed stack) without faulting again.
 */
#ifndef ARCH_X86_64_PAGEWALK_H
#define ARCH_X86_64_PAGEWALK_H

#include <stdbool.h>
#include <stdint.h>

/* Returns true if va is mapped (present) in the current address space. */
bool pagewalk_is_mapped(uint64_t va);

#endif
