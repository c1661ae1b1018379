/*
 * last_proc.c - the console's copy of the last program's memory
 * (last_proc.h).
 *
 * Theory of operation. When a program ends, the kernel frees its areas,
 * its frames and its page tables at once, and checks that every frame and
 * kernel-heap object is back. A student who types `run mm_mmap` and then
 * `maps` or `pgwalk` wants to see what the program had. So the console
 * asks proc to call it with every process just before the teardown
 * (proc_set_exit_observer) and copies, then, the list of areas and the
 * user half of the page-table tree: the top-level table and every table
 * below its first 256 entries, entry for entry, each remembered with the
 * physical address it had, so that a walk of the copy follows the same
 * pointers a walk of the real tables would have. A run can hold many
 * processes (a shell forks one per command): the copy is the last one to
 * exit, except that once the run's process 1 has exited, its copy stays.
 *
 * The copy lives in static storage of a fixed size, not in the kernel
 * heap: keeping it costs no frame and no heap object, so the leak check
 * after every program (free frames and live objects back to where they
 * were) holds with the console as without it, and the next program's exit
 * simply overwrites it. What does not fit (a program with more than
 * SHELL_LAST_AREAS areas or SHELL_LAST_TABLES tables) is counted and said.
 */
#include "shell/last_proc.h"
#include "arch/x86_64/memlayout.h"
#include "arch/x86_64/pte.h"
#include "lib/string.h"
#include "mm/vma.h"
#include "proc/proc.h"

struct table_copy {
	uint64_t phys;
	uint64_t entry[PT_ENTRIES];
};

static struct shell_last_proc last;
static struct table_copy tables[SHELL_LAST_TABLES];
static bool kept_pid1; /* the copy is this run's process 1: later exits keep it */

/* Copies the table at phys, and below it (level > 0) every table its
 * present entries point to; user half only at the top (level 3). */
static void copy_table(uint64_t phys, int level)
{
	if (last.ntables == SHELL_LAST_TABLES) {
		last.tables_dropped = true;
		return;
	}
	struct table_copy *t = &tables[last.ntables++];
	t->phys = phys;
	memcpy(t->entry, phys_to_virt(phys), sizeof t->entry);
	if (level == 0)
		return;
	unsigned n = level == 3 ? PT_ENTRIES / 2 : PT_ENTRIES;
	for (unsigned i = 0; i < n; i++) {
		uint64_t e = t->entry[i];
		if ((e & PTE_P) && !(level <= 2 && (e & PTE_PS)))
			copy_table(e & PTE_ADDR, level - 1);
	}
}

/* proc's exit observer: replaces the copy with p's memory as it is now,
 * unless the copy is this run's process 1 (the program the student ran;
 * children it left behind end after it and are not what they asked for). */
static void keep(const struct proc *p)
{
	if (kept_pid1 && p->pid != 1)
		return;
	kept_pid1 = p->pid == 1;
	memset(&last, 0, sizeof last);
	last.valid = true;
	memcpy(last.name, p->name,
	       sizeof last.name < sizeof p->name ? sizeof last.name : sizeof p->name);
	last.name[sizeof last.name - 1] = '\0';
	last.pid = p->pid;
	last.exit_status = p->exit_status;
	last.start_brk = p->mm.start_brk;
	last.brk = p->mm.brk;
	for (const struct vma *v = vma_first(&p->mm.vmas); v; v = vma_next(v)) {
		if (last.nareas == SHELL_LAST_AREAS) {
			last.areas_dropped++;
			continue;
		}
		last.areas[last.nareas++] =
		    (struct shell_area){v->start, v->end, v->prot, v->flags};
	}
	last.pml4_phys = p->mm.pt.pml4_phys;
	if (last.pml4_phys)
		copy_table(last.pml4_phys, 3);
}

void shell_last_proc_start(void)
{
	proc_set_exit_observer(keep);
}

void shell_last_proc_new_run(void)
{
	kept_pid1 = false;
}

const struct shell_last_proc *shell_last_proc(void)
{
	return &last;
}

bool shell_last_proc_entry(uint64_t table_phys, unsigned index, uint64_t *entry)
{
	for (unsigned i = 0; i < last.ntables; i++)
		if (tables[i].phys == table_phys) {
			*entry = tables[i].entry[index % PT_ENTRIES];
			return true;
		}
	return false;
}
