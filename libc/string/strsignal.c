/*
 * strsignal.c - strsignal: a signal number's description, in glibc's
 * words (so that a program prints the same on both systems).
 */
#include <stdio.h>
#include <string.h>

#define SIGRTMIN_ 34 /* glibc's: 32 and 33 are its threads library's own */
#define SIGRTMAX_ 64

static const char *const names[32] = {
    NULL,
    "Hangup",
    "Interrupt",
    "Quit",
    "Illegal instruction",
    "Trace/breakpoint trap",
    "Aborted",
    "Bus error",
    "Floating point exception",
    "Killed",
    "User defined signal 1",
    "Segmentation fault",
    "User defined signal 2",
    "Broken pipe",
    "Alarm clock",
    "Terminated",
    "Stack fault",
    "Child exited",
    "Continued",
    "Stopped (signal)",
    "Stopped",
    "Stopped (tty input)",
    "Stopped (tty output)",
    "Urgent I/O condition",
    "CPU time limit exceeded",
    "File size limit exceeded",
    "Virtual timer expired",
    "Profiling timer expired",
    "Window changed",
    "I/O possible",
    "Power failure",
    "Bad system call",
};

/* The description of sig: a fixed string for 1-31, else "Real-time
 * signal N" (N from SIGRTMIN) or "Unknown signal N" in a static buffer
 * that the next such call overwrites. */
char *strsignal(int sig)
{
	static char buf[32];
	if (sig > 0 && sig < 32)
		return (char *)names[sig];
	if (sig >= SIGRTMIN_ && sig <= SIGRTMAX_)
		snprintf(buf, sizeof buf, "Real-time signal %d", sig - SIGRTMIN_);
	else
		snprintf(buf, sizeof buf, "Unknown signal %d", sig);
	return buf;
}
