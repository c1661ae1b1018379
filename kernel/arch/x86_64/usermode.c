/*
 * usermode.c - the model-specific registers behind syscall/sysret, and
 * the stacks the CPU uses when user mode enters the kernel.
 */
#include "arch/x86_64/usermode.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"

/* Read by syscall_entry.S. */
uint64_t syscall_kernel_rsp;
uint64_t syscall_user_rsp;

extern char syscall_entry[];

/*
 * Lets user programs use the x87 FPU and SSE (compilers use SSE registers
 * for ordinary copies): CR0.EM off, CR0.MP on, CR4.OSFXSR and OSXMMEXCPT
 * on, and CR0.NE on so that an unmasked x87 exception is exception 16
 * (SIGFPE for the program), not the PC's old FERR# interrupt line (which
 * nothing here handles: QEMU aborts). The kernel itself never touches
 * them (-mgeneral-regs-only), and one program runs at a time, so there is
 * nothing to save on kernel entry (only a signal handler's frame keeps a
 * copy: fpu.h); user_enter clears them so that no program sees what the
 * previous one left there.
 */
static void fpu_init(void)
{
	uint64_t cr0 = (read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE;
	write_cr0(cr0);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
}

void syscall_init(void)
{
	fpu_init();
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* syscall: CS = STAR[47:32], SS = +8. sysret: SS = STAR[63:48] + 8,
	 * CS = STAR[63:48] + 16, both with RPL 3 (gdt.h orders them so). */
	wrmsr(MSR_STAR, ((uint64_t)GDT_USER_CODE32 << 48) | ((uint64_t)GDT_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Cleared on entry: AC so that SMAP protects the kernel from the
	 * first instruction on; DF as the C ABI wants; IF and TF. */
	wrmsr(MSR_SFMASK, RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_AC);
}

void usermode_set_kernel_stack(uint64_t top)
{
	syscall_kernel_rsp = top;
	gdt_set_kernel_stack(top);
}

void usermode_set_fs_base(uint64_t base)
{
	wrmsr(MSR_FS_BASE, base);
}

uint64_t usermode_fs_base(void)
{
	return rdmsr(MSR_FS_BASE);
}
