/*
 * refcheck.c - the whole-system reference check: every frame's count
 * against every process's page tables (proc.h: proc_check_refs).
 *
 * Theory of operation. After fork, a frame's reference count says how
 * many page-table entries (and kernel holders, such as a page cache) name
 * it. One address space alone cannot tell whether the count is right: a
 * COW frame shared by a parent and two children has 3 references, of
 * which each process sees one. So the rule is checked over the whole
 * system at once: the address space of every process in the table that
 * still has one, plus an address space the caller names (a process on
 * its way out, or a test's), handed to mm_check_refs (mm/mm_check.c),
 * which counts the registered kernel holders too. The mm folder cannot
 * see the process table (proc includes mm, never the reverse), which is
 * why this gathering lives here. The kernel is not preemptible, so the
 * table and the counts stay still while the checker borrows and gives
 * back references.
 */
#include "lib/panic.h"
#include "mm/mm_check.h"
#include "proc/proc.h"

/* The address spaces gathered so far. */
struct refcheck_spaces {
	struct mm *mms[PROC_MAX + 1];
	size_t count;
};

/* Adds p's address space, if it still has one. */
static void gather(struct proc *p, void *arg)
{
	struct refcheck_spaces *s = arg;
	if (p->has_mm && s->count < PROC_MAX)
		s->mms[s->count++] = &p->mm;
}

const char *proc_check_refs(struct mm *extra, char *why, size_t n)
{
	struct refcheck_spaces s = {.count = 0};
	proc_for_each(gather, &s);
	bool listed = extra == NULL;
	for (size_t i = 0; i < s.count && !listed; i++)
		listed = s.mms[i] == extra;
	if (!listed)
		s.mms[s.count++] = extra;
	return mm_check_refs(s.mms, s.count, why, n);
}

void proc_mm_check_or_panic(struct mm *mm, const char *where)
{
	char why[256];
	mm_check_or_panic(mm, where);
	if (proc_check_refs(mm, why, sizeof why))
		panic("mmcheck: %s: %s", where, why);
}
