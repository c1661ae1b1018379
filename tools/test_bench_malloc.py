"""Unit tests of how tools/bench-malloc.py measures a run's peak memory
(run_wait4): the sampled run must find a peak that the program itself
no longer holds when it reports, and a run too short to sample must
still succeed. Run with `python3 -m unittest tools/test_bench_malloc.py`;
make test runs them through tools/ktest.py."""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
_spec = importlib.util.spec_from_file_location("bench_malloc", os.path.join(HERE, "bench-malloc.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# A stand-in for malloc_bench: "peak" holds 16 MiB for a while, gives it
# back, and reports 1 KiB as its own peak (a figure the sampler must not
# take); "quick" reports at once.
PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "peak") == 0) {
		size_t n = 16u << 20;
		char *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return 1;
		memset(p, 1, n);
		struct timespec t = {0, 200 * 1000 * 1000};
		nanosleep(&t, 0);
		munmap(p, n);
	}
	printf("workload %s ops 1 time_ns 1 checksum 7 maxrss_kb 1\n", argc > 1 ? argv[1] : "?");
	return 0;
}
"""


class SampledPeak(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="bench-malloc-test-")
        src = os.path.join(cls.dir, "prog.c")
        cls.prog = os.path.join(cls.dir, "prog")
        with open(src, "w") as f:
            f.write(PROGRAM)
        subprocess.run(["gcc", "-O1", "-o", cls.prog, src], check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_sampled_run_finds_the_peak_the_program_gave_back(self):
        d, err = bench.run_wait4(self.prog, None, "peak", "1", 30, sample=True)
        self.assertIsNone(err)
        self.assertEqual(d["rss_kb"], 1)  # the program's own figure, kept apart
        self.assertGreaterEqual(d["peak_kb"], 16 * 1024)
        self.assertLess(d["peak_kb"], 64 * 1024)  # the child's, not this process's

    def test_unsampled_run_has_no_peak(self):
        d, err = bench.run_wait4(self.prog, None, "peak", "1", 30)
        self.assertIsNone(err)
        self.assertIsNone(d["peak_kb"])

    def test_table_prefers_the_sample(self):
        self.assertEqual(bench.peak_kb({"rss": [100, 120], "peak": 300}), 300)
        self.assertEqual(bench.peak_kb({"rss": [100, 120]}), 120)

    def test_resident_kb_of_a_gone_process_is_none(self):
        p = subprocess.Popen([self.prog, "quick"], stdout=subprocess.DEVNULL)
        p.wait()
        self.assertIsNone(bench.resident_kb(p.pid))


if __name__ == "__main__":
    unittest.main()
