/*
 * string_test.c - string.h: copies (overlap in memmove), comparisons (the
 * sign of bytes above 127), strncpy's padding, searches, strtok, strerror.
 *
 * test-run: ktap host
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

/* Fills buf with 0, 1, 2, ... */
static void iota(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)i;
}

/* memcpy and memset at every alignment and length up to 40 bytes, against byte loops. */
static int copy_fill_all_alignments(void)
{
	unsigned char src[64], dst[64], want[64];
	iota(src, sizeof src);
	for (size_t so = 0; so < 8; so++)
		for (size_t dof = 0; dof < 8; dof++)
			for (size_t n = 0; n <= 40; n++) {
				memset(dst, 0xee, sizeof dst);
				for (size_t i = 0; i < sizeof want; i++)
					want[i] =
					    i >= dof && i < dof + n ? src[so + i - dof] : 0xee;
				if (memcpy(dst + dof, src + so, n) != dst + dof ||
				    memcmp(dst, want, sizeof dst))
					return 0;
				for (size_t i = 0; i < sizeof want; i++)
					want[i] = i >= dof && i < dof + n ? 0x5a : 0xee;
				memset(dst, 0xee, sizeof dst);
				if (memset(dst + dof, 0x15a, n) != dst + dof ||
				    memcmp(dst, want, sizeof dst))
					return 0;
			}
	return 1;
}

/* memmove of [from, from + n) to [to, to + n) in a 32-byte array, against a copy through a temporary. */
static int move_ok(size_t to, size_t from, size_t n)
{
	unsigned char a[32], tmp[32], want[32];
	iota(a, sizeof a);
	iota(want, sizeof want);
	for (size_t i = 0; i < n; i++)
		tmp[i] = a[from + i];
	for (size_t i = 0; i < n; i++)
		want[to + i] = tmp[i];
	return memmove(a + to, a + from, n) == a + to && memcmp(a, want, sizeof a) == 0;
}

static int all_moves(void)
{
	for (size_t n = 0; n <= 16; n++)
		for (size_t to = 0; to + n <= 32; to++)
			for (size_t from = 0; from + n <= 32; from++)
				if (!move_ok(to, from, n))
					return 0;
	return 1;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

int main(void)
{
	char buf[64];
	ktap_begin(45);

	EXPECT(copy_fill_all_alignments(),
	       "memcpy and memset: alignments 0-7, lengths 0-40, bytes outside untouched");
	EXPECT(move_ok(2, 0, 10), "memmove forward overlap (dst above src)");
	EXPECT(move_ok(0, 2, 10), "memmove backward overlap (dst below src)");
	EXPECT(all_moves(), "memmove: every overlap in a 32-byte array");
	EXPECT(memmove(buf, buf, 0) == buf, "memmove of 0 bytes returns dst");

	EXPECT_EQ(sign(memcmp("\x80", "\x7f", 1)), 1,
		  "memcmp compares bytes as unsigned (0x80 > 0x7f)");
	EXPECT_EQ(sign(memcmp("abc", "abd", 3)), -1, "memcmp less");
	EXPECT_EQ(memcmp("abc", "abd", 2), 0, "memcmp only n bytes");
	EXPECT_EQ(memcmp("x", "y", 0), 0, "memcmp of 0 bytes");
	EXPECT_EQ(sign(strcmp("\xff", "a")), 1, "strcmp compares bytes as unsigned");
	EXPECT_EQ(sign(strcmp("ab", "abc")), -1, "strcmp prefix is smaller");
	EXPECT_EQ(strcmp("", ""), 0, "strcmp empty strings");
	EXPECT_EQ(strncmp("abcX", "abcY", 3), 0, "strncmp stops after n");
	EXPECT_EQ(sign(strncmp("ab", "abc", 5)), -1, "strncmp stops at NUL");

	EXPECT_EQ(strlen(""), 0, "strlen empty");
	EXPECT_EQ(strlen("hello"), 5, "strlen");
	EXPECT_EQ(strnlen("hello", 3), 3, "strnlen bounded");
	EXPECT_EQ(strnlen("hi", 10), 2, "strnlen short string");

	memset(buf, 'X', sizeof buf);
	strncpy(buf, "ab", 6);
	EXPECT(memcmp(buf, "ab\0\0\0\0X", 7) == 0,
	       "strncpy pads with NULs to n bytes and no further");
	memset(buf, 'X', sizeof buf);
	strncpy(buf, "abcdef", 3);
	EXPECT(memcmp(buf, "abcX", 4) == 0, "strncpy does not terminate a truncated copy");
	EXPECT(strcpy(buf, "copy") == buf && strcmp(buf, "copy") == 0, "strcpy returns dst");
	EXPECT(stpcpy(buf, "end") == buf + 3, "stpcpy returns the end");
	strcpy(buf, "con");
	EXPECT_STR(strcat(buf, "cat"), "concat", "strcat");
	EXPECT_STR(strncat(buf, "enate!!", 5), "concatenate", "strncat appends n bytes and a NUL");

	const char *s = "hello, world";
	EXPECT(strchr(s, 'o') == s + 4, "strchr first");
	EXPECT(strrchr(s, 'o') == s + 8, "strrchr last");
	EXPECT(strchr(s, 0) == s + 12, "strchr finds the NUL");
	EXPECT(strchr(s, 'z') == NULL, "strchr missing");
	EXPECT(strchr("a\xe9", 0xe9) != NULL, "strchr of a byte above 127 given as int");
	EXPECT(memchr(s, 'w', 12) == s + 7, "memchr");
	EXPECT(memchr(s, 'w', 7) == NULL, "memchr bounded");
	EXPECT(strstr(s, "world") == s + 7, "strstr");
	EXPECT(strstr(s, "") == s, "strstr empty needle");
	EXPECT(strstr(s, "worlds") == NULL, "strstr missing (needle longer than the rest)");
	EXPECT_EQ(strspn("aabbc", "ab"), 4, "strspn");
	EXPECT_EQ(strcspn("hello", "lo"), 2, "strcspn");
	EXPECT(strpbrk(s, ",w") == s + 5, "strpbrk");

	char toks[] = "  one,two,,three  ";
	char *t1 = strtok(toks, " ,");
	char *t2 = strtok(NULL, " ,");
	char *t3 = strtok(NULL, " ,");
	char *t4 = strtok(NULL, " ,");
	EXPECT(t1 && t2 && t3 && !strcmp(t1, "one") && !strcmp(t2, "two") && !strcmp(t3, "three") &&
		   !t4,
	       "strtok skips runs of delimiters");
	EXPECT(strtok(NULL, " ,") == NULL, "strtok keeps returning NULL at the end");
	char *save, only[] = ",,,";
	EXPECT(strtok_r(only, ",", &save) == NULL, "strtok_r on delimiters only");

	EXPECT_STR(strerror(ENOMEM), "Cannot allocate memory", "strerror(ENOMEM)");
	EXPECT_STR(strerror(EINVAL), "Invalid argument", "strerror(EINVAL)");
	EXPECT(strncmp(strerror(-3), "Unknown error", 13) == 0,
	       "strerror of a bad number: Unknown error");

	char *d = strdup("duplicate");
	EXPECT(d && strcmp(d, "duplicate") == 0, "strdup");
	free(d);
	d = strndup("duplicate", 3);
	EXPECT(d && strcmp(d, "dup") == 0, "strndup");
	free(d);
	return ktap_end();
}
