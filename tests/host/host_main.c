/*
 * host_main.c - runs the kernel's pure self-test suites as a host program.
 *
 * The suites listed in mk/host.mk (HOST_TEST_SRCS) are compiled for the
 * host with AddressSanitizer and UndefinedBehaviorSanitizer, together with
 * the kernel code they test and the same ktest runner as in the kernel;
 * kernel_stubs.c supplies what the machine would.
 *
 *   build/host/ktest-host [suite,suite...] [options]
 *
 * prints KTAP and exits 0 if every test passed, 1 otherwise.
 */
#include "test/ktest.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* argv[2], if given, plays the kernel command line (e.g. selftest.fail_demo). */
	bool ok = ktest_run(argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : "host");
	fflush(stdout);
	return ok ? 0 : 1;
}
