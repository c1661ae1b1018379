/* getpid.c - getpid(2). */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* The process id (it cannot fail). */
pid_t getpid(void)
{
	return (pid_t)__syscall0(SYS_getpid);
}
