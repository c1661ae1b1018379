/*
 * pic.h - the two 8259A interrupt controllers of a PC, which turn device
 * interrupt lines (IRQ 0-15) into CPU interrupt vectors.
 */
#ifndef ARCH_X86_64_PIC_H
#define ARCH_X86_64_PIC_H

#include <stdbool.h>

/* IRQ n arrives as vector PIC_VECTOR_BASE + n (just above the 32 CPU exceptions). */
#define PIC_VECTOR_BASE 32
#define PIC_IRQS 16

/* Moves the IRQs to vectors 32-47 and masks every line. */
void pic_init(void);
/* Lets IRQ irq through (pic_mask stops it again). */
void pic_unmask(unsigned irq);
void pic_mask(unsigned irq);
/*
 * Acknowledges IRQ irq so the controller can deliver the next one.
 * Returns false if it was spurious (IRQ 7 or 15 with nothing in service),
 * which must not be acknowledged.
 */
bool pic_end_of_interrupt(unsigned irq);

#endif
