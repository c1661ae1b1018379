/*
 * localtime.c - localtime_r, localtime, mktime and tzset: the local time,
 * which here is always UTC.
 *
 * Interlude has no time zone file, and glibc with TZ unset and no
 * /etc/localtime (or with TZ=UTC0) keeps its local time in UTC. So the
 * local calendar is gmtime's, named "UTC" (glibc's name for the local
 * zone, where gmtime says "GMT"), and mktime is timegm that also sets
 * tm_isdst to 0 (no daylight saving time ever applies). TZ is not read:
 * a program that sets it to another zone still gets UTC.
 */
#include <time.h>

char *tzname[2] = {"UTC", "UTC"};
long timezone = 0;
int daylight = 0;

/* Nothing to read: the zone is always UTC. */
void tzset(void)
{
}

/* gmtime_r under the local zone's name; NULL with EOVERFLOW as gmtime_r. */
struct tm *localtime_r(const time_t *__restrict timer, struct tm *__restrict tm)
{
	if (!gmtime_r(timer, tm))
		return NULL;
	tm->tm_zone = "UTC";
	return tm;
}

/* localtime_r into one static struct tm, as the C standard's localtime. */
struct tm *localtime(const time_t *timer)
{
	static struct tm tm;
	return localtime_r(timer, &tm);
}

/* The seconds of the local time tm (normalised in place, as timegm does,
 * with tm_isdst 0 and the zone's name); -1 if it does not fit. */
time_t mktime(struct tm *tm)
{
	time_t t = timegm(tm);
	tm->tm_zone = "UTC";
	return t;
}
