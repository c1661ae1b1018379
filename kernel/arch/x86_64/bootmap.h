/*
 * bootmap.h - the page tables boot/entry32.S built.
 *
 * They identity-map the first GiB so the 32-bit boot code could turn on
 * paging under its own feet. Once the kernel runs in the higher half that
 * mapping is only a liability (a NULL pointer would point at real memory),
 * so the kernel drops it first thing.
 */
#ifndef ARCH_X86_64_BOOTMAP_H
#define ARCH_X86_64_BOOTMAP_H

/* Removes the identity map of low memory from the boot page tables. */
void bootmap_remove_identity(void);

#endif
