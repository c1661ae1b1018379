/*
 * rtc.h - the PC's battery-backed CMOS real-time clock: the date and time
 * of day, read once at boot to set the wall clock (clock.h).
 */
#ifndef TIME_RTC_H
#define TIME_RTC_H

#include <stdbool.h>
#include <stdint.h>

/* The clock's registers as read from CMOS, before any decoding. */
struct rtc_raw {
	uint8_t second, minute, hour, day, month, year;
	uint8_t century;  /* register 0x32 (ACPI's usual place); 0: none */
	uint8_t status_b; /* RTC_B_BINARY, RTC_B_24H */
};

#define RTC_B_24H 0x02	  /* hours run 0-23 (else 1-12 with bit 7 meaning PM) */
#define RTC_B_BINARY 0x04 /* values are binary (else BCD: 0x59 means 59) */

/* A decoded date: year 1970..2199, month 1-12, day 1-31, 24-hour time. */
struct rtc_time {
	int year, month, day, hour, minute, second;
};

/*
 * Decodes raw registers: BCD or binary, 12- or 24-hour, the century from
 * its register when it holds 19..21, else the years 1970-2069 (years 70-99
 * are 19xx). Returns false if a field is out of range (a clock that was
 * never set, or a bad BCD digit).
 */
bool rtc_decode(const struct rtc_raw *raw, struct rtc_time *t);

/* Returns the seconds since 1970-01-01 00:00:00 UTC of a decoded date. */
int64_t rtc_to_unix(const struct rtc_time *t);

/* Reads the clock's registers (waiting out an update in progress, and
 * reading until two reads agree). */
void rtc_read_raw(struct rtc_raw *raw);

#endif
