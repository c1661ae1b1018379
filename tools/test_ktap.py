"""Unit tests of the KTAP parser (tools/ktap.py) and of the harness's
verdicts. Run with `python3 -m unittest tools/test_ktap.py`; make test runs
them through tools/ktest.py."""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

GOOD = """boot log line
Interlude: a teaching kernel
KTAP version 1
1..2
    KTAP version 1
    # Subtest: alpha
    1..3
    ok 1 first
    # second: EXPECTATION FAILED at a.c:3
    not ok 2 second # a.c:3
    ok 3 third # SKIP not today
# alpha: pass:1 fail:1 skip:1 total:3
not ok 1 alpha
    KTAP version 1
    # Subtest: beta
    1..1
    ok 1 only
ok 2 beta
# Totals: pass:2 fail:1 skip:1
"""


class ParserTest(unittest.TestCase):
    def test_counts_leaves(self):
        doc = ktap.parse(GOOD)
        self.assertEqual(doc.errors, [])
        self.assertEqual(doc.counts(), (2, 1, 1))

    def test_preamble_is_kept(self):
        doc = ktap.parse(GOOD)
        self.assertEqual(doc.preamble[0], "boot log line")

    def test_failure_has_name_and_diagnostics(self):
        doc = ktap.parse(GOOD)
        failures = list(doc.failures())
        self.assertEqual(len(failures), 1)
        name, test = failures[0]
        self.assertEqual(name, "alpha.second")
        self.assertIn("# second: EXPECTATION FAILED at a.c:3", test.diagnostics)
        self.assertEqual(test.directive, "a.c:3")

    def test_skip_directive(self):
        doc = ktap.parse(GOOD)
        third = doc.root.tests[0].subtests.tests[2]
        self.assertTrue(third.skipped)

    def test_suite_name_from_subtest_line(self):
        doc = ktap.parse(GOOD)
        self.assertEqual(doc.root.tests[1].subtests.name, "beta")

    def test_carriage_returns_are_ignored(self):
        doc = ktap.parse(GOOD.replace("\n", "\r\n"))
        self.assertEqual(doc.errors, [])
        self.assertEqual(doc.counts(), (2, 1, 1))

    def test_no_header_is_an_error(self):
        doc = ktap.parse("just a boot log\nKERNEL PANIC: x\n")
        self.assertTrue(any("no KTAP output" in e for e in doc.errors))
        self.assertEqual(doc.counts(), (0, 0, 0))

    def test_plan_mismatch_is_an_error(self):
        doc = ktap.parse("KTAP version 1\n1..3\nok 1 a\nok 2 b\n")
        self.assertTrue(any("announced 3" in e for e in doc.errors))

    def test_missing_plan_is_an_error(self):
        doc = ktap.parse("KTAP version 1\nok 1 a\n")
        self.assertTrue(any("no plan" in e for e in doc.errors))

    def test_out_of_order_numbers_are_an_error(self):
        doc = ktap.parse("KTAP version 1\n1..2\nok 2 a\nok 1 b\n")
        self.assertTrue(any("result number 2" in e for e in doc.errors))

    def test_parent_failure_without_failing_child_counts(self):
        text = "KTAP version 1\n1..1\n    KTAP version 1\n    1..1\n    ok 1 a\nnot ok 1 s\n"
        doc = ktap.parse(text)
        self.assertEqual(doc.counts(), (1, 1, 0))

    def test_truncated_stream_names_the_running_test(self):
        text = GOOD.split("    ok 1 only")[0]  # dies inside suite beta
        doc = ktap.parse(text)
        self.assertTrue(doc.errors)
        self.assertEqual(ktap.running_test(doc), "beta.#1")

    def test_truncated_between_suites(self):
        text = GOOD.split("    KTAP version 1\n    # Subtest: beta")[0]
        doc = ktap.parse(text)
        self.assertTrue(any("announced 2" in e for e in doc.errors))
        self.assertEqual(ktap.running_test(doc), "#2")

    def test_complete_stream_has_no_running_test(self):
        self.assertIsNone(ktap.running_test(ktap.parse(GOOD)))

    def test_unknown_unindented_line_inside_a_subtest(self):
        text = GOOD.replace("    ok 3 third # SKIP not today",
                            "SEGFAULT [null-pointer]: forgetting to allocate memory: a kernel "
                            "message\n    ok 3 third # SKIP not today")
        doc = ktap.parse(text)
        self.assertEqual(doc.errors, [])
        self.assertEqual(doc.counts(), (2, 1, 1))
        third = doc.root.tests[0].subtests.tests[2]
        self.assertIn("SEGFAULT [null-pointer]: forgetting to allocate memory: a kernel message",
                      third.diagnostics)

    def test_result_with_dash_separator(self):
        doc = ktap.parse("KTAP version 1\n1..1\nok 1 - named\n")
        self.assertEqual(doc.root.tests[0].name, "named")


class HostRunnerTest(unittest.TestCase):
    """End to end: a test made to fail must make the host runner fail."""

    PROGRAM = os.path.join(os.path.dirname(__file__), "..", "build", "host", "ktest-host")

    def setUp(self):
        if not os.path.exists(self.PROGRAM):
            self.skipTest("build/host/ktest-host not built")

    def test_fail_demo_is_reported(self):
        p = subprocess.run([self.PROGRAM, "ktest", "selftest.fail_demo"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 1)
        doc = ktap.parse(p.stdout)
        self.assertEqual(doc.errors, [])
        names = [n for n, _ in doc.failures()]
        self.assertEqual(names, ["ktest.fail_demo"])
        _, test = list(doc.failures())[0]
        self.assertTrue(any("1 + 1 == 3" in d for d in test.diagnostics), test.diagnostics)

    def test_filter_selects_one_suite(self):
        p = subprocess.run([self.PROGRAM, "ktest"], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0)
        doc = ktap.parse(p.stdout)
        self.assertEqual([t.name for t in doc.root.tests], ["ktest"])

    def test_unknown_suite_fails(self):
        p = subprocess.run([self.PROGRAM, "no_such_suite"], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 1)


if __name__ == "__main__":
    unittest.main()


class HarnessVerdictTest(unittest.TestCase):
    """tools/ktest.py's verdicts on boots that end in every possible way,
    with a shell command standing in for QEMU."""

    HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ktest.py")
    HALF = "KTAP version 1\\n1..2\\n    KTAP version 1\\n    # Subtest: s\\n    1..1\\n    ok 1 a\\nok 1 s\\n"
    FULL = HALF + "    KTAP version 1\\n    # Subtest: t\\n    1..1\\n    ok 1 b\\nok 2 t\\n"

    def boot(self, script, timeout=20, scale=None, kind="--boot", spec="fake: sh -c '%s'"):
        import tempfile
        env = dict(os.environ)
        env.pop("TEST_TIMEOUT_SCALE", None)
        if scale is not None:
            env["TEST_TIMEOUT_SCALE"] = scale
        with tempfile.TemporaryDirectory() as logs:
            p = subprocess.run([sys.executable, self.HARNESS, "--timeout", str(timeout),
                                "--log-dir", logs, kind, spec % script],
                               capture_output=True, text=True, timeout=120, env=env)
        return p.returncode, p.stdout

    def test_timeouts_scale_with_the_environment(self):
        # 1.5 s of work: within 1 s x 3, not within 2 s x 0.5
        rc, out = self.boot('printf "%s"; sleep 1.5; exit 33' % self.FULL, timeout=1, scale="3")
        self.assertEqual(rc, 0, out)
        rc, out = self.boot('printf "%s"; sleep 1.5; exit 33' % self.FULL, timeout=2, scale="0.5")
        self.assertIn("did not end within 1s", out)

    def test_a_host_harness_gets_its_own_limit(self):
        ktap_ok = "KTAP version 1\\n1..1\\nok 1 a\\n"
        rc, out = self.boot('sleep 1.5; printf "%s"' % ktap_ok, timeout=1, kind="--host",
                            spec="timeout=20 sh -c '%s'")
        self.assertEqual(rc, 0, out)
        rc, out = self.boot('sleep 1.5; printf "%s"' % ktap_ok, timeout=20, kind="--host",
                            spec="timeout=1 sh -c '%s'")
        self.assertIn("timed out after 1s", out)

    def test_clean_pass(self):
        rc, out = self.boot('printf "%s"; exit 33' % self.FULL)
        self.assertEqual(rc, 0, out)
        self.assertIn("2 passed, 0 failed", out)

    def test_reset_is_a_failure_naming_the_running_test(self):
        rc, out = self.boot('printf "%s"; exit 0' % self.HALF)
        self.assertEqual(rc, 1, out)
        self.assertIn("triple fault", out)
        self.assertIn("not ok #2", out)
        self.assertIn("1 passed, 1 failed", out)

    def test_hang_is_a_failure_not_a_wait(self):
        rc, out = self.boot('printf "%s"; sleep 60' % self.HALF, timeout=1)
        self.assertEqual(rc, 1, out)
        self.assertIn("did not end within 1s", out)

    def test_hang_names_the_running_test_and_shows_the_log_tail(self):
        inside = ("KTAP version 1\\n1..1\\n    KTAP version 1\\n    # Subtest: s\\n    1..2\\n"
                  "    ok 1 a\\n    # the last words before the hang\\n")
        rc, out = self.boot('printf "%s"; sleep 60' % inside, timeout=1)
        self.assertEqual(rc, 1, out)
        self.assertIn("not ok s.#2", out)
        self.assertIn("did not end within 1s", out)
        self.assertIn("the last words before the hang", out)

    def test_a_host_program_detail_is_shown(self):
        ktap_ok = "KTAP version 1\\n1..1\\nok 1 a\\n# detail: fuzz: 10 calls, 1 processes\\n"
        rc, out = self.boot('printf "%s"' % ktap_ok, kind="--host", spec="sh -c '%s'")
        self.assertEqual(rc, 0, out)
        self.assertIn("1 passed, 0 failed, 0 skipped (fuzz: 10 calls, 1 processes)", out)

    def test_kernel_failure_status_without_failed_test(self):
        rc, out = self.boot('printf "%s"; exit 35' % self.FULL)
        self.assertEqual(rc, 1, out)
        self.assertIn("reported failure", out)

    def test_no_ktap_at_all(self):
        rc, out = self.boot('echo "KERNEL PANIC: early"; exit 35')
        self.assertEqual(rc, 1, out)
        self.assertIn("no KTAP output", out)

    def test_a_same_difference_names_its_first_line(self):
        sys.path.insert(0, os.path.dirname(self.HARNESS))
        import ktest
        lines = ktest.first_difference("standard output", b"a\nb\nc\n", b"a\nb\nX\n")
        self.assertEqual(lines[0], "# standard output differs from line 3 (byte 4 on;"
                         " Linux 6 bytes, Interlude 6)")
        self.assertEqual(lines[1:], ["#   both:      b'b\\n'", "#   Linux:     b'c\\n'",
                                     "#   Interlude: b'X\\n'"])
        short = ktest.first_difference("standard error", b"a\n", b"")
        self.assertEqual(short[1:], ["#   Linux:     b'a\\n'", "#   Interlude: '(ends)'"])

    def test_a_skip_is_counted_with_its_reason(self):
        rc, out = self.boot("", kind="--skip", spec="check-errors: needs MALLOC_CHECK%s")
        self.assertEqual(rc, 0, out)
        self.assertIn("skip check-errors: 0 passed, 0 failed, 1 skipped (needs MALLOC_CHECK)", out)
        self.assertIn("0 passed, 0 failed, 1 skipped", out)
