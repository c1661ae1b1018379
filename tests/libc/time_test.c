/*
 * time_test.c - gmtime_r, timegm and strftime on instants chosen for
 * their edges: the epoch, before it, leap days, centuries that are and
 * are not leap years, 2^31 seconds, year 9999, and the ISO 8601 weeks at
 * the turn of a year (%G %V). Each line prints what strftime made of it,
 * so the glibc build must print the very same text.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "ktap.h"

static const long long instants[] = {
    0,		    /* 1970-01-01 Thursday */
    -1,		    /* 1969-12-31 23:59:59 */
    951782400,	    /* 2000-02-29 */
    4107542400LL,   /* 2100-03-01: 2100 is not a leap year */
    -2208988800LL,  /* 1900-01-01 */
    2147483648LL,   /* 2038-01-19 03:14:08 */
    253402300799LL, /* 9999-12-31 23:59:59 */
    1609632000,	    /* 2021-01-03 Sunday: ISO week 53 of 2020 */
    1546214400,	    /* 2018-12-31 Monday: ISO week 1 of 2019 */
    1104537600,	    /* 2005-01-01 Saturday: ISO week 53 of 2004 */
    1230681600,	    /* 2008-12-31 Wednesday: ISO week 1 of 2009 */
    1262304000,	    /* 2010-01-01 Friday: ISO week 53 of 2009 */
    1700000000,	    /* 2023-11-14 22:13:20 */
    -62135596800LL, /* 0001-01-01 */
};

static const char *const formats[] = {
    "%a %A %b %B %h", "%c",
    "%C %y %Y %G %g", "%d %e %j %m",
    "%D %F %T %R %r", "%H %I %M %S %p",
    "%u %w %U %W %V", "%x %X %z %Z",
    "%%|%n|%t|",
};

int main(void)
{
	int n = sizeof instants / sizeof instants[0];
	int nf = sizeof formats / sizeof formats[0];
	ktap_begin(n * (nf + 1) + 2);
	for (int i = 0; i < n; i++) {
		time_t t = (time_t)instants[i];
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		if (!gmtime_r(&t, &tm)) {
			EXPECT(0, "gmtime_r(%lld)", instants[i]);
			continue;
		}
		for (int f = 0; f < nf; f++) {
			char buf[128];
			size_t len = strftime(buf, sizeof buf, formats[f], &tm);
			for (size_t k = 0; k < len; k++)
				if (buf[k] == '\n' || buf[k] == '\t')
					buf[k] = '_'; /* one result line each */
			EXPECT(len > 0, "%lld '%s' -> '%s'", instants[i], formats[f], buf);
		}
		struct tm copy = tm;
		EXPECT_EQ((long long)timegm(&copy), instants[i], "timegm inverts gmtime_r at %lld",
			  instants[i]);
	}
	/* timegm normalises: month 12 of 1999 is January 2000, day 0 the last of the month before.
	 */
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 99;
	tm.tm_mon = 12;
	tm.tm_mday = 0;
	EXPECT_EQ((long long)timegm(&tm), 946598400LL, "timegm(1999-13-00) is 1999-12-31");
	char small[4];
	EXPECT_EQ(strftime(small, sizeof small, "%Y-%m", &tm), 0,
		  "strftime into too small a buffer returns 0");
	return ktap_end();
}
