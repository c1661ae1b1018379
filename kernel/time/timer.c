/*
 * timer.c - the periodic tick and sleeping until a moment (timer.h).
 *
 * Theory of operation. timer_init measures the TSC and the local APIC
 * timer against the PIT (calibrate.c), reads the CMOS clock (rtc.c),
 * starts the clocks (clock.c), and sets the APIC timer to interrupt HZ
 * times a second. The kernel runs with interrupts off everywhere except
 * in user mode (user_enter and sysret restore IF set) and in idle waits
 * ("sti; hlt"), so a tick never interrupts kernel code: it arrives while
 * a program computes, or wakes a halted CPU. A tick that comes due while
 * the kernel runs stays pending in the APIC and is taken as soon as
 * interrupts are on again.
 *
 * Each tick counts itself, acknowledges the APIC (before anything else,
 * because the handler may switch to another process and not come back
 * here for a long time) and calls the handler the scheduler registered.
 *
 * time_sleep_until lets the scheduler put a process to sleep until the
 * next tick (timer_set_waiter), so that other processes run meanwhile;
 * the kernel's own waits, with no process, use "sti; hlt": sti takes effect only after
 * the next instruction, so an interrupt pending at the sti wakes the hlt
 * rather than being lost before it; the periodic tick wakes it at least
 * every 1/HZ seconds to look at the clock again.
 */
#include "time/timer.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/trap.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "mm/pagetable.h"
#include "time/calibrate.h"
#include "time/clock.h"
#include "time/rtc.h"

const char timer_channel;

static timer_tick_fn tick_handler;
static timer_wait_fn waiter;
static volatile uint64_t ticks;
static bool running; /* timer_init started the periodic interrupt */

void timer_set_tick_handler(timer_tick_fn fn)
{
	tick_handler = fn;
}

timer_tick_fn timer_tick_handler(void)
{
	return tick_handler;
}

uint64_t timer_ticks(void)
{
	return ticks;
}

void timer_interrupt(struct trap_frame *frame)
{
	ticks++;
	lapic_eoi();
	if (tick_handler)
		tick_handler(frame);
}

/* Reads the CMOS clock; returns the time in ns since 1970, 0 if unset. */
static uint64_t boot_realtime_ns(uint64_t *tsc_at)
{
	struct rtc_raw raw;
	struct rtc_time t;
	rtc_read_raw(&raw);
	*tsc_at = rdtsc();
	if (!rtc_decode(&raw, &t)) {
		kprintf("time: the CMOS clock holds no valid date; the wall clock starts at "
			"1970-01-01\n");
		return 0;
	}
	kprintf("time: CMOS clock %04d-%02d-%02d %02d:%02d:%02d UTC (%s, %s)\n", t.year, t.month,
		t.day, t.hour, t.minute, t.second, (raw.status_b & RTC_B_BINARY) ? "binary" : "BCD",
		(raw.status_b & RTC_B_24H) ? "24-hour" : "12-hour");
	return (uint64_t)rtc_to_unix(&t) * 1000000000ull;
}

static uint64_t calibration_began;

uint64_t timer_calibration_began(void)
{
	return calibration_began;
}

bool timer_init(void)
{
	bool x2apic;
	if (!lapic_present(&x2apic)) {
		kprintf("time: no local APIC: no timer interrupt, no clocks\n");
		return false;
	}
	/* xAPIC: its register page, writable, not executable, uncached. */
	if (!x2apic && vmm_map(vmm_kernel_space(), LAPIC_MMIO_VA, lapic_phys_base(), 1,
			       VM_READ | VM_WRITE | VM_UNCACHED) < 0) {
		kprintf("time: cannot map the local APIC: no timer interrupt, no clocks\n");
		return false;
	}
	lapic_init(x2apic ? NULL : (volatile void *)LAPIC_MMIO_VA);
	trap_set_timer_interrupt(timer_interrupt);
	struct time_calibration c;
	calibration_began = rdtsc();
	time_calibrate(&c);
	uint64_t tsc_at;
	uint64_t realtime = boot_realtime_ns(&tsc_at);
	clock_init(c.tsc_hz, realtime, tsc_at);
	uint64_t count = c.lapic_hz / HZ;
	if (count == 0 || count > 0xffffffffu) {
		kprintf("time: the APIC timer runs at %lu Hz: no count gives %d Hz\n", c.lapic_hz,
			HZ);
		return false;
	}
	kprintf("time: TSC %lu.%03lu MHz (%s), %s timer %lu.%03lu MHz / 16, %d Hz ticks\n",
		c.tsc_hz / 1000000, c.tsc_hz / 1000 % 1000, c.tsc_method, lapic_mode(),
		c.lapic_hz * 16 / 1000000, c.lapic_hz * 16 / 1000 % 1000, HZ);
	lapic_timer_start_periodic((uint32_t)count);
	running = true;
	return true;
}

void timer_set_waiter(timer_wait_fn fn)
{
	waiter = fn;
}

int time_sleep_until(uint64_t monotonic_ns)
{
	if (!running)
		return 0; /* no clock to wait on (said at boot) */
	while (clock_monotonic_ns() < monotonic_ns) {
		int r = waiter ? waiter() : 0;
		if (r < 0)
			return r;
		if (r == 0) /* no process to put to sleep: halt until an interrupt */
			__asm__ volatile("sti; hlt; cli" ::: "memory");
	}
	return 0;
}
