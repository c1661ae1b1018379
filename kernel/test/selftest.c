/* selftest.c - the kernel's entry into the self-test runner; see selftest.h. */
#include "test/selftest.h"
#include "mm/kheap.h"
#include "test/ktest.h"

/* The counters are registered once: the console's `test` may run the suites again. */
bool selftest_run(const char *filter, const char *cmdline)
{
	static bool counting;
	if (!counting) {
		ktest_add_counter("the number of free frames", kheap_settled_free_frames);
		ktest_add_counter("the number of live kernel-heap objects", kheap_live_objects);
		counting = true;
	}
	return ktest_run(filter, cmdline);
}
