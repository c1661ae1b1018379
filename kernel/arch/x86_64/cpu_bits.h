/*
 * cpu_bits.h - the bits of the x86-64 control registers, model-specific
 * registers and RFLAGS that Interlude sets, clears or tests, each named
 * once (Intel SDM vol. 3: 2.5 control registers, 2.2.1 EFER, 2.3 RFLAGS,
 * 5.8.8 SYSCALL's MSRs). Plain #defines, so the assembly files use them
 * too (boot/entry32.S, isr.S, syscall_entry.S).
 */
#ifndef ARCH_X86_64_CPU_BITS_H
#define ARCH_X86_64_CPU_BITS_H

/* Bit n: 64-bit in C, where 1 << 31 would overflow an int; the assembler
 * computes with 64 bits anyway. */
#ifdef __ASSEMBLER__
#define CPU_BIT(n) (1 << (n))
#else
#define CPU_BIT(n) (1ull << (n))
#endif

/* CR0 */
#define CR0_PE CPU_BIT(0)  /* protected mode */
#define CR0_MP CPU_BIT(1)  /* wait/fwait honour TS */
#define CR0_EM CPU_BIT(2)  /* no x87: every FPU instruction faults */
#define CR0_TS CPU_BIT(3)  /* task switched: the next FPU use faults */
#define CR0_NE CPU_BIT(5)  /* x87 errors raise exception 16, not FERR# */
#define CR0_WP CPU_BIT(16) /* ring 0 honours read-only pages too */
#define CR0_PG CPU_BIT(31) /* paging */

/* CR4 */
#define CR4_PAE CPU_BIT(5)	   /* 64-bit page-table entries (needed for long mode) */
#define CR4_OSFXSR CPU_BIT(9)	   /* the OS saves SSE state with fxsave: SSE allowed */
#define CR4_OSXMMEXCPT CPU_BIT(10) /* SSE errors raise exception 19 */
#define CR4_SMEP CPU_BIT(20)	   /* ring 0 may not execute user pages */
#define CR4_SMAP CPU_BIT(21)	   /* ring 0 may not touch user pages unless RFLAGS.AC */

/* Model-specific registers (rdmsr/wrmsr) */
#define MSR_EFER 0xc0000080    /* extended features */
#define MSR_STAR 0xc0000081    /* syscall/sysret segments */
#define MSR_LSTAR 0xc0000082   /* syscall's 64-bit entry point */
#define MSR_SFMASK 0xc0000084  /* RFLAGS bits syscall clears */
#define MSR_FS_BASE 0xc0000100 /* the fs segment's base: thread pointer */
#define MSR_GS_BASE 0xc0000101 /* the gs segment's base */

/* EFER */
#define EFER_SCE CPU_BIT(0)  /* syscall/sysret enabled */
#define EFER_LME CPU_BIT(8)  /* long mode enabled (active once paging is on) */
#define EFER_NXE CPU_BIT(11) /* the NX bit of page-table entries is honoured */

/* RFLAGS */
#define RFLAGS_CF CPU_BIT(0)	/* carry */
#define RFLAGS_FIXED CPU_BIT(1) /* reserved, always 1 */
#define RFLAGS_PF CPU_BIT(2)	/* parity */
#define RFLAGS_AF CPU_BIT(4)	/* auxiliary carry */
#define RFLAGS_ZF CPU_BIT(6)	/* zero */
#define RFLAGS_SF CPU_BIT(7)	/* sign */
#define RFLAGS_TF CPU_BIT(8)	/* trap: single-step */
#define RFLAGS_IF CPU_BIT(9)	/* interrupts enabled */
#define RFLAGS_DF CPU_BIT(10)	/* direction: string instructions go down */
#define RFLAGS_OF CPU_BIT(11)	/* overflow */
#define RFLAGS_RF CPU_BIT(16)	/* resume: no debug fault on the next instruction */
#define RFLAGS_AC CPU_BIT(18)	/* alignment check; with SMAP: user access allowed */
#define RFLAGS_ID CPU_BIT(21)	/* can be flipped: the CPU has cpuid */

/* DR6, the debug status */
#define DR6_BS CPU_BIT(14)     /* the #DB was a single step */
#define DR6_INIT 0xffff0ff0ULL /* after reset: no condition recorded */

#endif
