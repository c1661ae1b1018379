/*
 * lapic.c - the local APIC (Intel SDM vol. 3, chapter 11).
 *
 * Theory of operation. Every x86-64 CPU has a local APIC: it accepts
 * interrupts for this CPU (from the PIC through its LINT0 pin, from its
 * own timer, from other CPUs) and delivers them by priority. Its
 * registers are reached one of two ways:
 *
 *   xAPIC   a 4 KiB page of registers at the physical address in the
 *           IA32_APIC_BASE MSR (0xfee00000 after reset). The caller
 *           (time/timer.c) maps it once at LAPIC_MMIO_VA, writable, not
 *           executable and uncached: a cached read could return an old
 *           count.
 *   x2APIC  the same registers as MSRs 0x800 + offset / 16, when CPUID
 *           says so; no mapping at all.
 *
 * The firmware leaves LINT0 in "ExtINT" (virtual-wire) mode, which is how
 * the 8259 PIC's interrupts (the serial port's) reach the CPU; this file
 * never touches LINT0 or LINT1. It programs only the spurious-vector
 * register (software enable), the task priority (accept everything) and
 * the timer: a 32-bit down-counter clocked by the bus clock divided by a
 * configurable divisor, which raises its vector when it reaches zero and,
 * in periodic mode, reloads itself. Its frequency is not architectural:
 * timer.c measures it against the PIT.
 */
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/cpu.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_ENABLE CPU_BIT(11)
#define APIC_BASE_X2APIC CPU_BIT(10)
#define APIC_BASE_ADDR 0x000ffffffffff000ull
#define MSR_X2APIC_FIRST 0x800

/* Register offsets in the xAPIC page. */
#define REG_TPR 0x80
#define REG_EOI 0xb0
#define REG_SVR 0xf0
#define REG_LVT_TIMER 0x320
#define REG_TIMER_INITIAL 0x380
#define REG_TIMER_CURRENT 0x390
#define REG_TIMER_DIVIDE 0x3e0

#define SVR_ENABLE (1u << 8)
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define DIVIDE_BY_16 0x3

static volatile uint32_t *mmio;
static bool x2apic;

/* Returns the value of the register at offset reg. */
static uint32_t lapic_read(unsigned reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(MSR_X2APIC_FIRST + reg / 16);
	return mmio[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t v)
{
	if (x2apic)
		wrmsr(MSR_X2APIC_FIRST + reg / 16, v);
	else
		mmio[reg / 4] = v;
}

bool lapic_present(bool *x2)
{
	uint32_t a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	*x2 = c & (1u << 21);
	return d & (1u << 9);
}

uint64_t lapic_phys_base(void)
{
	return rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR;
}

void lapic_init(volatile void *regs)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	x2apic = !regs;
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	if (x2apic)
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE | APIC_BASE_X2APIC);
	else
		mmio = regs;
	lapic_write(REG_TPR, 0);
	lapic_write(REG_SVR, SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	lapic_timer_stop();
}

const char *lapic_mode(void)
{
	return x2apic ? "x2APIC" : "xAPIC";
}

void lapic_timer_start_free(void)
{
	lapic_write(REG_TIMER_DIVIDE, DIVIDE_BY_16);
	lapic_write(REG_LVT_TIMER, LVT_MASKED | LAPIC_TIMER_VECTOR);
	lapic_write(REG_TIMER_INITIAL, 0xffffffffu);
}

uint32_t lapic_timer_count(void)
{
	return lapic_read(REG_TIMER_CURRENT);
}

void lapic_timer_start_periodic(uint32_t count)
{
	lapic_write(REG_TIMER_DIVIDE, DIVIDE_BY_16);
	lapic_write(REG_LVT_TIMER, LVT_PERIODIC | LAPIC_TIMER_VECTOR);
	lapic_write(REG_TIMER_INITIAL, count);
}

void lapic_timer_stop(void)
{
	lapic_write(REG_LVT_TIMER, LVT_MASKED | LAPIC_TIMER_VECTOR);
	lapic_write(REG_TIMER_INITIAL, 0);
}

void lapic_eoi(void)
{
	lapic_write(REG_EOI, 0);
}
