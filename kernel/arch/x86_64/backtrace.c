/*
 * backtrace.c - walk saved frame pointers.
 *
 * The kernel is built with -fno-omit-frame-pointer, so every function
 * starts with "push %rbp; mov %rsp, %rbp": at [rbp] sits the caller's rbp
 * and at [rbp + 8] the return address into the caller. The boot code sets
 * rbp to 0, which ends the chain. Each frame is checked (aligned, mapped,
 * above the previous one) before it is read, so a corrupt stack ends the
 * walk instead of faulting inside a fault handler.
 */
#include "lib/backtrace.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/pagewalk.h"
#include "lib/kprintf.h"
#include "lib/ksyms.h"

#define MAX_FRAMES 24

void backtrace_symbolize(uint64_t addr, char *buf, unsigned long size)
{
	uint64_t off;
	const char *name = ksym_lookup(addr, &off);
	if (name)
		ksnprintf(buf, size, "%s+0x%lx", name, off);
	else
		ksnprintf(buf, size, "?");
}

static void print_frame(int n, uint64_t addr)
{
	char sym[96];
	backtrace_symbolize(addr, sym, sizeof sym);
	kprintf("  #%d 0x%016lx %s\n", n, addr, sym);
}

static bool frame_readable(uint64_t rbp)
{
	return rbp && (rbp & 7) == 0 && pagewalk_is_mapped(rbp) && pagewalk_is_mapped(rbp + 8);
}

/* Prints frames from number n on, following the chain from rbp. */
static void walk(int n, uint64_t rbp)
{
	while (n < MAX_FRAMES && frame_readable(rbp)) {
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t ret = frame[1];
		if (!ret)
			break;
		/* A return address points after the call: show the call itself. */
		print_frame(n++, ret - 1);
		if (frame[0] <= rbp)
			break; /* frames must move up the stack */
		rbp = frame[0];
	}
}

void backtrace_print(uint64_t rip, uint64_t rbp)
{
	kprintf("backtrace:\n");
	print_frame(0, rip);
	walk(1, rbp);
}

void backtrace_print_interrupted(uint64_t rip, uint64_t rsp, uint64_t rbp)
{
	uint64_t off;
	const char *fn = ksym_lookup(rip, &off);
	/* At offset 0 the return address is at [rsp]; after the one-byte
	 * "push %rbp", at [rsp + 8]. In both cases rbp is still the caller's. */
	uint64_t slot = !fn ? 0 : off == 0 ? rsp : off == 1 ? rsp + 8 : 0;
	if (!slot || !frame_readable(slot - 8)) {
		backtrace_print(rip, rbp);
		return;
	}
	kprintf("backtrace:\n");
	print_frame(0, rip);
	print_frame(1, *(const uint64_t *)slot - 1);
	walk(2, rbp);
}

__attribute__((noinline)) void backtrace_here(void)
{
	const uint64_t *frame = (const uint64_t *)read_rbp();
	backtrace_print(frame[1] - 1, frame[0]);
}
