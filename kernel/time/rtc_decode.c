/*
 * rtc_decode.c - turning the CMOS clock's registers into seconds since
 * 1970 (rtc.h). Pure arithmetic, so the host build tests it too.
 *
 * The MC146818-style clock keeps each field in one byte, in BCD unless
 * status register B's bit 2 says binary; in 12-hour mode (bit 1 clear)
 * the hour is 1-12 with bit 7 set for PM, so 12 AM is midnight and 12 PM
 * noon. The year is two digits; the century, when the firmware keeps it,
 * is in register 0x32 (ACPI's FADT names that register; QEMU uses it).
 */
#include "time/rtc.h"

/* Returns the binary value of v, or -1 if v is not valid BCD. */
static int from_bcd(uint8_t v)
{
	if ((v & 0x0f) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0x0f);
}

/* Returns field v as a number in the clock's encoding, or -1. */
static int field(uint8_t v, bool binary)
{
	return binary ? v : from_bcd(v);
}

/* Returns the number of days in month m (1-12) of year y. */
static int days_in_month(int y, int m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return days[m - 1] + (m == 2 && leap);
}

bool rtc_decode(const struct rtc_raw *raw, struct rtc_time *t)
{
	bool binary = raw->status_b & RTC_B_BINARY;
	bool h24 = raw->status_b & RTC_B_24H;
	int pm = 0, hour;
	if (h24) {
		hour = field(raw->hour, binary);
	} else {
		pm = raw->hour & 0x80;
		hour = field(raw->hour & 0x7f, binary);
		if (hour < 1 || hour > 12)
			return false;
		hour = hour % 12 + (pm ? 12 : 0); /* 12 AM is 0, 12 PM is 12 */
	}
	int year = field(raw->year, binary);
	int century = raw->century ? field(raw->century, binary) : -1;
	t->second = field(raw->second, binary);
	t->minute = field(raw->minute, binary);
	t->day = field(raw->day, binary);
	t->month = field(raw->month, binary);
	t->hour = hour;
	if (year < 0 || year > 99)
		return false;
	if (century >= 19 && century <= 21)
		t->year = century * 100 + year;
	else
		t->year = year < 70 ? 2000 + year : 1900 + year;
	if (t->year < 1970 || t->second < 0 || t->second > 59 || t->minute < 0 || t->minute > 59 ||
	    hour < 0 || hour > 23 || t->month < 1 || t->month > 12)
		return false;
	return t->day >= 1 && t->day <= days_in_month(t->year, t->month);
}

/*
 * Days since 1970-01-01 of a civil date: counted from March 1 of year 0,
 * so that the leap day is the last day of its year, then shifted.
 */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = y / 400; /* y >= 1969 here: no negative division */
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t rtc_to_unix(const struct rtc_time *t)
{
	return days_from_civil(t->year, t->month, t->day) * 86400 + t->hour * 3600 +
	       t->minute * 60 + t->second;
}
