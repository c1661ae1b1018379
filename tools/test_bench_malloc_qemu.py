"""Unit tests of tools/bench_malloc_qemu.py's pure parts: the script a boot
runs, how its output is read (a program that failed, or never ended, is
an error; each program's figures land in their set), and the tables (a
checksum unlike glibc-static's is reported, the geometric mean is of the
ratios to glibc-static). The boots themselves are `make bench-malloc-qemu`.
Run with `python3 -m unittest tools/test_bench_malloc_qemu.py`; make test
runs them through tools/ktest.py."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_malloc_qemu as bq  # noqa: E402

OUTPUT = """Booting from ROM..
@@run /bench/malloc_bench all 0.05 tsc
workload lifo ops 100 ticks 10000 checksum 7 maxrss_kb 4
workload random ops 10 ticks 5000 checksum 9 maxrss_kb 4
malloc_bench done
@@status 0
@@run /bench/real_bench all 0.05 tsc
workload sqlite ops 20 ticks 80000 checksum 11 maxrss_kb -1
@@status 1
@@run /bench/replay /bench/traces/binary.rep 1
replay binary ok ops=18000 peak=864000 heap=1495040 instructions=900000 ns=900077 rss=1605632
@@status 0
@@run /bench/replay /bench/traces/random.rep 1
"""


class ScriptTest(unittest.TestCase):
    def test_linux_script_mounts_proc_and_powers_off(self):
        s = bq.script(["/bench/a 1", "/bench/b"], True)
        lines = s.splitlines()
        self.assertEqual(lines[0], "#!/bin/busybox sh")
        self.assertIn("mount -t proc proc /proc", lines[1])
        self.assertIn("poweroff -f", lines[-1])
        self.assertEqual(s.count("@@run "), 2)
        self.assertEqual(s.count('echo "@@status $?"'), 2)

    def test_interlude_script_just_runs(self):
        s = bq.script(["/bench/a"], False)
        self.assertNotIn("poweroff", s)
        self.assertNotIn("mount", s)

    def test_job_places_every_file(self):
        files, cmds = bq.variant_job({"synthetic": "/h/mb", "traces": "/h/rp"},
                                     ["/t/one.rep", "/t/two.rep"], "0.05", "0.1")
        self.assertEqual(files["/bench/malloc_bench"], "/h/mb")
        self.assertEqual(files["/bench/traces/two.rep"], "/t/two.rep")
        self.assertEqual(cmds, ["/bench/malloc_bench all 0.05 tsc", "/bench/replay /bench/traces/one.rep 1",
                                "/bench/replay /bench/traces/two.rep 1"])


class ParseTest(unittest.TestCase):
    def test_figures_by_set(self):
        got, _ = bq.parse(OUTPUT)
        self.assertEqual(got["synthetic"]["lifo"], (100, 10000, "7"))
        self.assertEqual(got["real"]["sqlite"], (20, 80000, "11"))
        self.assertEqual(got["traces"]["binary"], (18000, 900000, None))
        self.assertNotIn("lifo", got["real"])

    def test_failures_are_errors(self):
        _, failed = bq.parse(OUTPUT)
        self.assertEqual(len(failed), 2)
        self.assertIn("real_bench all 0.05 tsc (status 1)", failed[0])
        self.assertIn("random.rep 1 (status none: it did not end)", failed[1])


class TablesTest(unittest.TestCase):
    def test_ratios_and_checksums(self):
        results = {
            ("Linux", "glibc-static"): {"synthetic": {"lifo": (100, 20000, "7"), "random": (10, 1000, "9")},
                                        "real": {}, "traces": {}},
            ("Linux", "interlude"): {"synthetic": {"lifo": (100, 10000, "7"), "random": (10, 4000, "8")},
                                     "real": {}, "traces": {}},
        }
        rows = {"synthetic": ["lifo", "random"], "real": [], "traces": []}
        text, notes = bq.tables(results, rows, ["glibc-static", "interlude"], "0.05", "0.05")
        self.assertIn("| lifo | 100 | 200 | 100 |", text)
        self.assertIn("| random | 10 | 100 | 400 |", text)
        self.assertIn("**1.41**", text)  # sqrt(0.5 * 4)
        self.assertEqual(len(notes), 1)
        self.assertIn("random checksum 8", notes[0])

    def test_verdict_against_mimalloc(self):
        results = {
            ("Linux", "interlude"): {"traces": {"a": (10, 100, None), "b": (10, 400, None)}},
            ("Linux", "mimalloc"): {"traces": {"a": (10, 200, None), "b": (10, 100, None)}},
        }
        v = bq.verdict(results)
        self.assertIn("traces, Linux: interlude 1.41x mimalloc's (geomean of 2)  MISSED", v)


if __name__ == "__main__":
    unittest.main()
