/*
 * calibrate.h - measuring the TSC's and the local APIC timer's
 * frequencies (calibrate.c), and the arithmetic behind it.
 */
#ifndef TIME_CALIBRATE_H
#define TIME_CALIBRATE_H

#include <stdint.h>

struct time_calibration {
	uint64_t tsc_hz;
	const char *tsc_method; /* "CPUID 0x15", "CPUID 0x16" or "PIT" */
	uint64_t lapic_hz;	/* the APIC timer's input divided by 16 */
};

/* Measures both frequencies (the APIC timer must be usable: lapic_init). */
void time_calibrate(struct time_calibration *c);

/*
 * Returns the TSC frequency CPUID leaf 0x15 gives (eax = denominator,
 * ebx = numerator of the TSC / crystal ratio, ecx = crystal Hz), or 0 if
 * a field is 0 (the leaf says nothing).
 */
uint64_t time_hz_from_cpuid15(uint32_t eax, uint32_t ebx, uint32_t ecx);

/* Returns the frequency of a counter that advanced `delta` while the PIT
 * counted `pit_ticks` of its 1193182 Hz input. */
uint64_t time_hz_from_pit(uint64_t delta, uint32_t pit_ticks);

#endif
