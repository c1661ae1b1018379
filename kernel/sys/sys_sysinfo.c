/*
 * sys_sysinfo.c - sysinfo: the machine at a glance (uptime, memory,
 * processes), Linux's struct sysinfo.
 *
 * Memory comes from the frame allocator: totalram is the RAM it manages,
 * freeram its free frames (as /proc/meminfo's MemTotal and MemFree), in
 * bytes (mem_unit 1, as 64-bit Linux reports). There is no swap, no
 * shared memory segment and no buffer cache: those are 0. procs counts
 * the processes in the table, zombies included (Linux: nr_threads). The
 * load averages are 0: Interlude does not compute them.
 */
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "sys/syscall.h"
#include "time/clock.h"

/* Linux's struct sysinfo on x86-64 (112 bytes). */
struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo");

/* Counts one process (proc_for_each's callback). */
static void count(struct proc *p, void *arg)
{
	(void)p;
	++*(uint16_t *)arg;
}

/* sysinfo(info): 0, or -EFAULT. */
int64_t sys_sysinfo(uint64_t uinfo, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	struct linux_sysinfo si = {0};
	struct pmm_stats st;
	pmm_get_stats(&st);
	uint64_t up = clock_monotonic_ns();
	si.uptime = (int64_t)(up / 1000000000ull + (up % 1000000000ull != 0)); /* rounded up */
	si.totalram = st.usable_frames * 4096;
	si.freeram = st.free_frames * 4096;
	proc_for_each(count, &si.procs);
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof si) ? -EFAULT : 0;
}
