/*
 * trace.c - the trace's channel and its line writer (trace.h).
 *
 * Theory of operation. An event builds its whole line on the stack
 * (struct trace_line: trace_begin, then one call per field, trace_end)
 * and trace_end writes it with one "rep outsb" to port 0xe9, QEMU's
 * isa-debugcon, which -debugcon file:PATH saves as it is. Building the
 * line first keeps each line whole: an event that happens while another
 * line is being built (an interrupt, or a frame freed by the trace's own
 * caller half-way) is dropped and counted, never spliced into it. The
 * kernel has one CPU, so a flag is enough to know.
 *
 * Without -debugcon, QEMU ignores the port and the lines are lost, which
 * is harmless. The kernel's tests capture the lines into a buffer instead
 * (trace_capture) and read them back.
 *
 * "t" is the guest's time stamp counter: under -icount it counts guest
 * instructions, so two runs of the same program give the same times.
 */
#include "lib/trace.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define TRACE_PORT 0xe9

bool trace_enabled;
static bool in_line;	  /* a line is being built: nested events are dropped */
static uint64_t dropped;  /* how many were */
static char *capture_buf; /* trace_capture's buffer, or NULL: the port */
static size_t capture_size, capture_len;

/* Writes n bytes to the port in one instruction (or appends them to the capture). */
static void emit(const char *s, size_t n)
{
	if (capture_buf) {
		size_t room = capture_size - 1 - capture_len;
		size_t k = n < room ? n : room;
		memcpy(capture_buf + capture_len, s, k);
		capture_len += k;
		capture_buf[capture_len] = '\0';
		return;
	}
	__asm__ volatile("rep outsb" : "+S"(s), "+c"(n) : "d"((uint16_t)TRACE_PORT) : "memory");
}

size_t trace_capture(char *buf, size_t size)
{
	size_t had = capture_len;
	capture_buf = size ? buf : NULL;
	capture_size = size;
	capture_len = 0;
	if (capture_buf)
		capture_buf[0] = '\0';
	return had;
}

uint64_t trace_dropped(void)
{
	return dropped;
}

static int (*pid_source)(void); /* trace_set_pid_source */

void trace_set_pid_source(int (*fn)(void))
{
	pid_source = fn;
}

int trace_pid(void)
{
	return pid_source ? pid_source() : -1;
}

/* Returns the time stamp counter (the lib layer has no cpu.h of its own). */
static uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Appends text to l; what does not fit is cut and the line marked. */
static void put(struct trace_line *l, const char *s, size_t n)
{
	size_t room = sizeof l->buf - 2 - l->len; /* 2: room for the closing "}\n" */
	if (n > room) {
		n = room;
		l->overflow = true;
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

/* Appends "key": to l, after a comma unless an object has just begun. */
static void key(struct trace_line *l, const char *k)
{
	if (l->len && l->buf[l->len - 1] != '{')
		put(l, ",", 1);
	put(l, "\"", 1);
	put(l, k, strlen(k));
	put(l, "\":", 2);
}

/* Appends one number formatted by fmt (a ksnprintf format of one argument). */
static void putf(struct trace_line *l, const char *fmt, uint64_t v)
{
	char tmp[32];
	int n = ksnprintf(tmp, sizeof tmp, fmt, v);
	put(l, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

struct trace_line *trace_begin(const char *ev, int pid)
{
	static struct trace_line line;
	struct trace_line *l = &line;
	if (in_line) {
		dropped++;
		return NULL;
	}
	in_line = true;
	l->len = 0;
	l->overflow = false;
	l->ev = ev;
	l->t = tsc();
	put(l, "{\"ev\":\"", 7);
	put(l, ev, strlen(ev));
	put(l, "\"", 1);
	key(l, "t");
	putf(l, "%lu", l->t);
	if (pid >= 0)
		trace_num(l, "pid", pid);
	return l;
}

void trace_num(struct trace_line *l, const char *k, int64_t v)
{
	key(l, k);
	putf(l, "%ld", (uint64_t)v);
}

void trace_addr(struct trace_line *l, const char *k, uint64_t v)
{
	key(l, k);
	putf(l, "\"0x%lx\"", v);
}

void trace_str(struct trace_line *l, const char *k, const char *s)
{
	key(l, k);
	put(l, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};
			put(l, esc, 2);
		} else if (c < 0x20 || c >= 0x7f) { /* control bytes and non-ASCII: \u00XX */
			char esc[8];
			ksnprintf(esc, sizeof esc, "\\u%04x", c);
			put(l, esc, 6);
		} else {
			put(l, (const char *)&c, 1);
		}
	}
	put(l, "\"", 1);
}

void trace_raw(struct trace_line *l, const char *text)
{
	put(l, text, strlen(text));
}

void trace_end(struct trace_line *l)
{
	/* A line cut short may have lost a quote or a bracket, and no reader
	 * could trust it: what is written instead says only that an event of
	 * kind "of" was too long at time t (put() kept room for either ending). */
	if (l->overflow) {
		l->len = 0;
		l->overflow = false;
		put(l, "{\"ev\":\"cut\"", 11);
		key(l, "t");
		putf(l, "%lu", l->t);
		trace_str(l, "of", l->ev);
	}
	memcpy(l->buf + l->len, "}\n", 2);
	l->len += 2;
	emit(l->buf, l->len);
	in_line = false;
}

void trace_set(bool on, uint64_t ram)
{
	if (on && !trace_enabled) {
		char line[160];
		int n =
		    ksnprintf(line, sizeof line,
			      "{\"v\":%d,\"ev\":\"start\",\"t\":%lu,\"ram\":%lu,\"page\":%lu}\n",
			      TRACE_VERSION, tsc(), ram, 4096ul);
		emit(line, (size_t)n);
	}
	trace_enabled = on;
}
