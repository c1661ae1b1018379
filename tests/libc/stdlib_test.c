/*
 * stdlib_test.c - start-up and exit: argc/argv/environ from the initial
 * stack, constructors, getenv, atexit handlers in reverse order, then
 * destructors. The last check runs in a destructor, after the handlers.
 *
 * test-run: ktap
 */
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

#define PLAN 12

static int constructed;
static char order[8];

__attribute__((constructor)) static void ctor(void)
{
	constructed = 1;
}

static void h1(void)
{
	strcat(order, "1");
}
static void h2(void)
{
	strcat(order, "2");
}
static void h3(void)
{
	strcat(order, "3");
}
static void nop(void)
{
}

/* Runs after main and every atexit handler: checks their order, ends the stream. */
__attribute__((destructor)) static void dtor(void)
{
	EXPECT_STR(order, "321", "atexit handlers ran newest first, destructors after them");
	_exit(ktap_end());
}

int main(int argc, char **argv, char **envp)
{
	extern char **environ;
	ktap_begin(PLAN);
	EXPECT(constructed, "constructors ran before main");
	EXPECT(argc >= 1 && argv[argc] == NULL, "argv[argc] is NULL");
	EXPECT(envp == environ && envp == argv + argc + 1, "envp follows argv and is environ");

	static char *fake_env[] = {"A=1", "GREETING=hello world", "EMPTY=", "AB=2", NULL};
	char **saved = environ;
	environ = fake_env;
	EXPECT_STR(getenv("GREETING"), "hello world", "getenv");
	EXPECT_STR(getenv("A"), "1", "getenv does not match a longer name's prefix");
	EXPECT_STR(getenv("EMPTY"), "", "getenv of an empty value");
	EXPECT(getenv("MISSING") == NULL && getenv("") == NULL && getenv("A=1") == NULL,
	       "getenv of a missing, empty or '='-containing name is NULL");
	environ = saved;
	EXPECT(environ[0] == NULL || getenv("NO_SUCH_VARIABLE_HERE") == NULL,
	       "getenv in the real environment");

	EXPECT_EQ(abs(-5) + labs(-6L) + llabs(-7LL), 18, "abs, labs, llabs");
	EXPECT(atexit(h1) == 0 && atexit(h2) == 0 && atexit(h3) == 0,
	       "atexit registers three handlers");
	int n = 3;
	while (atexit(nop) == 0)
		n++;
	EXPECT_EQ(n, 32, "atexit takes 32 handlers and refuses the 33rd");
	return 0;
}
