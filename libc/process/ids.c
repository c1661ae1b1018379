/*
 * ids.c - who this process is: getppid, gettid, and the user and group
 * ids (all 0 on Interlude, a root-only system).
 */
#include <sys/syscall.h>
#include <unistd.h>
#include "internal/syscall.h"

/* The parent's pid (it cannot fail). */
pid_t getppid(void)
{
	return (pid_t)__syscall0(SYS_getppid);
}

/* The thread id: the pid on Interlude, which has no threads. */
pid_t gettid(void)
{
	return (pid_t)__syscall0(SYS_gettid);
}

/* The real user id (it cannot fail). */
uid_t getuid(void)
{
	return (uid_t)__syscall0(SYS_getuid);
}

/* The effective user id. */
uid_t geteuid(void)
{
	return (uid_t)__syscall0(SYS_geteuid);
}

/* The real group id. */
gid_t getgid(void)
{
	return (gid_t)__syscall0(SYS_getgid);
}

/* The effective group id. */
gid_t getegid(void)
{
	return (gid_t)__syscall0(SYS_getegid);
}

/* Sets the user id; 0, or -1 with errno. */
int setuid(uid_t uid)
{
	return (int)__syscall_ret(__syscall1(SYS_setuid, uid));
}

/* Sets the group id; 0, or -1 with errno. */
int setgid(gid_t gid)
{
	return (int)__syscall_ret(__syscall1(SYS_setgid, gid));
}

/* The supplementary groups into list[0, size): how many, or -1 with errno. */
int getgroups(int size, gid_t list[])
{
	return (int)__syscall_ret(__syscall2(SYS_getgroups, size, list));
}

/* The real, effective and saved user ids; 0, or -1 with errno. */
int getresuid(uid_t *r, uid_t *e, uid_t *s)
{
	return (int)__syscall_ret(__syscall3(SYS_getresuid, r, e, s));
}

/* The real, effective and saved group ids; 0, or -1 with errno. */
int getresgid(gid_t *r, gid_t *e, gid_t *s)
{
	return (int)__syscall_ret(__syscall3(SYS_getresgid, r, e, s));
}
