/*
 * trace_proc.c - the processes' trace lines (trace_proc.h).
 *
 * Theory of operation. A viewer of the trace rebuilds each process's
 * address space from the memory calls' lines, but it must know where it
 * started: the exec line is a snapshot of every area just after the
 * program was loaded (image segments, heap, stack), and the exit line
 * another just before the areas are torn down, so the viewer can check
 * its reconstruction against the kernel's own. Each area is one JSON
 * object: start and end as "0x..." strings, prot as "rwx" letters, its
 * kind and a name as /proc/PID/maps would show it.
 */
#include "proc/trace_proc.h"
#include "lib/trace.h"
#include "mm/pmm.h"
#include "mm/vma.h"

/* Returns what the area is for, a word of docs/TRACE.md. */
static const char *area_kind(const struct vma *v)
{
	if (v->flags & VMA_IMAGE)
		return (v->prot & PROT_EXEC) ? "code" : "data";
	if (v->flags & VMA_HEAP)
		return "heap";
	if (v->flags & VMA_STACK)
		return "stack";
	return "mmap";
}

/* Returns the area's name as /proc/PID/maps shows it ("" for anonymous memory). */
static const char *area_name(const struct proc *p, const struct vma *v)
{
	if (v->flags & VMA_IMAGE)
		return p->name;
	if (v->flags & VMA_HEAP)
		return "[heap]";
	if (v->flags & VMA_STACK)
		return "[stack]";
	return "";
}

/* Appends "areas":[...] for p's address space to l. */
static void put_areas(struct trace_line *l, const struct proc *p)
{
	trace_raw(l, ",\"areas\":[");
	bool first = true;
	for (struct vma *v = vma_first(&p->mm.vmas); v; v = vma_next(v)) {
		char prot[4] = {(v->prot & PROT_READ) ? 'r' : '-',
				(v->prot & PROT_WRITE) ? 'w' : '-',
				(v->prot & PROT_EXEC) ? 'x' : '-', '\0'};
		trace_raw(l, first ? "{" : ",{");
		first = false;
		trace_addr(l, "start", v->start);
		trace_addr(l, "end", v->end);
		trace_str(l, "prot", prot);
		trace_str(l, "kind", area_kind(v));
		trace_str(l, "name", area_name(p, v));
		trace_raw(l, "}");
	}
	trace_raw(l, "]");
}

void trace_exec(const struct proc *p, const char *path)
{
	struct trace_line *l = trace_begin("exec", p->pid);
	if (!l)
		return;
	trace_str(l, "path", path);
	put_areas(l, p);
	trace_end(l);
}

void trace_exit(const struct proc *p)
{
	struct trace_line *l = trace_begin("exit", p->pid);
	if (!l)
		return;
	trace_num(l, "status", p->exit_status);
	put_areas(l, p);
	trace_end(l);
}

void trace_fork(const struct proc *parent, int child)
{
	struct trace_line *l = trace_begin("fork", parent->pid);
	if (!l)
		return;
	trace_num(l, "child", child);
	trace_end(l);
}

/* Returns the running process's pid, -1 when none runs. */
static int current_pid(void)
{
	struct proc *p = proc_current();
	return p ? p->pid : -1;
}

void trace_proc_init(void)
{
	trace_set_pid_source(current_pid);
}

void trace_turn(bool on)
{
	struct pmm_stats st;
	pmm_get_stats(&st);
	trace_set(on, st.usable_frames * PAGE_SIZE);
}
