/*
 * memstream_test.c - streams on memory: fmemopen (reading a string with
 * fscanf and fgets, writing into a buffer with fprintf, its NUL, the
 * modes, its limit, seeking, a buffer of its own), open_memstream (a
 * growing buffer, *ptr and *size after fflush and fclose, a seek past the
 * end), and fopencookie, which both are built on. Built against glibc
 * too: the same output.
 *
 * test-run: ktap glibc
 */
#define _GNU_SOURCE /* fopencookie, fmemopen, open_memstream in glibc */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

static void reading(void)
{
	char text[] = "12 apples\nand 7 pears\n";
	FILE *f = fmemopen(text, strlen(text), "r");
	int a = 0, b = 0;
	char word[16] = "", line[32] = "";
	EXPECT(f && fscanf(f, "%d %15s", &a, word) == 2 && a == 12 && strcmp(word, "apples") == 0,
	       "fmemopen \"r\": fscanf reads the string");
	EXPECT(f && getc(f) == '\n' && fgets(line, sizeof line, f) &&
		   strcmp(line, "and 7 pears\n") == 0 && getc(f) == EOF && feof(f),
	       "fmemopen \"r\": fgets, then end of file at the string's end");
	EXPECT(f && fseek(f, 4, SEEK_SET) == 0 && fscanf(f, "%*s %*s %d", &b) == 1 && b == 7,
	       "fmemopen: fseek and read again");
	EXPECT(f && fseek(f, -6, SEEK_END) == 0 && ftell(f) == (long)strlen(text) - 6,
	       "fmemopen: SEEK_END and ftell");
	errno = 0;
	EXPECT(f && fseek(f, 1000, SEEK_SET) == -1 && errno == EINVAL,
	       "fmemopen: a seek past the buffer: EINVAL");
	if (f)
		fclose(f);
	f = fmemopen(text, 0, "r");
	EXPECT(f && getc(f) == EOF, "fmemopen of 0 bytes: at its end at once");
	if (f)
		fclose(f);
	errno = 0;
	EXPECT(fmemopen(text, 4, "q") == NULL && errno == EINVAL, "fmemopen mode \"q\": EINVAL");
}

static void writing(void)
{
	char buf[16];
	memset(buf, 'x', sizeof buf);
	FILE *f = fmemopen(buf, sizeof buf, "w");
	EXPECT(f && ftell(f) == 0, "fmemopen \"w\": at 0");
	EXPECT(f && fprintf(f, "n=%d", 42) == 4 && fflush(f) == 0 && strcmp(buf, "n=42") == 0,
	       "fmemopen \"w\": fprintf, fflush, a NUL after it");
	EXPECT(f && ftell(f) == 4, "fmemopen \"w\": ftell after 4 bytes");
	if (f)
		fclose(f);
	EXPECT(strcmp(buf, "n=42") == 0 && buf[5] == 'x', "fclose leaves the string");

	strcpy(buf, "abc");
	f = fmemopen(buf, sizeof buf, "a");
	EXPECT(f && fputs("def", f) >= 0 && fclose(f) == 0 && strcmp(buf, "abcdef") == 0,
	       "fmemopen \"a\": writes after the string");

	char small[4];
	f = fmemopen(small, sizeof small, "w");
	setvbuf(f, NULL, _IONBF, 0);
	size_t put = f ? fwrite("123456", 1, 6, f) : 0;
	EXPECT(put <= 4 && memcmp(small, "123", 3) == 0 && ferror(f),
	       "fmemopen: writing stops at the buffer's size, with an error");
	if (f)
		fclose(f);

	f = fmemopen(NULL, 32, "w+");
	char back[32] = "";
	EXPECT(f && fputs("own buffer", f) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
		   fgets(back, sizeof back, f) && strcmp(back, "own buffer") == 0,
	       "fmemopen(NULL, 32, \"w+\"): a buffer of its own, read back");
	if (f)
		fclose(f);
}

static void growing(void)
{
	char *p = NULL;
	size_t n = 99;
	FILE *f = open_memstream(&p, &n);
	EXPECT(f && fflush(f) == 0 && p && n == 0 && p[0] == 0,
	       "open_memstream: an empty string at first");
	for (int i = 0; f && i < 1000; i++)
		fprintf(f, "%d,", i);
	EXPECT(f && fflush(f) == 0 && n == strlen(p) && n == 3890 && strncmp(p, "0,1,2,", 6) == 0,
	       "open_memstream: 1000 numbers, *size after fflush");
	EXPECT(f && fseek(f, 5000, SEEK_SET) == 0 && fputc('!', f) == '!' && fflush(f) == 0 &&
		   n == 5001 && p[4000] == 0 && p[5000] == '!' && p[5001] == 0,
	       "open_memstream: a seek past the end, zeros in the gap");
	EXPECT(f && fseek(f, 2, SEEK_SET) == 0 && fputs("XY", f) >= 0 && fclose(f) == 0 && n == 4 &&
		   strncmp(p, "0,XY", 4) == 0 && p[5000] == '!',
	       "open_memstream: fclose, *size the position");
	free(p);
}

struct counter {
	size_t written, closed;
};

static ssize_t count_write(void *cookie, const char *buf, size_t n)
{
	(void)buf;
	((struct counter *)cookie)->written += n;
	return (ssize_t)n;
}

static int count_close(void *cookie)
{
	((struct counter *)cookie)->closed++;
	return 0;
}

static void cookies(void)
{
	struct counter c = {0, 0};
	cookie_io_functions_t io = {NULL, count_write, NULL, count_close};
	FILE *f = fopencookie(&c, "w", io);
	EXPECT(f && fprintf(f, "%s", "hello, cookie") == 13 && fflush(f) == 0 && c.written == 13,
	       "fopencookie: its write function gets the bytes");
	EXPECT(f && ftell(f) == -1, "fopencookie without seek: ftell fails");
	errno = 0;
	EXPECT(f && fileno(f) == -1 && errno == EBADF, "fileno of a cookie stream: -1, EBADF");
	EXPECT(f && fclose(f) == 0 && c.closed == 1, "fclose calls its close function");
	f = fopencookie(&c, "r", io);
	EXPECT(f && getc(f) == EOF, "fopencookie without read: EOF");
	if (f)
		fclose(f);
}

static void tests(void)
{
	reading();
	writing();
	growing();
	cookies();
}

int main(void)
{
	return ktap_run(tests);
}
