/*
 * trace_mm.c - the memory manager's trace lines (trace_mm.h).
 *
 * Theory of operation. The allocators call these only when tracing is on
 * (TRACE_ON(): one load and a branch when off), after the allocation has
 * succeeded or before the free has changed anything, so the owner tag and
 * the cache named are those of the block itself. The lines' fields are
 * docs/TRACE.md's.
 */
#include "mm/trace_mm.h"
#include "mm/fault.h"

uint64_t trace_fault_ip;

/* Returns the word of docs/TRACE.md for an mm_fault verdict other than OK. */
static const char *refusal(enum mm_fault why)
{
	switch (why) {
	case MM_FAULT_MAPERR: return "maperr";
	case MM_FAULT_ACCERR: return "accerr";
	case MM_FAULT_STACK_GUARD: return "stack-guard";
	default: return "?";
	}
}

void trace_fault(uint64_t addr, unsigned access, enum mm_fault why, const char *how)
{
	struct trace_line *l = trace_begin("fault", trace_pid());
	if (!l)
		return;
	trace_addr(l, "addr", addr);
	trace_str(l, "access",
		  access == MM_ACCESS_EXEC    ? "x"
		  : access == MM_ACCESS_WRITE ? "w"
					      : "r");
	if (trace_fault_ip)
		trace_addr(l, "ip", trace_fault_ip);
	else
		trace_str(l, "by", "kernel-copy");
	if (why == MM_FAULT_OK) {
		trace_str(l, "how", how);
	} else if (why == MM_FAULT_OOM) {
		trace_str(l, "how", "oom");
	} else {
		trace_str(l, "how", "refused");
		trace_str(l, "why", refusal(why));
	}
	trace_end(l);
}

void trace_frame(const char *ev, uint64_t pa, unsigned order, enum frame_owner owner)
{
	struct trace_line *l = trace_begin(ev, trace_pid());
	if (!l)
		return;
	trace_addr(l, "pa", pa);
	trace_num(l, "order", order);
	trace_str(l, "owner", frame_owner_key(owner));
	trace_end(l);
}

void trace_slab(const char *ev, const char *cache, const void *addr, size_t size)
{
	struct trace_line *l = trace_begin(ev, trace_pid());
	if (!l)
		return;
	trace_str(l, "cache", cache);
	trace_addr(l, "addr", (uint64_t)addr);
	trace_num(l, "size", (int64_t)size);
	trace_end(l);
}
