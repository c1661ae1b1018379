/*
 * sched_test.c - the process table, the kernel stacks and the scheduler
 * (suite "sched"), kernel only.
 *
 * The scheduler tests make processes that never enter user mode: each
 * has an empty address space and a first context that "returns" into a
 * kernel function (swtch_initial_stack), which records its turn, yields
 * or sleeps, and exits. sched_run, called here as proc_run_args calls
 * it, runs them until the table is empty. The self-test runner checks
 * that frames and heap objects are back afterwards.
 */
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/swtch.h"
#include "arch/x86_64/trap.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/frame_owner.h"
#include "mm/pagetable.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "test/ktest.h"

static char order[64]; /* who ran when: one letter per turn */
static int norder;
static int sleeper_chan;

/* Records a turn of the current process: 'a' for pid 1, 'b' for 2... */
static void mark(void)
{
	if (norder < (int)sizeof order - 1)
		order[norder++] = (char)('a' + proc_current()->pid - 1);
	order[norder] = '\0';
}

/* Three turns, yielding between them. */
static void yielder(void)
{
	for (int i = 0; i < 3; i++) {
		mark();
		sched_yield_now();
	}
	proc_exit(0);
}

/* Sleeps until woken, then records a turn. */
static void sleeper(void)
{
	mark();
	sched_sleep(&sleeper_chan);
	mark();
	proc_exit(0);
}

/* Records a turn, wakes the sleepers, records another. */
static void waker(void)
{
	mark();
	sched_yield_now();
	mark();
	sched_wakeup(&sleeper_chan);
	sched_yield_now();
	mark();
	proc_exit(0);
}

/* Makes a kernel-only process that starts in fn; NULL if it cannot. */
static struct proc *kernel_process(void (*fn)(void))
{
	int err;
	struct proc *p = proc_alloc(&err);
	if (!p)
		return NULL;
	if (mm_create(&p->mm) < 0) {
		proc_free(p);
		return NULL;
	}
	p->has_mm = true;
	p->ctx_rsp = swtch_initial_stack(p->kstack_top, fn);
	sched_set_runnable(p);
	return p;
}

/* A process's kernel stack frames are tagged as such until it is freed. */
KTEST(sched, a_kernel_stack_is_tagged_kernel_stack)
{
	int err;
	struct proc *p = proc_alloc(&err);
	ASSERT_TRUE(p != NULL);
	uint64_t pfn = p->kstack / PAGE_SIZE;
	for (uint64_t i = 0; i < KSTACK_PAGES; i++)
		EXPECT_EQ(frame_owner_of(pfn + i), FRAME_OWNER_KSTACK);
	proc_free(p);
	EXPECT_EQ(frame_owner_of(pfn), FRAME_OWNER_FREE);
}

KTEST(sched, yielding_processes_take_turns_round_robin)
{
	proc_reset_pids();
	norder = 0;
	for (int i = 0; i < 3; i++)
		ASSERT_TRUE(kernel_process(yielder) != NULL);
	unsigned long before = sched_switches();
	sched_run();
	EXPECT_STREQ(order, "abcabcabc");
	EXPECT_EQ(sched_switches() - before, 9 + 3); /* 9 turns, then each one's exit turn */
	EXPECT_TRUE(proc_table_empty());
}

KTEST(sched, a_sleeper_runs_again_only_after_its_wakeup)
{
	proc_reset_pids();
	norder = 0;
	ASSERT_TRUE(kernel_process(sleeper) != NULL); /* a */
	ASSERT_TRUE(kernel_process(waker) != NULL);   /* b */
	ASSERT_TRUE(kernel_process(sleeper) != NULL); /* c */
	sched_run();
	/* a and c sleep; b runs alone until it wakes them; they join the run
	 * queue in the order they went to sleep, ahead of b, which yielded after. */
	EXPECT_STREQ(order, "abcbacb");
	EXPECT_TRUE(proc_table_empty());
}

KTEST(sched, the_table_is_full_at_64_with_eagain)
{
	static struct proc *all[PROC_MAX];
	int err = 0, n = 0;
	proc_reset_pids();
	while (n < PROC_MAX && (all[n] = proc_alloc(&err)) != NULL)
		n++;
	EXPECT_EQ(n, PROC_MAX);
	EXPECT_TRUE(proc_alloc(&err) == NULL);
	EXPECT_EQ(err, -EAGAIN);
	/* Each stack is mapped, each guard page below it is not, and they are apart. */
	for (int i = 0; i < n; i++) {
		EXPECT_EQ(all[i]->pid, i + 1);
		EXPECT_TRUE(vmm_translate(vmm_kernel_space(), all[i]->kstack_top - 8, NULL, NULL));
		EXPECT_TRUE(
		    vmm_translate(vmm_kernel_space(), KSTACK_SLOT_BASE(all[i]->slot), NULL, NULL));
		EXPECT_FALSE(vmm_translate(vmm_kernel_space(), KSTACK_SLOT_BASE(all[i]->slot) - 8,
					   NULL, NULL));
	}
	for (int i = 0; i < n; i++)
		proc_free(all[i]);
	EXPECT_TRUE(proc_table_empty());
}

KTEST(sched, a_guard_page_hit_names_the_process_whose_stack_it_is)
{
	const char *name = NULL;
	gdt_set_kernel_stack_owner("kernel stack of sh[3]");
	EXPECT_TRUE(gdt_stack_guard_hit(KSTACK_SLOT_BASE(5) - 1, &name));
	EXPECT_STREQ(name, "kernel stack of sh[3]");
	EXPECT_FALSE(gdt_stack_guard_hit(KSTACK_SLOT_BASE(5), &name)); /* the stack itself */
	EXPECT_FALSE(gdt_stack_guard_hit(KSTACK_AREA_END, &name));
	gdt_set_kernel_stack_owner(NULL);
}

static volatile long recursion_budget = 1L << 40; /* never reached: the guard page is */

/* Recurses with a 512-byte frame until the budget runs out: it never does. */
static long deep(long n)
{
	volatile char frame[512];
	frame[0] = (char)n;
	if (recursion_budget-- == 0)
		return 0;
	return deep(n + 1) + frame[0];
}

/* A process whose kernel code overflows its kernel stack. */
static void overflower(void)
{
	deep(0);
	proc_exit(0);
}

KTEST(sched, a_kernel_stack_overflow_hits_the_guard_and_is_named_after_the_process)
{
	proc_reset_pids();
	struct proc *p = kernel_process(overflower);
	ASSERT_TRUE(p != NULL);
	memcpy(p->name, "overflower", 11);
	ksnprintf(p->label, sizeof p->label, "kernel stack of %s[%d]", p->name, p->pid);
	/* The push of the page fault's own frame faults too: a double fault
	 * (on its IST stack), whose report names the stack by this. */
	EXPECT_FAULT(TRAP_DOUBLE_FAULT, sched_run());
	uint64_t cr2 = ktest_last_fault()->address;
	const char *name = NULL;
	EXPECT_TRUE(cr2 >= KSTACK_SLOT_BASE(p->slot) - PAGE_SIZE &&
		    cr2 < KSTACK_SLOT_BASE(p->slot));
	EXPECT_TRUE(gdt_stack_guard_hit(cr2, &name));
	EXPECT_STREQ(name, "kernel stack of overflower[1]");
	/* The run was cut short in the middle of the process: undo it by hand. */
	proc_running = NULL;
	vmm_activate(vmm_kernel_space());
	gdt_set_kernel_stack_owner(NULL);
	mm_destroy(&p->mm);
	proc_free(p);
	EXPECT_TRUE(proc_table_empty());
}
