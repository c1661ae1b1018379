/*
 * isr.S - entry points for the 32 CPU exceptions, the 16 device
 * interrupts the PIC sends (vectors 32-47, pic.h), the local APIC's timer
 * (vector 48) and its spurious interrupt (255, lapic.h).
 *
 * The CPU pushes ss, rsp, rflags, cs, rip and, for some exceptions, an
 * error code. Each entry point below pushes a 0 error code where the CPU does not,
 * then the vector number, and jumps to the common path, which saves every
 * general register so that the stack holds a struct trap_frame (trap.h)
 * and calls trap_dispatch(frame). If that returns, the registers are
 * restored and iretq resumes the interrupted code.
 */
#include "arch/x86_64/cpu_bits.h"
#include "arch/x86_64/trap_frame_asm.h"

        .text

.macro ISR_NOERR vector
        .global isr\vector
isr\vector:
        pushq $0
        pushq $\vector
        jmp isr_common
.endm

.macro ISR_ERR vector
        .global isr\vector
isr\vector:
        pushq $\vector
        jmp isr_common
.endm

ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31
        /* Device interrupts (IRQ 0-15) push no error code either. */
        .irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48
        ISR_NOERR \v
        .endr

        /* The APIC's spurious interrupt: an interrupt withdrawn before
         * the CPU took it. Nothing is in service, so no EOI: just return. */
        .global isr_spurious
isr_spurious:
        iretq

isr_common:
        PUSH_GPRS
        cld
        /* An exception keeps RFLAGS.AC: a user program that set it (popf)
         * would run the handler with SMAP's checks off. Clear it, as the
         * syscall path does through SFMASK; iretq restores the saved flags
         * (AC set again inside a copy_*_user that faulted). */
        pushfq
        andq $~RFLAGS_AC, (%rsp)
        popfq
        movq %rsp, %rdi
        call trap_dispatch
        POP_GPRS
        addq $16, %rsp                  /* vector and error code */
        iretq

        /* The table idt.c reads to fill the IDT. */
        .section .rodata
        .balign 8
        .global isr_stubs
isr_stubs:
        .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48
        .quad isr\v
        .endr
