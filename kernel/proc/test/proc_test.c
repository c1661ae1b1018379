/*
 * proc_test.c - running user programs (suite "proc"), kernel only.
 *
 * The programs come from tests/user/ and are linked into the kernel
 * (mk/user.mk writes build/gen/user_images.S: user_NAME_start/_end).
 * Every test also checks, through the runner's counters, that the
 * process left no frame and no kernel-heap object behind.
 */
#include "lib/errno.h"
#include "proc/proc.h"
#include "test/ktest.h"

#define IMAGE(name)                                                                                \
	extern const char user_##name##_start[], user_##name##_end[];                              \
	static int run_##name(const char *cmdline, int *status)                                    \
	{                                                                                          \
		return proc_run(user_##name##_start,                                               \
				(size_t)(user_##name##_end - user_##name##_start), cmdline,        \
				status);                                                           \
	}

IMAGE(hello)
IMAGE(fault_null)
IMAGE(fault_write_text)
IMAGE(abi_check)
IMAGE(oom_touch)
IMAGE(oom_populate)
IMAGE(oom_brk)
IMAGE(oom_reserve)
IMAGE(oom_recursion)
IMAGE(oom_mmaps)
IMAGE(fork_bomb)

KTEST(proc, hello_runs_to_exit_zero)
{
	int status = -1;
	ASSERT_EQ(run_hello("A=1 B=2 hello one two", &status), 0);
	EXPECT_EQ(status, 0);
	EXPECT_STREQ(proc_last_diagnosis(), "");
}

KTEST(proc, programs_run_one_after_another)
{
	for (int i = 0; i < 3; i++) {
		int status = -1;
		ASSERT_EQ(run_hello("hello", &status), 0);
		EXPECT_EQ(status, 0);
	}
}

KTEST(proc, null_dereference_kills_with_sigsegv)
{
	int status = -1;
	ASSERT_EQ(run_fault_null("fault_null", &status), 0);
	EXPECT_EQ(status, 139);
	EXPECT_TRUE(ktest_contains(proc_last_diagnosis(),
				   "SEGFAULT [null-pointer]: forgetting to allocate memory (a "
				   "NULL pointer was used): NULL pointer dereference: read at "
				   "0x0 (rip 0x"));
}

KTEST(proc, write_to_code_kills_with_sigsegv)
{
	int status = -1;
	ASSERT_EQ(run_fault_write_text("fault_write_text", &status), 0);
	EXPECT_EQ(status, 139);
	EXPECT_TRUE(ktest_contains(proc_last_diagnosis(), "write to read-only memory at 0x4"));
}

KTEST(proc, bad_elf_is_refused_and_the_kernel_goes_on)
{
	static const char not_elf[64] = "this is not an ELF file";
	int status = -1;
	EXPECT_EQ(proc_run(not_elf, sizeof not_elf, "bogus", &status), -ENOEXEC);
	EXPECT_EQ(status, -1);
}

KTEST(proc, initial_stack_follows_the_system_v_abi)
{
	int status = -1;
	ASSERT_EQ(run_abi_check("X=1 abi_check a b c", &status), 0);
	EXPECT_EQ(status, 0); /* the number of failed checks */
}

KTEST(proc, out_of_memory_kills_the_program_not_the_kernel)
{
	int status = -1;
	ASSERT_EQ(run_oom_touch("oom_touch", &status), 0);
	EXPECT_EQ(status, 137); /* SIGKILL, as from Linux's OOM killer */
	EXPECT_TRUE(ktest_contains(proc_last_diagnosis(), "[out-of-memory]"));
	/* The runner's counters then check every frame came back. */
}

KTEST(proc, out_of_memory_in_map_populate_fails_the_mmap_and_frees_its_frames)
{
	int status = -1;
	ASSERT_EQ(run_oom_populate("oom_populate", &status), 0);
	EXPECT_EQ(status, 0); /* the number of failed checks */
	EXPECT_STREQ(proc_last_diagnosis(), "");
}

/*
 * Every way to run out of memory ends in ENOMEM or an "out of memory"
 * kill, never a panic, and gives every frame back (the runner's counters);
 * make test runs these at -m 16M and -m 32M too.
 */
KTEST(proc, out_of_memory_through_brk_kills_the_program)
{
	int status = -1;
	ASSERT_EQ(run_oom_brk("oom_brk", &status), 0);
	EXPECT_EQ(status, 137);
	EXPECT_TRUE(ktest_contains(proc_last_diagnosis(), "FATAL [out-of-memory]"));
}

KTEST(proc, out_of_memory_touching_a_huge_reservation_kills_the_program)
{
	int status = -1;
	ASSERT_EQ(run_oom_reserve("oom_reserve", &status), 0);
	EXPECT_EQ(status, 137);
	EXPECT_TRUE(ktest_contains(proc_last_diagnosis(), "FATAL [out-of-memory]"));
}

KTEST(proc, endless_recursion_kills_the_program)
{
	int status = -1;
	ASSERT_EQ(run_oom_recursion("oom_recursion", &status), 0);
	if (status == 137)
		EXPECT_TRUE(ktest_contains(proc_last_diagnosis(), "FATAL [out-of-memory]"));
	else
		EXPECT_TRUE(status == 139 &&
			    ktest_contains(proc_last_diagnosis(), "SEGFAULT [stack-overflow]"));
}

KTEST(proc, out_of_areas_is_enomem_from_mmap)
{
	int status = -1;
	ASSERT_EQ(run_oom_mmaps("oom_mmaps", &status), 0);
	EXPECT_EQ(status, 0); /* the number of failed checks */
	EXPECT_STREQ(proc_last_diagnosis(), "");
}

/* Every process forks until the table is full (EAGAIN) or memory runs
 * out (ENOMEM); process 1 kills and reaps them all. Nothing panics, and
 * the runner's counters see every frame and heap object come back. */
KTEST(proc, a_fork_bomb_ends_in_eagain_and_everything_is_reclaimed)
{
	int status = -1;
	ASSERT_EQ(run_fork_bomb("fork_bomb", &status), 0);
	EXPECT_EQ(status, 0);
	EXPECT_STREQ(proc_last_diagnosis(), "");
}
