/*
 * runfile_test.c - tests of the run file parser (suite "runfile"), run
 * both in the kernel and on the host (under AddressSanitizer, which also
 * catches a read past the file's end).
 */
#include "test/ktest.h"
#include "boot/runfile.h"
#include "lib/string.h"

static struct runfile rf;
static char err[120];

/* Parses the first n bytes of s; true if accepted. */
static bool parse(const char *s, size_t n)
{
	return runfile_parse(s, n, &rf, err, sizeof err);
}

KTEST(runfile, strings_with_any_byte_but_nul)
{
	static const char f[] =
	    "interlude-run 1\nargc 3\nenvc 1\n\nprog\0a b\0it's&\xff\x04\0X=\n\0";
	ASSERT_TRUE(parse(f, sizeof f - 1));
	EXPECT_EQ(rf.argc, 3);
	EXPECT_EQ(rf.envc, 1);
	EXPECT_EQ(rf.tty_mask, 0);
	EXPECT_FALSE(rf.have_termios);
	EXPECT_EQ(rf.strings_size, 21);
	EXPECT_STREQ(rf.strings, "prog");
	EXPECT_STREQ(rf.strings + 5, "a b");
	EXPECT_STREQ(rf.strings + 9, "it's&\xff\x04");
	EXPECT_STREQ(rf.strings + 17, "X=\n");
}

KTEST(runfile, empty_strings_count)
{
	static const char f[] = "interlude-run 1\nargc 2\nenvc 0\n\n\0\0";
	ASSERT_TRUE(parse(f, sizeof f - 1));
	EXPECT_EQ(rf.argc, 2);
	EXPECT_EQ(rf.strings_size, 2);
}

KTEST(runfile, no_strings_at_all)
{
	static const char f[] = "interlude-run 1\nargc 0\nenvc 0\n\n";
	ASSERT_TRUE(parse(f, sizeof f - 1));
	EXPECT_EQ(rf.argc, 0);
	EXPECT_EQ(rf.strings_size, 0);
}

KTEST(runfile, terminal_lines)
{
	static const char f[] =
	    "interlude-run 1\ntty 5\nwinsize 24 80\n"
	    "termios 1280 5 191 35387 3 28 127 21 4 0 1 0 17 19 26 0 18 15 23 22 0 0 "
	    "0\nargc 1\nenvc 0\n\nx\0";
	ASSERT_TRUE(parse(f, sizeof f - 1));
	EXPECT_EQ(rf.tty_mask, 5);
	EXPECT_EQ(rf.rows, 24);
	EXPECT_EQ(rf.cols, 80);
	ASSERT_TRUE(rf.have_termios);
	EXPECT_EQ(rf.iflag, 1280);
	EXPECT_EQ(rf.oflag, 5);
	EXPECT_EQ(rf.cflag, 191);
	EXPECT_EQ(rf.lflag, 35387);
	EXPECT_EQ(rf.cc[0], 3);
	EXPECT_EQ(rf.cc[4], 4);
	EXPECT_EQ(rf.cc[18], 0);
}

KTEST(runfile, a_directory_to_start_in)
{
	static const char f[] = "interlude-run 1\ntty 1\ncwd /tmp/a b\nargc 1\nenvc 0\n\nx\0";
	ASSERT_TRUE(parse(f, sizeof f - 1));
	EXPECT_EQ(rf.cwd_len, 8);
	EXPECT_EQ(memcmp(rf.cwd, "/tmp/a b", 8), 0);
	EXPECT_EQ(rf.tty_mask, 1);
	static const char none[] = "interlude-run 1\nargc 0\nenvc 0\n\n";
	ASSERT_TRUE(parse(none, sizeof none - 1));
	EXPECT_NULL(rf.cwd); /* none: the root */
	static const char empty[] = "interlude-run 1\ncwd \nargc 0\nenvc 0\n\n";
	static const char bare[] = "interlude-run 1\ncwd\nargc 0\nenvc 0\n\n";
	static const char nul[] = "interlude-run 1\ncwd /t\0mp\nargc 0\nenvc 0\n\n";
	EXPECT_FALSE(parse(empty, sizeof empty - 1));
	EXPECT_STREQ(err, "a malformed cwd line");
	EXPECT_FALSE(parse(bare, sizeof bare - 1));
	EXPECT_FALSE(parse(nul, sizeof nul - 1));
}

KTEST(runfile, refuses_a_wrong_count)
{
	static const char more[] = "interlude-run 1\nargc 1\nenvc 0\n\na\0b\0";
	static const char fewer[] = "interlude-run 1\nargc 3\nenvc 0\n\na\0b\0";
	EXPECT_FALSE(parse(more, sizeof more - 1));
	EXPECT_FALSE(parse(fewer, sizeof fewer - 1));
	EXPECT_STREQ(err, "2 strings for argc 3 + envc 0");
}

KTEST(runfile, refuses_an_unterminated_string)
{
	static const char f[] = "interlude-run 1\nargc 1\nenvc 0\n\nabc";
	EXPECT_FALSE(parse(f, sizeof f - 1));
}

KTEST(runfile, refuses_a_bad_header)
{
	static const char magic[] = "interlude-run 2\nargc 0\nenvc 0\n\n";
	static const char tty[] = "interlude-run 1\ntty 9\nargc 0\nenvc 0\n\n";
	static const char winsize[] = "interlude-run 1\nwinsize 70000 80\nargc 0\nenvc 0\n\n";
	static const char termios[] = "interlude-run 1\ntermios 1 2 3\nargc 0\nenvc 0\n\n";
	static const char noblank[] = "interlude-run 1\nargc 0\nenvc 0\n";
	static const char nonumber[] = "interlude-run 1\nargc \nenvc 0\n\n";
	static const char huge[] = "interlude-run 1\nargc 99999999999999999999\nenvc 0\n\n";
	EXPECT_FALSE(parse(magic, sizeof magic - 1));
	EXPECT_FALSE(parse(tty, sizeof tty - 1));
	EXPECT_FALSE(parse(winsize, sizeof winsize - 1));
	EXPECT_FALSE(parse(termios, sizeof termios - 1));
	EXPECT_FALSE(parse(noblank, sizeof noblank - 1));
	EXPECT_FALSE(parse(nonumber, sizeof nonumber - 1));
	EXPECT_FALSE(parse(huge, sizeof huge - 1));
}

KTEST(runfile, never_reads_past_the_end)
{
	/* Every prefix of a good file is refused, and read within bounds: the
	 * prefix ends where its array ends, so on the host AddressSanitizer
	 * sees any read past it. */
	static const char f[] =
	    "interlude-run 1\ntty 1\nwinsize 24 80\ncwd /tmp\nargc 1\nenvc 0\n\nx\0";
	for (size_t n = 0; n < sizeof f - 1; n++) {
		char copy[sizeof f - 1];
		char *start = copy + sizeof copy - n;
		memcpy(start, f, n);
		EXPECT_FALSE(runfile_parse(start, n, &rf, err, sizeof err));
	}
	EXPECT_TRUE(runfile_parse(f, sizeof f - 1, &rf, err, sizeof err));
}
