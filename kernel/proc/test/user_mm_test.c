/*
 * user_mm_test.c - the memory system calls and user faults, seen from user
 * mode (suite "user"), kernel only.
 *
 * The programs (tests/user/mm_*.c, fault_*.c) are the same static binaries
 * that pass on Linux: each mm_* program prints its own KTAP (shown here as
 * "# user:" lines) and exits with its number of failed checks; each fault_*
 * program makes one mistake and must be killed with the status a shell
 * shows on Linux and the diagnosis Interlude promises (docs/SYSCALLS.md).
 */
#include "lib/kprintf.h"
#include "proc/proc.h"
#include "test/ktest.h"

#define IMAGE(name)                                                                                \
	extern const char user_##name##_start[], user_##name##_end[];                              \
	static int run_##name(int *status)                                                         \
	{                                                                                          \
		return proc_run(user_##name##_start,                                               \
				(size_t)(user_##name##_end - user_##name##_start), #name, status); \
	}

/* A program that must exit 0 (no failed check). */
#define PASSES(name)                                                                               \
	IMAGE(name)                                                                                \
	KTEST(user, name)                                                                          \
	{                                                                                          \
		int status = -1;                                                                   \
		ASSERT_EQ(run_##name(&status), 0);                                                 \
		EXPECT_EQ(status, 0);                                                              \
	}

/* A program that must be killed with `expect` and a diagnosis containing
 * each of the strings that follow. */
#define DIES(name, expect, ...)                                                                    \
	IMAGE(name)                                                                                \
	KTEST(user, name)                                                                          \
	{                                                                                          \
		static const char *const words[] = {__VA_ARGS__};                                  \
		int status = -1;                                                                   \
		ASSERT_EQ(run_##name(&status), 0);                                                 \
		EXPECT_EQ(status, expect);                                                         \
		for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)                      \
			if (!ktest_contains(proc_last_diagnosis(), words[i]))                      \
				KTEST_FAIL("diagnosis \"%s\" lacks \"%s\"", proc_last_diagnosis(), \
					   words[i]);                                              \
	}

PASSES(mm_brk)
PASSES(mm_mmap)
PASSES(mm_munmap)
PASSES(mm_mprotect)
PASSES(mm_uaccess)
PASSES(mm_task_size)
PASSES(mm_placement)
PASSES(mm_flags)
PASSES(page0)

/* No data from one program is visible to the next: mm_dirty fills memory
 * with a pattern, then mm_fresh (twice) finds only zeroes. */
IMAGE(mm_dirty)
IMAGE(mm_fresh)
KTEST(user, fresh_memory_holds_nothing_of_the_previous_program)
{
	int status = -1;
	ASSERT_EQ(run_mm_dirty(&status), 0);
	EXPECT_EQ(status, 0);
	for (int i = 0; i < 2; i++) {
		ASSERT_EQ(run_mm_fresh(&status), 0);
		EXPECT_EQ(status, 0);
	}
}

/* The same with all of memory: secret_fill writes a secret into every
 * frame it can get until it is killed for want of one; secret_scan then
 * gets every frame in turn, until it is killed the same way, and finds only
 * zeroes (it would exit 1 at the first byte of the secret). */
IMAGE(secret_fill)
IMAGE(secret_scan)
KTEST(user, no_frame_holds_the_previous_programs_secret)
{
	int status = -1;
	ASSERT_EQ(run_secret_fill(&status), 0);
	EXPECT_EQ(status, 137);
	status = -1;
	ASSERT_EQ(run_secret_scan(&status), 0);
	EXPECT_EQ(status, 137);
	EXPECT_TRUE(ktest_contains(proc_last_diagnosis(), "FATAL [out-of-memory]"));
}

/* System calls given a kernel address: EFAULT, and the kernel's memory
 * stays as it was. */
extern const char user_kernel_pointers_start[], user_kernel_pointers_end[];
KTEST(user, system_calls_refuse_kernel_pointers_and_change_nothing)
{
	static char secret[512];
	for (unsigned i = 0; i < sizeof secret; i++)
		secret[i] = (char)(i * 7 + 1);
	char cmdline[64];
	ksnprintf(cmdline, sizeof cmdline, "kernel_pointers %lx", (uint64_t)secret);
	int status = -1;
	ASSERT_EQ(proc_run(user_kernel_pointers_start,
			   (size_t)(user_kernel_pointers_end - user_kernel_pointers_start), cmdline,
			   &status),
		  0);
	EXPECT_EQ(status, 0); /* the number of failed checks */
	unsigned changed = 0;
	for (unsigned i = 0; i < sizeof secret; i++)
		changed += secret[i] != (char)(i * 7 + 1);
	EXPECT_EQ(changed, 0);
}

DIES(fault_exec_data, 139, "SEGFAULT [bad-access]: execute of non-executable memory")
DIES(fault_write_rdonly, 139, "SEGFAULT [bad-access]: write to read-only memory")
DIES(fault_read_none, 139, "SEGFAULT [bad-access]: read of inaccessible (PROT_NONE) memory")
/* The errors of common/memerr carry its id and the textbook's words. */
DIES(fault_read_unmapped, 139,
     "SEGFAULT [wild-pointer]: forgetting to allocate memory (a pointer to no memory was "
     "used): read of unmapped memory")
DIES(fault_noncanonical, 139,
     "SEGFAULT [wild-pointer]: forgetting to allocate memory (a pointer to no memory was "
     "used): non-canonical address")
DIES(fault_poison, 139,
     "SEGFAULT [wild-pointer]: forgetting to allocate memory (a pointer to no memory was used): "
     "non-canonical address: ",
     " = 0xfefefefefefefefe is not a valid address, it is GCC's fill for uninitialised locals")
DIES(fault_freed_pointer, 139,
     "SEGFAULT [use-after-free]: freeing memory before you are done with it (a freed block was "
     "used): non-canonical address: ",
     " = 0x6b6b6b6b6b6b6b6b is not a valid address, it is the poison of a freed heap block")
DIES(fault_kernel_read, 139,
     "SEGFAULT [wild-pointer]: forgetting to allocate memory (a pointer to no memory was "
     "used): access to kernel memory: read at 0x")
DIES(fault_kernel_write, 139,
     "SEGFAULT [wild-pointer]: forgetting to allocate memory (a pointer to no memory was "
     "used): access to kernel memory: write at 0xffffffff80100000")
DIES(fault_kernel_exec, 139,
     "SEGFAULT [wild-pointer]: forgetting to allocate memory (a pointer to no memory was "
     "used): access to kernel memory: execute at 0xffffffff80100000")
DIES(fault_stack_overflow, 139,
     "SEGFAULT [stack-overflow]: stack overflow (the stack grew into its guard page): write at "
     "0x")
DIES(fault_div_zero, 136, "FATAL [divide-error]")
DIES(fault_ud2, 132, "FATAL [invalid-opcode]")
DIES(fault_int3, 133, "FATAL [breakpoint]")
DIES(fault_icebp, 133, "FATAL [debug-trap]: debug trap (icebp)")
