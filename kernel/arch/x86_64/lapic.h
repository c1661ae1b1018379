/*
 * lapic.h - the CPU's local APIC: its timer, and the end-of-interrupt
 * register every interrupt it delivers must be acknowledged through.
 */
#ifndef ARCH_X86_64_LAPIC_H
#define ARCH_X86_64_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* The vectors the local APIC delivers (just above the PIC's 32-47). */
#define LAPIC_TIMER_VECTOR 48
#define LAPIC_SPURIOUS_VECTOR 255

/* Returns true if the CPU has a local APIC; *x2apic: in x2APIC form. */
bool lapic_present(bool *x2apic);
/* Returns the physical address of the xAPIC register page. */
uint64_t lapic_phys_base(void);
/*
 * Turns the local APIC on: through MSRs (x2APIC) if regs is NULL, else
 * through the xAPIC register page the caller mapped (uncached) at regs.
 * Leaves the PIC's virtual-wire line (LINT0) as the firmware set it, so
 * that the PIC's interrupts still arrive.
 */
void lapic_init(volatile void *regs);
/* Returns "x2APIC" or "xAPIC": how lapic_init reaches the registers. */
const char *lapic_mode(void);

/* Starts the timer counting down from 0xffffffff, masked, one shot, with
 * the input clock divided by 16; lapic_timer_count reads where it is. */
void lapic_timer_start_free(void);
uint32_t lapic_timer_count(void);
/* Starts the timer in periodic mode: an interrupt on LAPIC_TIMER_VECTOR
 * every `count` input ticks (divided by 16, as above). */
void lapic_timer_start_periodic(uint32_t count);
/* Stops the timer (count 0, masked). */
void lapic_timer_stop(void);

/* Acknowledges the interrupt in service (not for spurious ones). */
void lapic_eoi(void);

#endif
