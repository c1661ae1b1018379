/* idt.c - the interrupt descriptor table: one gate per CPU exception, per
 * PIC interrupt (vectors 32-47) and for the local APIC's timer (48) and
 * spurious (255) vectors. */
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/trap.h"

#include <stdbool.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, ring 0, 64-bit interrupt gate (IF cleared) */
#define GATE_USER 0x60	    /* DPL 3: user code may raise it with an int instruction */

extern const uint64_t isr_stubs[LAPIC_TIMER_VECTOR + 1];
extern char isr_spurious[];
static struct idt_gate idt[256];

static void set_gate(int vector, uint64_t handler, int ist, bool user)
{
	idt[vector] = (struct idt_gate){
	    .offset_low = handler & 0xffff,
	    .selector = GDT_KERNEL_CODE,
	    .ist = (uint8_t)ist,
	    .type_attr = (uint8_t)(GATE_INTERRUPT | (user ? GATE_USER : 0)),
	    .offset_mid = (handler >> 16) & 0xffff,
	    .offset_high = (uint32_t)(handler >> 32),
	};
}

/*
 * Installs the 32 exception gates and the interrupt gates, after moving
 * the PIC's interrupts there (pic_init); the double fault runs on its own stack.
 * Breakpoint (int3) and overflow (into) may be raised from user mode, as on
 * Linux, so that a program's int3 is a SIGTRAP and not a protection fault.
 */
void idt_init(void)
{
	for (int v = 0; v < 32; v++)
		set_gate(v, isr_stubs[v], v == TRAP_DOUBLE_FAULT ? IST_DOUBLE_FAULT : 0,
			 v == TRAP_BREAKPOINT || v == 4);
	pic_init();
	for (int v = PIC_VECTOR_BASE; v < PIC_VECTOR_BASE + PIC_IRQS; v++)
		set_gate(v, isr_stubs[v], 0, false);
	set_gate(LAPIC_TIMER_VECTOR, isr_stubs[LAPIC_TIMER_VECTOR], 0, false);
	set_gate(LAPIC_SPURIOUS_VECTOR, (uint64_t)isr_spurious, 0, false);
	struct idt_pointer p = {sizeof idt - 1, (uint64_t)idt};
	__asm__ volatile("lidt %0" : : "m"(p));
}
