/*
 * sys/resource.h - resource limits (getrlimit, setrlimit, prlimit) and
 * resource usage (getrusage), with Linux's numbers and structures.
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>

typedef unsigned long rlim_t;
#define RLIM_INFINITY (~0UL)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

#define RLIMIT_CPU 0	     /* CPU time, seconds */
#define RLIMIT_FSIZE 1	     /* file size, bytes */
#define RLIMIT_DATA 2	     /* data segment, bytes */
#define RLIMIT_STACK 3	     /* the stack, bytes */
#define RLIMIT_CORE 4	     /* core file size, bytes */
#define RLIMIT_RSS 5	     /* resident set, bytes */
#define RLIMIT_NPROC 6	     /* processes */
#define RLIMIT_NOFILE 7	     /* open descriptors: one more than the highest */
#define RLIMIT_MEMLOCK 8     /* locked memory, bytes */
#define RLIMIT_AS 9	     /* address space, bytes */
#define RLIMIT_LOCKS 10	     /* file locks */
#define RLIMIT_SIGPENDING 11 /* queued signals */
#define RLIMIT_MSGQUEUE 12   /* POSIX message queues, bytes */
#define RLIMIT_NICE 13	     /* the nice ceiling, as 20 - nice */
#define RLIMIT_RTPRIO 14     /* real-time priority */
#define RLIMIT_RTTIME 15     /* real-time CPU time, microseconds */
#define RLIMIT_NLIMITS 16
#define RLIM_NLIMITS RLIMIT_NLIMITS

struct rlimit {
	rlim_t rlim_cur; /* the soft limit: the one enforced */
	rlim_t rlim_max; /* the hard limit: the soft one's ceiling */
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct rusage {
	struct timeval ru_utime; /* user time */
	struct timeval ru_stime; /* system time */
	long ru_maxrss;		 /* largest resident set, KiB */
	long ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt; /* page faults served without I/O */
	long ru_majflt; /* page faults that needed I/O */
	long ru_nswap;
	long ru_inblock, ru_oublock;
	long ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw;	/* voluntary context switches (it waited) */
	long ru_nivcsw; /* involuntary ones (its time slice ended) */
};

/* libc/process/resource.c: 0, or -1 with errno. */
int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);
int getrusage(int who, struct rusage *usage);

/* The nice value (-20..19) of a process, a process group or a user. */
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);

#endif
