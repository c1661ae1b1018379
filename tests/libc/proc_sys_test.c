/*
 * proc_sys_test.c - the system-wide /proc files that uptime, top and
 * vmstat read: /proc/uptime (seconds since boot, rising with the clock),
 * /proc/loadavg (three loads, running/all processes, the last pid) and
 * /proc/stat (the "cpu" and "cpu0" lines of ticks, btime agreeing with
 * the clock and the uptime). Only their formats and what holds on every
 * machine are checked. Run on Linux and on Interlude and compared.
 *
 * test-run: ktap
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

/* Reads the whole of path into buf (NUL-terminated); 1 if it could. */
static int slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return n > 0;
}

int main(void)
{
	ktap_begin(6);
	char buf[4096];
	double up1 = -1, idle = -1, up2 = -1;
	EXPECT(slurp("/proc/uptime", buf, sizeof buf) && sscanf(buf, "%lf %lf", &up1, &idle) == 2 &&
		   up1 > 0 && idle >= 0,
	       "/proc/uptime: seconds since boot and idle");
	usleep(200000);
	EXPECT(slurp("/proc/uptime", buf, sizeof buf) && sscanf(buf, "%lf", &up2) == 1 &&
		   up2 - up1 >= 0.19 && up2 - up1 < 5,
	       "it rises with the clock (0.2 s of sleep)");
	double l1, l5, l15;
	int running = 0, all = 0, last = 0;
	EXPECT(slurp("/proc/loadavg", buf, sizeof buf) &&
		   sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &all, &last) ==
		       6 &&
		   running >= 1 && all >= running && last > 0,
	       "/proc/loadavg: three loads, running/all (this one runs), the last pid");
	unsigned long long user, nice, sys, idl;
	EXPECT(slurp("/proc/stat", buf, sizeof buf) &&
		   sscanf(buf, "cpu %llu %llu %llu %llu", &user, &nice, &sys, &idl) == 4,
	       "/proc/stat begins with the cpu line: user, nice, system, idle ticks");
	EXPECT(strstr(buf, "\ncpu0 ") != NULL && strstr(buf, "\nprocs_running ") != NULL,
	       "then cpu0's line, and procs_running");
	const char *b = strstr(buf, "\nbtime ");
	long long btime = 0;
	EXPECT(b && sscanf(b, "\nbtime %lld", &btime) == 1 &&
		   btime - ((long long)time(NULL) - (long long)up2) < 5 &&
		   ((long long)time(NULL) - (long long)up2) - btime < 5,
	       "btime: the clock's time less the uptime");
	return ktap_end();
}
