#!/usr/bin/env python3
"""grade.py - Interlude's lab grader (docs/labs/TEACHING.md).

    grade.py LAB [--build-dir DIR] [--submission DIR]
        build this tree, run LAB's tests, print each with its points
        (GOOD/BAD; for a failure the expected and the actual lines), the
        total, and write DIR/grade/LAB/results.json (Gradescope's format)
        and a log per failed test. With --submission, the lab's student
        files are taken from DIR (a student's tree) and everything else,
        the tests included, from this tree.
    grade.py --tree LAB OUT
        write the student's starting tree of LAB into OUT (make lab-tree)
    grade.py --regions
        list every LAB region of the tree
    grade.py --check [LAB...]
        prove the graders fail (make lab-check): each lab's full tree earns
        full marks, its student tree builds and earns 0, and each wrong
        solution (tests/labs/LAB/wrong-*.patch) loses points
    grade.py --self-test
        the grader's own test: a failing test is marked BAD with its
        expected and actual lines, points add up, results.json is written

Every time limit is multiplied by TEST_TIMEOUT_SCALE (default 1). The exit
status is 0 when the grading ran (whatever the score), 2 when it could not
(a missing tool, an unknown lab), 1 when --check or --self-test failed.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gradelib import lab as labspec  # noqa: E402
from gradelib import labtree, preflight, runner  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lab_kinds(spec):
    """Returns the run kinds and judges a lab adds (the malloc lab's replay)."""
    if spec.get("plugin") == "malloc":
        from gradelib import malloc
        return malloc.KINDS, {"malloc-replay": malloc.make_judge(spec["tests"])}
    return {}, {}


def grade_tree(root, name, build_dir, out_dir=None, quiet=False):
    """Grades lab name in the tree at root; returns the results dict."""
    spec = labspec.load(root, name)
    kinds, judges = lab_kinds(spec)
    return runner.grade(root, spec, build_dir, out_dir, quiet, kinds, judges)


def grade_submission(name, submission, build_dir):
    """Grades a student's files on a copy of this tree; returns the results."""
    spec = labspec.load(ROOT, name)
    work = os.path.join(ROOT, build_dir, "grade", name, "submission-tree")
    shutil.rmtree(work, ignore_errors=True)
    labtree.copy_tree(ROOT, work)
    for f in spec["student_files"]:
        src = os.path.join(submission, f)
        if not os.path.isfile(src):
            print("grade: the submission has no %s; grading this tree's version" % f)
            continue
        shutil.copy2(src, os.path.join(work, f))
    out = os.path.join(ROOT, build_dir, "grade", name)
    return grade_tree(work, name, "build", out)


SELF_TEST_KTAP = """\
KTAP version 1
1..1
    KTAP version 1
    # Subtest: demo
    1..3
    ok 1 passes
    # fails: EXPECTATION FAILED at demo.c:7
    #   got 3, expected 4
    not ok 2 fails # expected 4
    ok 3 skips # SKIP not here
# demo: pass:1 fail:1 skip:1 total:3
not ok 1 demo
"""


def self_test():
    """Grades a made-up lab whose run prints known KTAP; returns 0 if the
    grader judged and recorded it right."""
    with tempfile.TemporaryDirectory(prefix="grade-self-test-") as tmp:
        ktap_file = os.path.join(tmp, "demo.ktap")
        with open(ktap_file, "w") as f:
            f.write(SELF_TEST_KTAP)
        panic_file = os.path.join(tmp, "panic.txt")
        with open(panic_file, "w") as f:
            f.write("KTAP version 1\n1..1\nKERNEL PANIC: not implemented: see docs/labs/demo.md\n"
                    + "".join("  #%d 0xffffffff8010%04x in f%d\n" % (i, i, i) for i in range(12)))
        spec = labspec.check({
            "name": "selftest",
            "runs": {"demo": {"kind": "command", "command": "cat " + ktap_file, "timeout": 5},
                     "hang": {"kind": "command", "command": "sleep 30", "timeout": 0},
                     "panics": {"kind": "command", "command": "cat " + panic_file, "timeout": 5}},
            "tests": [
                {"name": "demo.passes", "run": "demo", "points": 2},
                {"name": "demo.fails", "run": "demo", "points": 3},
                {"name": "demo.skips", "run": "demo", "points": 1},
                {"name": "demo.missing", "run": "demo", "points": 1},
                {"name": "hang.never", "run": "hang", "points": 1, "timeout": 1},
                {"name": "panics.first", "run": "panics", "points": 1},
                {"name": "lines found", "run": "demo", "points": 2,
                 "lines": [r"^demo: pass:\d+", r"^not ok 1 demo$"]},
                {"name": "lines out of order", "run": "demo", "points": 2,
                 "lines": [r"^not ok 1 demo$", r"^demo: pass:\d+"]},
            ]})
        res = runner.grade(tmp, spec, tmp, os.path.join(tmp, "out"), quiet=True)
        by = {t["name"]: t for t in res["tests"]}
        with open(os.path.join(tmp, "out", "results.json")) as f:
            on_disk = json.load(f)
        checks = [
            ("a passing test earns its points", by["demo.passes"]["score"] == 2),
            ("a failing test earns 0", by["demo.fails"]["score"] == 0),
            ("a failure shows the expected line",
             "expected: ok demo.fails" in by["demo.fails"]["output"]),
            ("a failure shows the actual line with its reason",
             "actual:   not ok 2 fails # expected 4" in by["demo.fails"]["output"]),
            ("a failure shows the test's diagnostics",
             "got 3, expected 4" in by["demo.fails"]["output"]),
            ("a skipped test earns 0", by["demo.skips"]["score"] == 0),
            ("a test with no result line earns 0", by["demo.missing"]["score"] == 0),
            ("a run over its time limit fails its tests",
             by["hang.never"]["score"] == 0 and "within 1s" in by["hang.never"]["output"]),
            ("a run that panicked names the panic, however long the backtrace under it",
             by["panics.first"]["score"] == 0 and "the run said: KERNEL PANIC: not implemented"
             in by["panics.first"]["output"]),
            ("expected lines in order earn the points", by["lines found"]["score"] == 2),
            ("lines out of order earn 0, showing the one missing",
             by["lines out of order"]["score"] == 0
             and "a line matching ^demo: pass" in by["lines out of order"]["output"]),
            ("the total adds up", res["score"] == 4 and res["max_score"] == 13),
            ("results.json is Gradescope's format",
             on_disk["score"] == 4 and all(set(t) >= {"name", "score", "max_score", "output"}
                                           for t in on_disk["tests"])),
            ("a failed test's full output is saved",
             os.path.isfile(os.path.join(tmp, "out", "demo.fails.log"))
             and "not ok 1 demo" in open(os.path.join(tmp, "out", "demo.fails.log")).read()),
            ("a passing test saves no log",
             not os.path.exists(os.path.join(tmp, "out", "demo.passes.log"))),
        ]
        # The lab-tree markers: a region is replaced by its stub, another lab's is kept.
        src = ["int f(void)", "{", "\t/* LAB(a) BEGIN: write f", "\t * stub: return -1;", "\t */",
               "\treturn 42;", "\t/* LAB(a) END */", "}", "/* LAB(b) BEGIN", " * stub: x", " */",
               "int g;", "/* LAB(b) END */"]
        regions = labtree.parse_regions("t.c", src)
        out = labtree.stub_out(src, regions, "a")
        checks += [
            ("a lab region is replaced by its stub",
             "\treturn -1;" in out and "\treturn 42;" not in out),
            ("another lab's region is kept", "int g;" in out and "/* LAB(b) END */" in out),
        ]
        try:
            labtree.parse_regions("t.c", ["/* LAB(a) BEGIN", " * stub: x", " */", "y"])
            checks.append(("a region without END is refused", False))
        except labtree.LabError:
            checks.append(("a region without END is refused", True))
        checks.append(("a missing tool is named with its install command",
                       "sudo apt-get install -y qemu-system-x86" in "\n".join(
                           preflight.message(preflight.missing(
                               [("no-such-qemu", "qemu-system-x86", "x")])))))
    # Every wrong solution must still apply to this tree: a patch that no
    # longer applies proves nothing, and make lab-check would find out late.
    for patch in sorted(glob.glob(os.path.join(ROOT, "tests", "labs", "*", "wrong-*.patch"))):
        p = subprocess.run(["patch", "--dry-run", "-s", "-p1", "-f", "-i", patch], cwd=ROOT,
                           capture_output=True, text=True)
        checks.append(("%s applies to this tree" % os.path.relpath(patch, ROOT),
                       p.returncode == 0))
    print("KTAP version 1")
    print("1..%d" % len(checks))
    for i, (what, ok) in enumerate(checks, 1):
        print("%sok %d %s" % ("" if ok else "not ", i, what.replace(" ", "_")))
    return 0 if all(ok for _, ok in checks) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lab", nargs="?")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--submission")
    ap.add_argument("--tree", action="store_true")
    ap.add_argument("--regions", action="store_true")
    ap.add_argument("--check", nargs="*")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    if args.self_test:
        return self_test()
    try:
        if args.regions:
            for r in labtree.find_regions(ROOT):
                print("%-10s %s:%d-%d  %s" % (r.lab, r.path, r.begin + 1, r.end + 1, r.title))
            return 0
        if args.tree:
            if not args.lab or not args.out:
                ap.error("--tree LAB OUT")
            changed = labtree.make_tree(ROOT, args.lab, args.out)
            print("lab-tree %s: wrote %s; stubbed %s" % (args.lab, args.out, ", ".join(changed)))
            return 0
        gone = preflight.missing()
        if gone:
            print("\n".join(preflight.message(gone)))
            return 2
        if args.check is not None:
            from gradelib import check
            return check.check_labs(ROOT, args.check or labspec.available(ROOT), args.build_dir)
        if not args.lab:
            ap.error("which lab? (%s)" % ", ".join(labspec.available(ROOT)))
        if args.submission:
            grade_submission(args.lab, args.submission, args.build_dir)
        else:
            grade_tree(ROOT, args.lab, args.build_dir)
        return 0
    except (labspec.LabSpecError, labtree.LabError) as e:
        print("grade: %s" % e)
        return 2


if __name__ == "__main__":
    sys.exit(main())
