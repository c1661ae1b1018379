/*
 * trace.h - the memory event trace: one JSON line per memory event.
 *
 * Every memory event (a memory system call and its result, a page fault
 * and how it was served, a frame or kernel-heap object allocated or
 * freed, a program's areas when it starts and ends, a fork, and the user
 * allocator's malloc/free/realloc) can be written as one line of JSON to
 * QEMU's debug console, I/O port 0xe9, which `-debugcon file:PATH` saves
 * to a file: a channel of its own, never mixed into the program's output
 * or the kernel's log. The format (version 1) is docs/TRACE.md.
 *
 * Off by default. It is turned on by "trace" (or "trace=1") on the kernel
 * command line, or by the console's `trace on`. When off, every event
 * site costs one load and one predictable branch (TRACE_ON below), and
 * the events' code lives out of line, marked cold.
 */
#ifndef LIB_TRACE_H
#define LIB_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef HOST_TEST
#define trace_enabled false /* host builds of shared code never trace */
#else
extern bool trace_enabled;
#endif

/* The test at every event site: true (rarely) when events are written. */
#define TRACE_ON() __builtin_expect(trace_enabled, 0)

/* The version of the format, the "v" of the start line. */
#define TRACE_VERSION 1

/* A line being built: the fields are appended, trace_end writes it.
 * There is one (lines never nest): static, not on a kernel stack. */
struct trace_line {
	char buf[8192];
	size_t len;
	bool overflow;	/* more than buf holds: the line is cut and marked */
	const char *ev; /* its kind and time, for the "cut" line that replaces it */
	uint64_t t;
};

/* Turns tracing on (writing the start line first, which reports ram
 * bytes of RAM) or off. */
void trace_set(bool on, uint64_t ram);

/*
 * Sends the lines to buf (NUL-terminated, at most size - 1 bytes) instead
 * of the port, for the kernel's tests; buf == NULL goes back to the port.
 * Returns how many bytes the capture had received before this call.
 */
size_t trace_capture(char *buf, size_t size);

/* Returns how many events were dropped (begun inside another's line). */
uint64_t trace_dropped(void);

/*
 * Starts the line of event ev with its "t" (the TSC) and, if pid >= 0, its
 * "pid", and returns it. Returns NULL when another line is being built:
 * an event inside an event is dropped (and counted), never interleaved.
 */
struct trace_line *trace_begin(const char *ev, int pid);

/* Appends "key":value for a signed number, an address (a "0x..." string),
 * a string (escaped) or raw JSON text (an array or object built by the caller). */
void trace_num(struct trace_line *l, const char *key, int64_t v);
void trace_addr(struct trace_line *l, const char *key, uint64_t v);
void trace_str(struct trace_line *l, const char *key, const char *s);
void trace_raw(struct trace_line *l, const char *text);

/* Closes the line and writes it (port or capture). */
void trace_end(struct trace_line *l);

/* Returns the pid of the running process, -1 when none runs (boot, idle),
 * as the function proc/ registered says (lib/ is below proc/). */
int trace_pid(void);
void trace_set_pid_source(int (*fn)(void));

#endif
