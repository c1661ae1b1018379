/*
 * strftime.c - strftime in the C locale ("POSIX"), for the fields a
 * struct tm holds: the conversions of C99 and POSIX, less %s (it needs
 * mktime, which needs a time zone) and the E and O modifiers' locales.
 * A conversion it does not know makes strftime return 0, as when the
 * buffer is too small: an error the caller sees, never a made-up text.
 */
#include <stddef.h>
#include <time.h>

static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					"Thursday", "Friday", "Saturday"};
static const char *const month_names[] = {"January",   "February", "March",    "April",
					  "May",       "June",	   "July",     "August",
					  "September", "October",  "November", "December"};

/* An output buffer that remembers running out of room. */
struct out {
	char *p;
	size_t left; /* bytes free, the final NUL included */
	int full;
};

/* Appends n bytes of s. */
static void put(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (o->left <= 1) {
			o->full = 1;
			return;
		}
		*o->p++ = s[i];
		o->left--;
	}
}

/* Appends a NUL-terminated string. */
static void puts_(struct out *o, const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	put(o, s, n);
}

/* Appends v in at least width digits, padded with pad (0 for none). */
static void num(struct out *o, long long v, int width, char pad)
{
	char buf[24];
	int n = 0;
	int neg = v < 0;
	unsigned long long u = neg ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		buf[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (neg)
		put(o, "-", 1);
	for (int i = n; pad && i < width; i++)
		put(o, &pad, 1);
	while (n)
		put(o, &buf[--n], 1);
}

/* Returns 1 in a leap year of the Gregorian calendar. */
static int leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * ISO 8601 week-based year and week (%G, %V): weeks start on Monday and
 * week 1 is the one holding the year's first Thursday. Returns the week,
 * and the week-based year in *year.
 */
static int iso_week(const struct tm *tm, long long *year)
{
	long long y = (long long)tm->tm_year + 1900;
	int wday = (tm->tm_wday + 6) % 7;	  /* Monday = 0 */
	int week = (tm->tm_yday - wday + 10) / 7; /* the Thursday's week */
	if (week < 1) {
		y--;
		int last_yday = tm->tm_yday + 365 + leap(y); /* the day in the year before */
		week = (last_yday - wday + 10) / 7;
	} else if (week == 53) {
		int days = 365 + leap(y);
		if (tm->tm_yday - wday + 3 >= days) { /* this week's Thursday is next year */
			y++;
			week = 1;
		}
	}
	*year = y;
	return week;
}

/* The century of year (%C): the year divided by 100, rounded down. */
static long long floor_century(long long y)
{
	return y / 100 - (y % 100 != 0 && y < 0);
}

/* Formats one conversion c; returns 0 if c is not one strftime knows. */
static int convert(struct out *o, char c, const struct tm *tm)
{
	long long year = (long long)tm->tm_year + 1900;
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	const char *day = (unsigned)tm->tm_wday < 7 ? day_names[tm->tm_wday] : "?";
	const char *month = (unsigned)tm->tm_mon < 12 ? month_names[tm->tm_mon] : "?";
	long long iso_year;
	switch (c) {
	case 'a': put(o, day, 3); break;
	case 'A': puts_(o, day); break;
	case 'b':
	case 'h': put(o, month, 3); break;
	case 'B': puts_(o, month); break;
	case 'c':
		convert(o, 'a', tm), put(o, " ", 1), convert(o, 'b', tm), put(o, " ", 1);
		convert(o, 'e', tm), put(o, " ", 1), convert(o, 'T', tm), put(o, " ", 1);
		convert(o, 'Y', tm);
		break;
	case 'C': num(o, floor_century(year), 1, 0); break; /* unpadded, as glibc */
	case 'd': num(o, tm->tm_mday, 2, '0'); break;
	case 'D':
		convert(o, 'm', tm), put(o, "/", 1), convert(o, 'd', tm), put(o, "/", 1),
		    convert(o, 'y', tm);
		break;
	case 'e': num(o, tm->tm_mday, 2, ' '); break;
	case 'F':
		convert(o, 'Y', tm), put(o, "-", 1), convert(o, 'm', tm), put(o, "-", 1),
		    convert(o, 'd', tm);
		break;
	case 'g':
		iso_week(tm, &iso_year);
		num(o, ((iso_year % 100) + 100) % 100, 2, '0');
		break;
	case 'G':
		iso_week(tm, &iso_year);
		num(o, iso_year, 1, 0);
		break;
	case 'H': num(o, tm->tm_hour, 2, '0'); break;
	case 'I': num(o, hour12, 2, '0'); break;
	case 'j': num(o, tm->tm_yday + 1, 3, '0'); break;
	case 'm': num(o, tm->tm_mon + 1, 2, '0'); break;
	case 'M': num(o, tm->tm_min, 2, '0'); break;
	case 'n': put(o, "\n", 1); break;
	case 'p': puts_(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'r':
		convert(o, 'I', tm), put(o, ":", 1), convert(o, 'M', tm), put(o, ":", 1),
		    convert(o, 'S', tm), put(o, " ", 1), convert(o, 'p', tm);
		break;
	case 'R': convert(o, 'H', tm), put(o, ":", 1), convert(o, 'M', tm); break;
	case 'S': num(o, tm->tm_sec, 2, '0'); break;
	case 't': put(o, "\t", 1); break;
	case 'T':
		convert(o, 'H', tm), put(o, ":", 1), convert(o, 'M', tm), put(o, ":", 1),
		    convert(o, 'S', tm);
		break;
	case 'u': num(o, tm->tm_wday ? tm->tm_wday : 7, 1, 0); break;
	case 'U': num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0'); break;
	case 'V': num(o, iso_week(tm, &iso_year), 2, '0'); break;
	case 'w': num(o, tm->tm_wday, 1, 0); break;
	case 'W': num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0'); break;
	case 'x': convert(o, 'D', tm); break;
	case 'X': convert(o, 'T', tm); break;
	case 'y': num(o, ((year % 100) + 100) % 100, 2, '0'); break;
	case 'Y': num(o, year, 1, 0); break;
	case 'z': put(o, "+0000", 5); break;
	case 'Z': puts_(o, tm->tm_zone ? tm->tm_zone : "GMT"); break;
	case '%': put(o, "%", 1); break;
	default: return 0;
	}
	return 1;
}

/* Formats tm by format into s (max bytes with the NUL); returns the length, or 0. */
size_t strftime(char *__restrict s, size_t max, const char *__restrict format,
		const struct tm *__restrict tm)
{
	struct out o = {s, max, 0};
	for (const char *f = format; *f; f++) {
		if (*f != '%') {
			put(&o, f, 1);
			continue;
		}
		f++;
		if (*f == 'E' || *f == 'O') /* the locale's alternatives: the C locale has none */
			f++;
		if (!*f || !convert(&o, *f, tm))
			return 0;
	}
	if (o.full || max == 0)
		return 0;
	*o.p = '\0';
	return (size_t)(o.p - s);
}
