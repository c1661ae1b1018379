/*
 * pit.h - the 8253/8254 programmable interval timer, used only as a
 * known clock to measure the others against (the TSC, the local APIC
 * timer): its input runs at 1193182 Hz on every PC.
 */
#ifndef ARCH_X86_64_PIT_H
#define ARCH_X86_64_PIT_H

#include <stdint.h>

#define PIT_HZ 1193182u

/*
 * Starts channel 2 counting down from `count` input ticks (at most 65535,
 * about 54.9 ms; then it wraps to 65535 again). Channel 2 is the one the
 * kernel can read back without an interrupt; the speaker stays off.
 */
void pit_start_countdown(uint16_t count);
/* Returns channel 2's current count (latched, so both bytes match). */
uint16_t pit_read_count(void);

#endif
