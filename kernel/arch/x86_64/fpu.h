/*
 * fpu.h - the user program's x87, MMX and SSE registers, saved and loaded
 * with FXSAVE/FXRSTOR.
 *
 * The kernel never uses these registers (it is built with
 * -mgeneral-regs-only) and runs one program at a time, so they always hold
 * the program's values: nothing is saved on kernel entry. Only a signal
 * handler needs them put aside (in its frame) and given back by
 * rt_sigreturn, which is what these helpers are for.
 */
#ifndef ARCH_X86_64_FPU_H
#define ARCH_X86_64_FPU_H

#include <stdint.h>

/* FXSAVE's 512-byte area (Intel SDM vol. 1, 10.5.1), 64-bit format. */
struct fxstate {
	uint16_t fcw, fsw; /* x87 control and status words */
	uint8_t ftw, reserved0;
	uint16_t fop;
	uint64_t fip, fdp;
	uint32_t mxcsr, mxcsr_mask;
	uint8_t st[8][16];
	uint8_t xmm[16][16];
	uint8_t reserved[48];
	uint8_t available[48]; /* the CPU never writes these; Linux's sw_reserved */
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct fxstate) == 512, "FXSAVE area");

#define MXCSR_DEFAULT 0x1f80 /* every exception masked, round to nearest */
#define FCW_DEFAULT 0x037f   /* the same for the x87 (FNINIT's value) */

/* Copies the registers into *s. */
static inline void fpu_save(struct fxstate *s)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*s));
}

/* Loads the registers from *s, whose MXCSR must have no reserved bit set
 * (FXRSTOR raises #GP otherwise: see fpu_mxcsr_mask). */
static inline void fpu_load(const struct fxstate *s)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*s));
}

/* Puts the registers in their initial state: x87 empty, every exception
 * masked, round to nearest, XMM registers zero (what a handler starts with). */
static inline void fpu_reset(void)
{
	static const struct fxstate init = {.fcw = FCW_DEFAULT, .mxcsr = MXCSR_DEFAULT};
	fpu_load(&init);
}

/* Returns the MXCSR bits this CPU lets software set. */
static inline uint32_t fpu_mxcsr_mask(void)
{
	static uint32_t mask;
	if (!mask) {
		struct fxstate s;
		fpu_save(&s);
		/* 0 in the area means the CPU predates the field: 0xffbf then
		 * (everything but DAZ, bit 6). */
		mask = s.mxcsr_mask ? s.mxcsr_mask : 0xffbf;
	}
	return mask;
}

#endif
