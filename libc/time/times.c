/* times.c - times(2). Interlude has no clock yet: it fails with ENOSYS there. */
#include <sys/syscall.h>
#include <sys/times.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* The process's times in clock ticks (sysconf(_SC_CLK_TCK) a second), or (clock_t)-1 with errno. */
clock_t times(struct tms *buf)
{
	__malloc_prepare_write(buf, sizeof *buf, "times");
	return __syscall_ret(__syscall1(SYS_times, buf));
}
