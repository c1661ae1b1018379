/*
 * resource.c - resource limits and usage: getrlimit, setrlimit, prlimit
 * (all three through prlimit64, as glibc does) and getrusage.
 */
#include <sys/resource.h>
#include <sys/syscall.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Reads and/or sets pid's limit `resource` (pid 0: the caller); 0, or -1 with errno. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	if (old_limit)
		__malloc_prepare_write(old_limit, sizeof *old_limit, "prlimit");
	return (int)__syscall_ret(__syscall4(SYS_prlimit64, pid, resource, new_limit, old_limit));
}

/* Reads the caller's limit `resource` into *rlim; 0, or -1 with errno (EINVAL). */
int getrlimit(int resource, struct rlimit *rlim)
{
	return prlimit(0, resource, NULL, rlim);
}

/* Sets the caller's limit `resource`; 0, or -1 with errno (EINVAL, EPERM). */
int setrlimit(int resource, const struct rlimit *rlim)
{
	return prlimit(0, resource, rlim, NULL);
}

/* What the caller (RUSAGE_SELF) or its reaped children (RUSAGE_CHILDREN)
 * used; 0, or -1 with errno. */
int getrusage(int who, struct rusage *usage)
{
	__malloc_prepare_write(usage, sizeof *usage, "getrusage");
	return (int)__syscall_ret(__syscall2(SYS_getrusage, who, usage));
}
