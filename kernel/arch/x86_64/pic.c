/*
 * pic.c - the 8259A pair (master at ports 0x20/0x21, slave at 0xa0/0xa1,
 * cascaded on the master's IRQ 2).
 *
 * The BIOS leaves the master's IRQs on vectors 8-15, which are CPU
 * exceptions in protected mode (IRQ 0, the timer, would look like a double
 * fault), so pic_init moves them above 31 before interrupts are ever on,
 * and masks every line: a driver unmasks the one it waits for
 * (serial_wait_readable).
 */
#include "arch/x86_64/pic.h"
#include "arch/x86_64/cpu.h"

#define MASTER_CMD 0x20
#define MASTER_DATA 0x21
#define SLAVE_CMD 0xa0
#define SLAVE_DATA 0xa1
#define ICW1_INIT_ICW4 0x11 /* start initialisation, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_ISR 0x0b
#define CASCADE_IRQ 2

static uint16_t mask = 0xffff; /* bit n set: IRQ n masked */

static void write_masks(void)
{
	/* The slave reaches the CPU through the master's cascade line. */
	uint16_t m = mask;
	if ((m & 0xff00) != 0xff00)
		m &= (uint16_t) ~(1u << CASCADE_IRQ);
	outb(MASTER_DATA, (uint8_t)m);
	outb(SLAVE_DATA, (uint8_t)(m >> 8));
}

void pic_init(void)
{
	outb(MASTER_CMD, ICW1_INIT_ICW4);
	outb(SLAVE_CMD, ICW1_INIT_ICW4);
	outb(MASTER_DATA, PIC_VECTOR_BASE); /* ICW2: the first vector */
	outb(SLAVE_DATA, PIC_VECTOR_BASE + 8);
	outb(MASTER_DATA, 1u << CASCADE_IRQ); /* ICW3: the slave is on IRQ 2 */
	outb(SLAVE_DATA, CASCADE_IRQ);	      /* ICW3: the slave's cascade identity */
	outb(MASTER_DATA, ICW4_8086);
	outb(SLAVE_DATA, ICW4_8086);
	mask = 0xffff;
	write_masks();
}

void pic_unmask(unsigned irq)
{
	mask &= (uint16_t) ~(1u << irq);
	write_masks();
}

void pic_mask(unsigned irq)
{
	mask |= (uint16_t)(1u << irq);
	write_masks();
}

/* Returns the in-service register of the controller at cmd. */
static uint8_t in_service(uint16_t cmd)
{
	outb(cmd, OCW3_READ_ISR);
	return inb(cmd);
}

bool pic_end_of_interrupt(unsigned irq)
{
	if (irq == 7 && !(in_service(MASTER_CMD) & 0x80))
		return false;
	if (irq == 15 && !(in_service(SLAVE_CMD) & 0x80)) {
		outb(MASTER_CMD, OCW2_EOI); /* the master did see the cascade */
		return false;
	}
	if (irq >= 8)
		outb(SLAVE_CMD, OCW2_EOI);
	outb(MASTER_CMD, OCW2_EOI);
	return true;
}
