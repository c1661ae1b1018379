/*
 * errno_test.c - <errno.h> and the error messages: the numbers are
 * Linux's, strerror has glibc's text for each of them ("Unknown error N"
 * beyond), strerror_r copies it or says EINVAL/ERANGE. On the host the
 * messages of -10..200 are compared with glibc's own strerror and
 * strerror_r (LIBC_HOST_TEST: rename.h).
 *
 * test-run: ktap host glibc
 */
#include <errno.h>
#include <string.h>
#include "ktap.h"

#ifdef LIBC_HOST_TEST
char *glibc_strerror(int) __asm__("strerror");
int glibc_strerror_r(int, char *, size_t) __asm__("__xpg_strerror_r");
#endif

static void tests(void)
{
	EXPECT(EPERM == 1 && ENOENT == 2 && EINTR == 4 && ENOMEM == 12 && EINVAL == 22 &&
		   ERANGE == 34 && ENOSYS == 38 && ELOOP == 40 && EOVERFLOW == 75 &&
		   EOPNOTSUPP == 95 && ETIMEDOUT == 110 && EHWPOISON == 133,
	       "the error numbers are Linux's x86-64 ones");
	EXPECT(EWOULDBLOCK == EAGAIN && EDEADLOCK == EDEADLK && ENOTSUP == EOPNOTSUPP,
	       "the aliases");
	EXPECT_STR(strerror(0), "Success");
	EXPECT_STR(strerror(ENOMEM), "Cannot allocate memory");
	EXPECT_STR(strerror(EAGAIN), "Resource temporarily unavailable");
	EXPECT_STR(strerror(ENOTBLK), "Block device required");
	EXPECT_STR(strerror(EUCLEAN), "Structure needs cleaning");
	EXPECT_STR(strerror(EHWPOISON), "Memory page has hardware error");
	EXPECT_STR(strerror(41), "Unknown error 41", "a gap in Linux's numbers");
	EXPECT_STR(strerror(134), "Unknown error 134");
	EXPECT_STR(strerror(-5), "Unknown error -5");
	EXPECT_STR(strerror(-2147483647 - 1), "Unknown error -2147483648");
	errno = 0;
	(void)strerror(12345);
	EXPECT_EQ(errno, 0, "strerror leaves errno alone");

	char buf[64];
	EXPECT(strerror_r(EINVAL, buf, sizeof buf) == 0 && strcmp(buf, "Invalid argument") == 0,
	       "strerror_r");
	EXPECT(strerror_r(EINVAL, buf, 8) == ERANGE && strcmp(buf, "Invalid") == 0,
	       "strerror_r with a short buffer: ERANGE, truncated and terminated");
	EXPECT(strerror_r(EINVAL, buf, 17) == 0 && strcmp(buf, "Invalid argument") == 0,
	       "strerror_r with a buffer of exactly the message and its NUL");
	int r = strerror_r(1000, buf, sizeof buf);
	EXPECT(r == EINVAL && strcmp(buf, "Unknown error 1000") == 0,
	       "strerror_r of an unknown number: EINVAL");

	int known = 0;
	for (int e = 1; e < 134; e++)
		if (strncmp(strerror(e), "Unknown error", 13) != 0)
			known++;
	EXPECT_EQ(known, 131, "131 of 1..133 have a message (41 and 58 are unused)");
#ifdef LIBC_HOST_TEST
	int differ = 0, differ_r = 0;
	for (int e = -10; e <= 200; e++) {
		if (strcmp(strerror(e), glibc_strerror(e)) != 0) {
			if (differ++ < 5)
				ktap_diag("strerror(%d): \"%s\", glibc \"%s\"", e, strerror(e),
					  glibc_strerror(e));
		}
		for (size_t n = 0; n < 40; n += 13) {
			char a[64], b[64];
			memset(a, 'x', sizeof a);
			memset(b, 'x', sizeof b);
			int ra = strerror_r(e, a, n), rb = glibc_strerror_r(e, b, n);
			if (ra != rb || memcmp(a, b, n) != 0) {
				if (differ_r++ < 5)
					ktap_diag(
					    "strerror_r(%d, %zu): %d \"%.*s\", glibc %d \"%.*s\"",
					    e, n, ra, (int)n, a, rb, (int)n, b);
			}
		}
	}
	EXPECT_EQ(differ, 0, "strerror(-10..200) is glibc's text for every number");
	EXPECT_EQ(
	    differ_r, 0,
	    "strerror_r(-10..200) is glibc's __xpg_strerror_r for buffers of 0, 13, 26, 39 bytes");
#endif
}

int main(void)
{
	return ktap_run(tests);
}
