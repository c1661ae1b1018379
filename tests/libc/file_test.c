/*
 * file_test.c - the FILE layer on real files: fopen and friends, seeking,
 * reading back, ungetc, getline, appending, large reads and writes, in a
 * file of /tmp: on Linux's and on Interlude's (a tmpfs), with the same
 * output.
 *
 * test-run: ktap
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

static char path[64];

/* A file of ours in /tmp, opened with mode. */
static FILE *scratch(const char *mode)
{
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/interlude-file-test-%d", (int)getpid());
	return fopen(path, mode);
}

static void t_write_seek_read(void)
{
	FILE *f = scratch("w+");
	ASSERT(f != NULL);
	EXPECT_EQ(fputs("hello\nworld\n", f), 0);
	EXPECT_EQ(fprintf(f, "%d\n", 42), 3);
	EXPECT_EQ(ftell(f), 15, "ftell counts what is still buffered");
	EXPECT_EQ(fseek(f, 6, SEEK_SET), 0);
	char buf[16] = {0};
	EXPECT_EQ(fread(buf, 1, 5, f), 5);
	EXPECT_STR(buf, "world");
	EXPECT_EQ(ftell(f), 11, "ftell subtracts what was read ahead");
	EXPECT_EQ(fgetc(f), '\n');
	EXPECT_EQ(ungetc('X', f), 'X');
	EXPECT_EQ(ftell(f), 11, "ungetc steps the position back");
	EXPECT_EQ(fgetc(f), 'X', "the pushed-back byte comes next");
	EXPECT_EQ(fgetc(f), '4');
	rewind(f);
	char *line = NULL;
	size_t cap = 0;
	EXPECT_EQ(getline(&line, &cap, f), 6);
	EXPECT_STR(line, "hello\n");
	EXPECT_EQ(getdelim(&line, &cap, 'l', f), 4, "getdelim stops after its delimiter");
	EXPECT_STR(line, "worl");
	EXPECT_EQ(fseek(f, 0, SEEK_END), 0);
	EXPECT_EQ(getline(&line, &cap, f), -1, "getline at the end");
	EXPECT(feof(f) && !ferror(f));
	clearerr(f);
	EXPECT(!feof(f));
	EXPECT_EQ(fseek(f, -3, SEEK_END), 0);
	EXPECT_EQ(fread(buf, 1, sizeof buf, f), 3, "fread stops at the end");
	EXPECT(feof(f));
	EXPECT_EQ(fclose(f), 0);
	free(line);
	FILE *r = fopen(path, "r");
	ASSERT(r != NULL);
	EXPECT_EQ(fputc('x', r), EOF, "a stream opened for reading cannot write");
	EXPECT(ferror(r) && errno == EBADF);
	EXPECT_EQ(fclose(r), 0);
	FILE *a = fopen(path, "a");
	ASSERT(a != NULL);
	EXPECT_EQ(fgetc(a), EOF, "a stream opened for appending cannot read");
	EXPECT_EQ(fputs("more\n", a), 0);
	EXPECT_EQ(fclose(a), 0);
	r = fopen(path, "r");
	ASSERT(r != NULL);
	EXPECT_EQ(fseek(r, -5, SEEK_END), 0);
	EXPECT_STR(fgets(buf, sizeof buf, r), "more\n", "appended at the end");
	EXPECT_EQ(fclose(r), 0);
	EXPECT_EQ(unlink(path), 0);
}

static void t_big_fread_and_fwrite(void)
{
	FILE *f = scratch("w+");
	ASSERT(f != NULL);
	static unsigned char out[10000], in[10000];
	for (size_t i = 0; i < sizeof out; i++)
		out[i] = (unsigned char)(i * 7);
	EXPECT_EQ(fwrite(out, 100, 100, f), 100);
	rewind(f);
	EXPECT_EQ(fread(in, 1, 10, f), 10, "a small read fills the buffer");
	EXPECT_EQ(fread(in + 10, 1, sizeof in - 10, f), sizeof in - 10,
		  "a large read takes the rest of the buffer, then reads straight in");
	EXPECT(memcmp(in, out, sizeof in) == 0, "every byte read back");
	EXPECT_EQ(fclose(f), 0);
	EXPECT_EQ(unlink(path), 0);
}

static const struct ktap_case cases[] = {
    KTAP_CASE(t_write_seek_read),
    KTAP_CASE(t_big_fread_and_fwrite),
};

int main(void)
{
	return ktap_run_cases("file", cases, KTAP_NCASES(cases));
}
