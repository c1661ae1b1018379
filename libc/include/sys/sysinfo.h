/*
 * sys/sysinfo.h - sysinfo(): uptime, memory and process counts, Linux's
 * struct.
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

#define SI_LOAD_SHIFT 16

struct sysinfo {
	long uptime;		 /* seconds since boot */
	unsigned long loads[3];	 /* 1, 5 and 15 minute load averages, << SI_LOAD_SHIFT */
	unsigned long totalram;	 /* memory, in mem_unit units */
	unsigned long freeram;	 /* free memory */
	unsigned long sharedram; /* shared memory */
	unsigned long bufferram; /* buffers */
	unsigned long totalswap; /* swap space */
	unsigned long freeswap;	 /* free swap */
	unsigned short procs;	 /* processes */
	unsigned short pad;
	unsigned long totalhigh; /* high memory */
	unsigned long freehigh;
	unsigned int mem_unit; /* the unit of the memory fields, bytes */
};

/* libc/unistd/sysinfo.c: 0, or -1 with errno. */
int sysinfo(struct sysinfo *info);

#endif
