/* gdt.c - build and load the GDT and TSS; see gdt.h. */
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/memlayout.h"
#include "lib/string.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct gdt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static uint64_t gdt[8];
static struct tss tss;

/* The double-fault stack: its own page, so a kernel stack overflow (which
 * is what usually causes a double fault) can still be reported. */
static uint8_t double_fault_stack[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

extern uint8_t boot_stack_guard[];

/* Access byte and flags for the code and data descriptors. */
#define SEG_PRESENT (1ull << 47)
#define SEG_DPL3 (3ull << 45)
#define SEG_CODE_DATA (1ull << 44)
#define SEG_EXEC (1ull << 43)
#define SEG_RW (1ull << 41)
#define SEG_LONG (1ull << 53)
#define SEG_DB32 (1ull << 54)
#define SEG_GRAN4K (1ull << 55)
#define SEG_LIMIT_MAX (0xffffull | (0xfull << 48))

void gdt_init(void)
{
	uint64_t code = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC | SEG_RW | SEG_LONG;
	uint64_t data =
	    SEG_PRESENT | SEG_CODE_DATA | SEG_RW | SEG_DB32 | SEG_GRAN4K | SEG_LIMIT_MAX;
	gdt[0] = 0;
	gdt[GDT_KERNEL_CODE / 8] = code;
	gdt[GDT_KERNEL_DATA / 8] = data;
	gdt[GDT_USER_CODE32 / 8] = 0;
	gdt[GDT_USER_DATA / 8] = data | SEG_DPL3;
	gdt[GDT_USER_CODE / 8] = code | SEG_DPL3;

	memset(&tss, 0, sizeof tss);
	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)double_fault_stack + sizeof double_fault_stack;
	tss.iomap_base = sizeof tss; /* no I/O permission bitmap */

	/* A 64-bit TSS descriptor takes two GDT slots. */
	uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
	gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x9ull << 40) |
			   SEG_PRESENT | (((limit >> 16) & 0xf) << 48) |
			   (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS / 8 + 1] = base >> 32;

	struct gdt_pointer p = {sizeof gdt - 1, (uint64_t)gdt};
	__asm__ volatile("lgdt %0\n\t"
			 "mov %1, %%ds\n\t"
			 "mov %1, %%es\n\t"
			 "mov %1, %%ss\n\t"
			 "pushq %2\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "ltr %w3"
			 :
			 : "m"(p), "r"((uint64_t)GDT_KERNEL_DATA), "i"(GDT_KERNEL_CODE),
			   "r"((uint64_t)GDT_TSS)
			 : "rax", "memory");
}

/* Who owns the stack rsp0 tops, for the overflow diagnosis. */
static const char *kernel_stack_owner = "process kernel stack";

void gdt_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}

void gdt_set_kernel_stack_owner(const char *owner)
{
	kernel_stack_owner = owner ? owner : "process kernel stack";
}

bool gdt_stack_guard_hit(uint64_t addr, const char **stack_name)
{
	uint64_t guard = (uint64_t)boot_stack_guard;
	if (addr >= guard && addr < guard + PAGE_SIZE) {
		*stack_name = "boot stack";
		return true;
	}
	/* The process stacks: the first page of each slot is its guard. */
	if (addr >= KSTACK_GUARD && addr < KSTACK_AREA_END &&
	    (addr - KSTACK_GUARD) % KSTACK_SLOT_SIZE < PAGE_SIZE) {
		*stack_name = kernel_stack_owner;
		return true;
	}
	return false;
}
