/*
 * signal_probes.h - the machine code signal_test.c faults in: small
 * assembly routines with a label at the instruction that faults and
 * another where a handler may resume, so that the handler can recognise
 * REG_RIP and edit the ucontext; and reg_fault, which faults with every
 * register set to a known value and records what they hold afterwards.
 *
 * Not an ordinary header: it defines the routines (top-level asm) and
 * guarded_rsp, so it is included once, by signal_test.c. The program
 * stays one .c file because ktap.h counts checks in static variables of
 * the file that includes it.
 */
#ifndef TESTS_LIBC_SIGNAL_PROBES_H
#define TESTS_LIBC_SIGNAL_PROBES_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

/* --- probes: instructions that may fault, and where the handler resumes ----- */

/* long probe_read(const char *p): the byte at p, or -1 if reading faulted.
 * long probe_write(char *p, char v): 0, or 1 if writing faulted.
 * long ud2_probe(void): 7 once the handler skipped the ud2.
 * long div_probe(int a, int b): a / b, or what the handler put in rax.
 * long int3_probe(void): what the handler put in rax (0 otherwise).
 * long icebp_probe(void): the same for icebp (int1, the byte 0xf1): a
 *	debug trap (#DB), so rip is already past it.
 * void x87_probe(void): 1.0 / 0.0 on the x87 with division by zero
 *	unmasked: the exception is raised by the next waiting instruction
 *	(x87_wait), which the handler lets through by clearing the flags in
 *	the saved FPU state; fninit then cleans up.
 * int guarded_call(void (*fn)(void)): 0 if fn returned, 1 if a handler
 *	resumed at guarded_escape with rsp = guarded_rsp (a longjmp through
 *	the ucontext); the callee-saved registers come back either way. */
__asm__(".text\n"
	"probe_read:\n"
	"	movq $-1, %rax\n"
	"probe_read_insn:\n"
	"	movzbq (%rdi), %rax\n"
	"probe_read_resume:\n"
	"	ret\n"
	"probe_write:\n"
	"	movl $1, %eax\n"
	"probe_write_insn:\n"
	"	movb %sil, (%rdi)\n"
	"	xorl %eax, %eax\n"
	"probe_write_resume:\n"
	"	ret\n"
	"ud2_probe:\n"
	"ud2_insn:\n"
	"	ud2\n"
	"	movl $7, %eax\n"
	"	ret\n"
	"div_probe:\n"
	"	movl %edi, %eax\n"
	"	cltd\n"
	"div_insn:\n"
	"	idivl %esi\n"
	"div_resume:\n"
	"	ret\n"
	"int3_probe:\n"
	"	xorl %eax, %eax\n"
	"	int3\n"
	"int3_after:\n"
	"	ret\n"
	"icebp_probe:\n"
	"	xorl %eax, %eax\n"
	"	.byte 0xf1\n"
	"icebp_after:\n"
	"	ret\n"
	"x87_probe:\n"
	"	subq $8, %rsp\n"
	"	movw $0x37b, (%rsp)\n" /* 0x37f (all masked) without ZM */
	"	fldcw (%rsp)\n"
	"	fld1; fldz; fdivrp\n"
	"x87_wait:\n"
	"	fwait\n"
	"	fninit\n"
	"	addq $8, %rsp\n"
	"	ret\n"
	"guarded_call:\n"
	"	pushq %rbp; pushq %rbx; pushq %r12; pushq %r13; pushq %r14; pushq %r15\n"
	"	subq $8, %rsp\n" /* 16-byte aligned for the call */
	"	movq %rsp, guarded_rsp(%rip)\n"
	"	call *%rdi\n"
	"	xorl %eax, %eax\n"
	"guarded_out:\n"
	"	addq $8, %rsp\n"
	"	popq %r15; popq %r14; popq %r13; popq %r12; popq %rbx; popq %rbp\n"
	"	ret\n"
	"guarded_escape:\n"
	"	movl $1, %eax\n"
	"	jmp guarded_out\n");

long probe_read(const volatile char *p);
long probe_write(volatile char *p, char v);
long ud2_probe(void);
long div_probe(int a, int b);
long int3_probe(void);
long icebp_probe(void);
void x87_probe(void);
int guarded_call(void (*fn)(void));
extern const char probe_read_insn[], probe_read_resume[], probe_write_insn[], probe_write_resume[],
    ud2_insn[], div_insn[], div_resume[], int3_after[], icebp_after[], guarded_escape[], x87_wait[];
uint64_t guarded_rsp;

/*
 * reg_fault(out, addr, in): loads every general register but rsp and rsi
 * from in, the 16 XMM registers and MXCSR too, sets CF and DF, puts rax
 * and rbx in the red zone (rsp - 120, rsp - 128: the signal frame must
 * stay below), writes to addr (rsi), which faults until the handler makes
 * it writable, then stores what the registers and the red zone hold
 * afterwards into out.
 */
struct regs {
	uint64_t gpr[16]; /* rax rbx rcx rdx rsi rdi rbp r8..r15, then rflags */
	uint8_t xmm[16][16];
	uint32_t mxcsr;
	uint64_t redzone[2]; /* out: what the red zone below rsp held after the fault */
};
_Static_assert(offsetof(struct regs, xmm) == 128 && offsetof(struct regs, mxcsr) == 384 &&
		   offsetof(struct regs, redzone) == 392,
	       "the offsets reg_fault uses");
static const int greg_of[15] = {REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI,
				REG_RDI, REG_RBP, REG_R8,  REG_R9,  REG_R10,
				REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

__asm__(
    ".text\n"
    "reg_fault:\n"
    "	pushq %rbp; pushq %rbx; pushq %r12; pushq %r13; pushq %r14; pushq %r15\n"
    "	pushq %rdi\n"	    /* out, for afterwards */
    "	xchgq %rdi, %rdx\n" /* in: rdi, for the loads below */
    "	movdqu 128(%rdi), %xmm0; movdqu 144(%rdi), %xmm1; movdqu 160(%rdi), %xmm2\n"
    "	movdqu 176(%rdi), %xmm3; movdqu 192(%rdi), %xmm4; movdqu 208(%rdi), %xmm5\n"
    "	movdqu 224(%rdi), %xmm6; movdqu 240(%rdi), %xmm7; movdqu 256(%rdi), %xmm8\n"
    "	movdqu 272(%rdi), %xmm9; movdqu 288(%rdi), %xmm10; movdqu 304(%rdi), %xmm11\n"
    "	movdqu 320(%rdi), %xmm12; movdqu 336(%rdi), %xmm13; movdqu 352(%rdi), %xmm14\n"
    "	movdqu 368(%rdi), %xmm15\n"
    "	ldmxcsr 384(%rdi)\n"
    "	movq 0(%rdi), %rax; movq 8(%rdi), %rbx; movq 16(%rdi), %rcx; movq 24(%rdi), %rdx\n"
    "	movq 48(%rdi), %rbp; movq 56(%rdi), %r8; movq 64(%rdi), %r9; movq 72(%rdi), %r10\n"
    "	movq 80(%rdi), %r11; movq 88(%rdi), %r12; movq 96(%rdi), %r13; movq 104(%rdi), %r14\n"
    "	movq 112(%rdi), %r15; movq 40(%rdi), %rdi\n"
    "	movq %rax, -120(%rsp); movq %rbx, -128(%rsp)\n"
    "	stc; std\n"
    "reg_fault_insn:\n"
    "	movb $0x5a, (%rsi)\n"
    "	pushfq\n"
    "	cld\n"
    "	pushq %rdi\n"
    "	movq 16(%rsp), %rdi\n" /* out */
    "	movq %rax, 0(%rdi); movq %rbx, 8(%rdi); movq %rcx, 16(%rdi); movq %rdx, 24(%rdi)\n"
    "	movq %rsi, 32(%rdi); movq %rbp, 48(%rdi); movq %r8, 56(%rdi); movq %r9, 64(%rdi)\n"
    "	movq %r10, 72(%rdi); movq %r11, 80(%rdi); movq %r12, 88(%rdi); movq %r13, 96(%rdi)\n"
    "	movq %r14, 104(%rdi); movq %r15, 112(%rdi)\n"
    "	popq %rax; movq %rax, 40(%rdi)\n"	       /* rdi's value */
    "	popq %rax; movq %rax, 120(%rdi)\n"	       /* rflags */
    "	movq -120(%rsp), %rax; movq %rax, 392(%rdi)\n" /* rsp is back: the red zone */
    "	movq -128(%rsp), %rax; movq %rax, 400(%rdi)\n"
    "	movdqu %xmm0, 128(%rdi); movdqu %xmm1, 144(%rdi); movdqu %xmm2, 160(%rdi)\n"
    "	movdqu %xmm3, 176(%rdi); movdqu %xmm4, 192(%rdi); movdqu %xmm5, 208(%rdi)\n"
    "	movdqu %xmm6, 224(%rdi); movdqu %xmm7, 240(%rdi); movdqu %xmm8, 256(%rdi)\n"
    "	movdqu %xmm9, 272(%rdi); movdqu %xmm10, 288(%rdi); movdqu %xmm11, 304(%rdi)\n"
    "	movdqu %xmm12, 320(%rdi); movdqu %xmm13, 336(%rdi); movdqu %xmm14, 352(%rdi)\n"
    "	movdqu %xmm15, 368(%rdi)\n"
    "	stmxcsr 384(%rdi)\n"
    "	pushq $0x1f80; ldmxcsr (%rsp); addq $8, %rsp\n" /* the C code's MXCSR */
    "	popq %rdi\n"
    "	popq %r15; popq %r14; popq %r13; popq %r12; popq %rbx; popq %rbp\n"
    "	ret\n");
void reg_fault(struct regs *out, volatile char *addr, const struct regs *in);
extern const char reg_fault_insn[];

#endif
