/*
 * trace_proc.h - the processes' trace events (lib/trace.h, docs/TRACE.md):
 * a program's areas when it starts (exec) and ends (exit), and fork.
 * Callers test TRACE_ON() first.
 */
#ifndef PROC_TRACE_PROC_H
#define PROC_TRACE_PROC_H

#include "lib/trace.h"
#include "proc/proc.h"

/* Writes the exec line of p, which now runs path: its areas. */
void trace_exec(const struct proc *p, const char *path);

/* Writes the exit line of p (status as a shell shows it) with its last areas. */
void trace_exit(const struct proc *p);

/* Writes the fork line: parent made child. */
void trace_fork(const struct proc *parent, int child);

/* Turns the trace on (its start line gives the RAM the frame allocator
 * manages) or off: the command line's "trace", the console's `trace`. */
void trace_turn(bool on);

/* Lets the trace name the running process in its lines (boot sets it up). */
void trace_proc_init(void);

#endif
