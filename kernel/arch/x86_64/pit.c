/*
 * pit.c - a countdown on the PIT's channel 2 that the kernel reads back
 * (pit.h).
 *
 * Port 0x61 (the PC's "system control port B") holds channel 2's gate in
 * bit 0 and the speaker enable in bit 1. In mode 0 ("interrupt on
 * terminal count") the channel counts down from the loaded value once its
 * gate is open. A "latch" command freezes a copy of the count so that its
 * two bytes, read one after the other, belong together. Reading the count
 * (rather than waiting for the output to go high) lets a caller see where
 * the countdown is at a moment it chooses, which matters under an
 * emulator on a busy host: a poll loop may be descheduled for
 * milliseconds and see the end long after it happened. Channel 0 (IRQ 0)
 * is never programmed: the local APIC timer gives the kernel its ticks.
 */
#include "arch/x86_64/pit.h"
#include "arch/x86_64/cpu.h"

#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
/* Channel 2, low byte then high byte, mode 0, binary. */
#define PIT_CMD_CH2_MODE0 0xb0
#define PIT_CMD_CH2_LATCH 0x80

/* Loads the count with the gate closed, then opens it: counting starts. */
void pit_start_countdown(uint16_t count)
{
	uint8_t b = inb(PORT_B) & (uint8_t) ~(PORT_B_GATE2 | PORT_B_SPEAKER);
	outb(PORT_B, b);
	outb(PIT_COMMAND, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2_DATA, (uint8_t)count);
	outb(PIT_CH2_DATA, (uint8_t)(count >> 8));
	outb(PORT_B, b | PORT_B_GATE2);
}

uint16_t pit_read_count(void)
{
	outb(PIT_COMMAND, PIT_CMD_CH2_LATCH);
	uint8_t lo = inb(PIT_CH2_DATA);
	uint8_t hi = inb(PIT_CH2_DATA);
	return (uint16_t)(lo | hi << 8);
}
