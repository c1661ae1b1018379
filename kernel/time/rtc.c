/*
 * rtc.c - reading the CMOS clock's registers (rtc.h; decoding is in
 * rtc_decode.c).
 *
 * CMOS is reached through an index port (0x70) and a data port (0x71);
 * the index's bit 7 disables NMI, which is kept set while reading. The
 * clock updates its registers once a second, and a read during the update
 * can see a mix of old and new fields (59 seconds of the new minute), so
 * the reader waits until status register A's update-in-progress bit is
 * clear and reads all fields until two reads in a row agree.
 */
#include "time/rtc.h"
#include "arch/x86_64/cpu.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_OFF 0x80
#define REG_SECOND 0x00
#define REG_MINUTE 0x02
#define REG_HOUR 0x04
#define REG_DAY 0x07
#define REG_MONTH 0x08
#define REG_YEAR 0x09
#define REG_A 0x0a
#define REG_B 0x0b
#define REG_CENTURY 0x32
#define A_UPDATE_IN_PROGRESS 0x80

/* Returns CMOS register reg. */
static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

/* Reads every field once, after any update in progress ends. */
static void read_once(struct rtc_raw *r)
{
	while (cmos_read(REG_A) & A_UPDATE_IN_PROGRESS)
		;
	r->second = cmos_read(REG_SECOND);
	r->minute = cmos_read(REG_MINUTE);
	r->hour = cmos_read(REG_HOUR);
	r->day = cmos_read(REG_DAY);
	r->month = cmos_read(REG_MONTH);
	r->year = cmos_read(REG_YEAR);
	r->century = cmos_read(REG_CENTURY);
	r->status_b = cmos_read(REG_B);
}

/* Returns true if two reads hold the same fields. */
static bool same(const struct rtc_raw *a, const struct rtc_raw *b)
{
	return a->second == b->second && a->minute == b->minute && a->hour == b->hour &&
	       a->day == b->day && a->month == b->month && a->year == b->year &&
	       a->century == b->century && a->status_b == b->status_b;
}

void rtc_read_raw(struct rtc_raw *raw)
{
	struct rtc_raw again;
	read_once(raw);
	for (;;) {
		read_once(&again);
		if (same(raw, &again))
			return;
		*raw = again;
	}
}
