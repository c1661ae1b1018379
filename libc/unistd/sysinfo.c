/* sysinfo.c - sysinfo(): uptime, memory and process counts. */
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Fills *info; 0, or -1 with errno (EFAULT). */
int sysinfo(struct sysinfo *info)
{
	__malloc_prepare_write(info, sizeof *info, "sysinfo");
	return (int)__syscall_ret(__syscall1(SYS_sysinfo, info));
}
