/*
 * assert_fail.c - a failed assert: the message on stderr must be glibc's,
 * "assert_fail: tests/libc/assert_fail.c:LINE: main: Assertion `...'
 * failed.", and the program must die of SIGABRT (status 134). make test
 * runs it on Linux and Interlude (compared), and beside its glibc build
 * (tools/same-as-glibc.py). An assert that holds, and one switched off
 * by NDEBUG (the header read again), must do nothing.
 */
#include <assert.h>
#include <unistd.h>

#define NDEBUG
#include <assert.h>

static void off(int x)
{
	assert(x == 99); /* NDEBUG: not even evaluated */
	(void)x;
}

#undef NDEBUG
#include <assert.h>

int main(int argc, char **argv)
{
	(void)argv;
	assert(argc >= 1);
	off(argc);
	write(1, "before\n", 7);
	assert(argc == 2 && "one argument, please");
	return 0;
}
