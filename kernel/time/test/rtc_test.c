/*
 * rtc_test.c - decoding the CMOS clock's registers (suite "rtc"): BCD and
 * binary, 12- and 24-hour, the century register, bad values. Runs in the
 * kernel and on the host.
 */
#include "test/ktest.h"
#include "time/rtc.h"

/* 2026-12-03 17:44:34 as QEMU's clock holds it: BCD, 24-hour, century 20. */
static const struct rtc_raw qemu_like = {0x34, 0x44, 0x17, 0x03, 0x12, 0x26, 0x20, RTC_B_24H};

KTEST(rtc, bcd_24_hour)
{
	struct rtc_time t;
	ASSERT_TRUE(rtc_decode(&qemu_like, &t));
	EXPECT_EQ(t.year, 2026);
	EXPECT_EQ(t.month, 12);
	EXPECT_EQ(t.day, 3);
	EXPECT_EQ(t.hour, 17);
	EXPECT_EQ(t.minute, 44);
	EXPECT_EQ(t.second, 34);
	EXPECT_EQ(rtc_to_unix(&t), 1796319874); /* date -u -d '2026-12-03 17:44:34' +%s */
}

KTEST(rtc, binary_24_hour)
{
	struct rtc_raw r = {34, 44, 17, 3, 12, 26, 20, RTC_B_24H | RTC_B_BINARY};
	struct rtc_time t;
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(rtc_to_unix(&t), 1796319874);
}

KTEST(rtc, twelve_hour_pm_and_noon_and_midnight)
{
	struct rtc_raw r = qemu_like;
	struct rtc_time t;
	r.status_b = 0;
	r.hour = 0x80 | 0x05; /* 5 PM */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.hour, 17);
	r.hour = 0x80 | 0x12; /* 12 PM: noon */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.hour, 12);
	r.hour = 0x12; /* 12 AM: midnight */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.hour, 0);
	r.hour = 0x01; /* 1 AM */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.hour, 1);
	r = (struct rtc_raw){34, 44, 0x80 | 11, 3, 12, 26, 20, RTC_B_BINARY}; /* 11 PM */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.hour, 23);
}

KTEST(rtc, twelve_hour_rejects_zero_and_thirteen)
{
	struct rtc_raw r = qemu_like;
	struct rtc_time t;
	r.status_b = 0;
	r.hour = 0x00;
	EXPECT_FALSE(rtc_decode(&r, &t));
	r.hour = 0x13;
	EXPECT_FALSE(rtc_decode(&r, &t));
}

KTEST(rtc, century_register_and_without_it)
{
	struct rtc_raw r = qemu_like;
	struct rtc_time t;
	r.century = 0x21;
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.year, 2126);
	r.century = 0; /* no century register: 70-99 are 19xx, 00-69 20xx */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.year, 2026);
	r.year = 0x99;
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.year, 1999);
	r.century = 0xff; /* garbage: ignored like no register */
	ASSERT_TRUE(rtc_decode(&r, &t));
	EXPECT_EQ(t.year, 1999);
}

KTEST(rtc, rejects_bad_bcd_and_out_of_range_fields)
{
	struct rtc_raw r = qemu_like;
	struct rtc_time t;
	r.second = 0x5a; /* not a BCD digit */
	EXPECT_FALSE(rtc_decode(&r, &t));
	r = qemu_like;
	r.minute = 0x60;
	EXPECT_FALSE(rtc_decode(&r, &t));
	r = qemu_like;
	r.month = 0x13;
	EXPECT_FALSE(rtc_decode(&r, &t));
	r = qemu_like;
	r.month = 0x00;
	EXPECT_FALSE(rtc_decode(&r, &t));
	r = qemu_like;
	r.hour = 0x24;
	EXPECT_FALSE(rtc_decode(&r, &t));
}

KTEST(rtc, day_of_month_and_leap_years)
{
	struct rtc_raw r = {0, 0, 0, 0x29, 0x02, 0x24, 0x20, RTC_B_24H};
	struct rtc_time t;
	EXPECT_TRUE(rtc_decode(&r, &t)); /* 2024-02-29 */
	r.year = 0x26;
	EXPECT_FALSE(rtc_decode(&r, &t)); /* 2026-02-29 */
	r.year = 0x00;
	EXPECT_TRUE(rtc_decode(&r, &t)); /* 2000-02-29: divisible by 400 */
	r.century = 0x21;
	EXPECT_FALSE(rtc_decode(&r, &t)); /* 2100-02-29: not a leap year */
	r = (struct rtc_raw){0, 0, 0, 0x31, 0x04, 0x26, 0x20, RTC_B_24H};
	EXPECT_FALSE(rtc_decode(&r, &t)); /* April 31 */
}

KTEST(rtc, unix_time_of_known_dates)
{
	struct rtc_time epoch = {1970, 1, 1, 0, 0, 0};
	struct rtc_time leap = {2000, 2, 29, 23, 59, 59};
	struct rtc_time y2038 = {2038, 1, 19, 3, 14, 8};
	struct rtc_time y2100 = {2100, 3, 1, 0, 0, 0};
	EXPECT_EQ(rtc_to_unix(&epoch), 0);
	EXPECT_EQ(rtc_to_unix(&leap), 951868799);
	EXPECT_EQ(rtc_to_unix(&y2038), 2147483648);
	EXPECT_EQ(rtc_to_unix(&y2100), 4107542400);
}
