/* _exit.c - _exit(2) and _Exit: end the process now, flushing nothing. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* Ends the process with status & 0xff; no atexit handlers, no stdio flush. */
_Noreturn void _exit(int status)
{
	for (;;) {
		__syscall1(SYS_exit_group, status);
		__syscall1(SYS_exit, status);
	}
}

/* C99's name for _exit. */
_Noreturn void _Exit(int status)
{
	_exit(status);
}
