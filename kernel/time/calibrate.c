/*
 * calibrate.c - how fast the TSC and the local APIC timer run.
 *
 * Theory of operation. Neither rate is architectural. Recent Intel CPUs
 * state the TSC's in CPUID leaf 0x15 (a ratio to the crystal clock, whose
 * frequency ecx gives when nonzero) or, less exactly, leaf 0x16 (the base
 * frequency in MHz); when they say nothing (QEMU's TCG CPUs), the TSC is
 * measured like the APIC timer: both count while the PIT, whose input is
 * 1193182 Hz on every PC, counts down CALIBRATE_PIT_TICKS (5 ms), and the
 * ratio of the counts gives the frequency. The TSC is measured even when
 * CPUID states a rate, and a stated rate more than 10% off is ignored.
 *
 * Under QEMU on a busy host the emulated CPU may stop for milliseconds at
 * any instruction, so the three counters are read back to back at the
 * start and the end of the window (take_sample keeps the tightest of a
 * few readings), never "poll until the PIT is done, then read the TSC".
 * A pause during the window then costs nothing: all three counters keep
 * running from the host's clock. The window is measured three times and
 * the median kept, against the rare pause that lasts a whole PIT wrap.
 */
#include "time/calibrate.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/pit.h"

#define CALIBRATE_PIT_TICKS 5966 /* 5 ms of the PIT's input */
#define SAMPLE_TRIES 4

uint64_t time_hz_from_cpuid15(uint32_t eax, uint32_t ebx, uint32_t ecx)
{
	if (!eax || !ebx || !ecx)
		return 0;
	return (uint64_t)ecx * ebx / eax;
}

uint64_t time_hz_from_pit(uint64_t delta, uint32_t pit_ticks)
{
	if (!pit_ticks)
		return 0;
	/* 64 bits hold delta * PIT_HZ for any counter below 10^13 Hz over a
	 * 55 ms window; beyond that, divide first. */
	if (delta > UINT64_MAX / PIT_HZ)
		return delta / pit_ticks * PIT_HZ;
	return delta * PIT_HZ / pit_ticks;
}

/* One reading of the three counters taken close together in time. */
struct sample {
	uint64_t tsc;
	uint32_t apic;
	uint16_t pit;
};

/*
 * Reads the PIT, the APIC timer and the TSC SAMPLE_TRIES times and keeps
 * the reading whose rdtsc bracket was shortest: a host that descheduled
 * the emulator in the middle of one reading makes that reading's bracket
 * long, not the kept one's.
 */
static struct sample take_sample(void)
{
	struct sample best = {0, 0, 0};
	uint64_t best_width = UINT64_MAX;
	for (int i = 0; i < SAMPLE_TRIES; i++) {
		uint64_t t0 = rdtsc();
		uint16_t pit = pit_read_count();
		uint32_t apic = lapic_timer_count();
		uint64_t t1 = rdtsc();
		if (t1 - t0 < best_width) {
			best_width = t1 - t0;
			best = (struct sample){t0 + (t1 - t0) / 2, apic, pit};
		}
	}
	return best;
}

/* Measures the TSC's and the APIC timer's rates over one PIT window. */
static void measure_once(uint64_t *tsc_hz, uint64_t *lapic_hz)
{
	lapic_timer_start_free();
	pit_start_countdown(0xffff);
	struct sample a = take_sample(), b;
	do
		b = take_sample();
	while ((uint16_t)(a.pit - b.pit) < CALIBRATE_PIT_TICKS);
	lapic_timer_stop();
	uint32_t pit_ticks = (uint16_t)(a.pit - b.pit);
	*tsc_hz = time_hz_from_pit(b.tsc - a.tsc, pit_ticks);
	*lapic_hz = time_hz_from_pit(a.apic - b.apic, pit_ticks);
}

/* Returns the median of three values. */
static uint64_t median3(uint64_t x, uint64_t y, uint64_t z)
{
	if ((x <= y && y <= z) || (z <= y && y <= x))
		return y;
	if ((y <= x && x <= z) || (z <= x && x <= y))
		return x;
	return z;
}

void time_calibrate(struct time_calibration *c)
{
	uint64_t tsc[3], apic[3];
	for (int i = 0; i < 3; i++)
		measure_once(&tsc[i], &apic[i]);
	uint64_t measured = median3(tsc[0], tsc[1], tsc[2]);
	c->lapic_hz = median3(apic[0], apic[1], apic[2]);

	uint32_t a, b, cx, d, max;
	cpuid(0, 0, &max, &b, &cx, &d);
	c->tsc_hz = 0;
	if (max >= 0x15) {
		cpuid(0x15, 0, &a, &b, &cx, &d);
		c->tsc_hz = time_hz_from_cpuid15(a, b, cx);
		c->tsc_method = "CPUID 0x15";
	}
	if (!c->tsc_hz && max >= 0x16) {
		cpuid(0x16, 0, &a, &b, &cx, &d);
		c->tsc_hz = (uint64_t)(a & 0xffff) * 1000000;
		c->tsc_method = "CPUID 0x16";
	}
	/* A stated frequency more than 10% off the measured one is not the
	 * TSC's (an emulator's made-up base frequency): trust the PIT. */
	if (!c->tsc_hz || c->tsc_hz > measured + measured / 10 ||
	    c->tsc_hz < measured - measured / 10) {
		c->tsc_hz = measured;
		c->tsc_method = "PIT";
	}
}
