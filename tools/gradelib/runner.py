"""runner.py - grading one lab in one tree: build, run, judge, report.

grade(root, spec, build_dir) builds the lab's targets, performs each of its
runs once (a QEMU boot with a selftest= command line, a host command, or a
lab's own kind such as the malloc lab's replay), judges every test from
its run's output, prints one line per test (GOOD/BAD with its points, and
for a failure what was expected and what came), the total, and writes
results.json in Gradescope's format beside a log of every failed test.

Tests do not depend on each other's order: each is judged only from its
own result line in its run's output, and a run that dies (hangs, resets,
panics outside a test) fails exactly the tests it did not report, naming
the one that was running.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import ktap  # noqa: E402
from gradelib import lab as labspec  # noqa: E402

QEMU_PASS, QEMU_FAIL = 33, 35


def scale():
    """TEST_TIMEOUT_SCALE from the environment (default 1)."""
    return float(os.environ.get("TEST_TIMEOUT_SCALE", "1"))


class Outcome:
    """What a run produced: its text, and a problem with the run itself."""

    def __init__(self, text, problem=None, status=None, data=None):
        self.text = text
        self.problem = problem  # None, or why the run is not trustworthy
        self.status = status
        self.data = data  # a lab kind's own results (the malloc lab's scores)


class Verdict:
    """The judgement of one test."""

    def __init__(self, test, score, good, lines):
        self.test, self.score, self.good, self.lines = test, score, good, lines


def make_build_arg(root, build_dir):
    """Returns BUILD= for make: relative to root when build_dir lies inside it,
    so that the flags and dependency files are the ones a plain make writes
    (no rebuild when make test and make grade take turns), and a copy of the
    tree can start from a copy of the build directory."""
    rel = os.path.relpath(build_dir, root)
    return "BUILD=" + (rel if not rel.startswith("..") else build_dir)


def make(root, build_dir, targets, log):
    """Runs make for targets in root; returns (ok, output)."""
    argv = ["make", "-s", "--no-print-directory", "-j2", make_build_arg(root, build_dir)] + targets
    p = subprocess.run(argv, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode(errors="replace")
    with open(log, "w") as f:
        f.write("$ %s\n%s" % (" ".join(argv), out))
    return p.returncode == 0, out


def qemu_argv(root, build_dir):
    """Returns the QEMU command of mk/qemu.mk for this tree, as a list."""
    p = subprocess.run(["make", "-s", "--no-print-directory", make_build_arg(root, build_dir),
                        "print-QEMU"], cwd=root, capture_output=True, text=True, check=True)
    return shlex.split(p.stdout)  # paths in it are relative to root: run it there


def run_boot(root, build_dir, run, timeout):
    """Boots the kernel with selftest=SUITES through fw_cfg, and the words of
    GRADE_CMDLINE from the environment (a teacher's ptdrill=SEED for the
    pagetables lab); returns an Outcome."""
    cmdline = "selftest=" + run["selftest"].replace(",", ",,")
    extra = os.environ.get("GRADE_CMDLINE", "").strip()
    if extra:
        cmdline += " " + extra.replace(",", ",,")
    argv = (qemu_argv(root, build_dir) + shlex.split(run.get("qemu", ""))
            + ["-serial", "stdio", "-fw_cfg", "name=opt/interlude/cmdline,string=" + cmdline])
    try:
        p = subprocess.run(argv, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode(errors="replace")
        return Outcome(text, "QEMU did not end within %ds (a hang?)" % timeout)
    text = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    problem = None
    if p.returncode == 0:
        problem = "the machine reset before the kernel ended QEMU (triple fault?)"
    elif p.returncode not in (QEMU_PASS, QEMU_FAIL):
        problem = "QEMU exited with status %d" % p.returncode
    return Outcome(text, problem, p.returncode)


def run_command(root, build_dir, run, timeout):
    """Runs a host command printing KTAP ({build} is the build directory)."""
    argv = [a.replace("{build}", build_dir) for a in shlex.split(run["command"])]
    try:
        p = subprocess.run(argv, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return Outcome((e.stdout or b"").decode(errors="replace"),
                       "the command did not end within %ds" % timeout)
    except OSError as e:
        return Outcome("", "cannot run %s: %s" % (argv[0], e))
    return Outcome(p.stdout.decode(errors="replace"), None, p.returncode)


def run_programs(root, build_dir, run, timeout):
    """Boots the ISO run["iso"] (relative to the build directory; the lab's
    build made it), whose boot modules are user programs run one after the
    other; returns an Outcome with their output (the second serial port)
    followed by the kernel's log (the first)."""
    qemu = qemu_argv(root, build_dir)
    qemu[qemu.index("-cdrom") + 1] = os.path.join(build_dir, run["iso"])
    out_dir = os.path.dirname(os.path.join(build_dir, run["iso"]))
    klog, pout = os.path.join(out_dir, "kernel.log"), os.path.join(out_dir, "programs.out")
    for f in (klog, pout):
        if os.path.exists(f):
            os.remove(f)
    argv = qemu + shlex.split(run.get("qemu", "")) + ["-serial", "file:" + klog,
                                                      "-serial", "file:" + pout]
    problem = status = None
    try:
        p = subprocess.run(argv, cwd=root, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=timeout)
        status = p.returncode
        if status not in (QEMU_PASS, QEMU_FAIL):
            problem = "QEMU exited with status %d" % status
    except subprocess.TimeoutExpired:
        problem = "the programs did not end within %ds" % timeout
    read = lambda f: open(f, errors="replace").read() if os.path.exists(f) else ""
    text = "%s\n--- the kernel's log ---\n%s" % (read(pout), read(klog))
    return Outcome(text, problem, status)


RUN_KINDS = {"boot": run_boot, "command": run_command, "programs": run_programs}


def judge_ktap(test, outcome, doc):
    """Judges a test that is one leaf of a KTAP run; returns a Verdict."""
    want = test["ktap"]
    expected = "expected: ok %s" % want
    for name, t in doc.leaves():
        if name != want:
            continue
        if t.ok and not t.skipped:
            return Verdict(test, test["points"], True, [])
        actual = "%sok %d %s%s" % ("" if t.ok else "not ", t.number, t.name,
                                   " # " + t.directive if t.directive else "")
        why = ["(a skipped test earns no points)"] if t.skipped else []
        diag = ["  " + d for d in t.diagnostics[:12]]
        if len(t.diagnostics) > 12:
            diag.append("  ... %d more lines in the log" % (len(t.diagnostics) - 12))
        return Verdict(test, 0, False, [expected, "actual:   " + actual] + why + diag)
    where = ktap.running_test(doc)
    reason = outcome.problem or "the run printed none for it"
    lines = [expected, "actual:   no result line (%s)" % reason]
    if where:
        lines.append("the run stopped while %s was running" % where)
    all_lines = outcome.text.rstrip().splitlines()
    tail = all_lines[-8:]
    # The line that says why (a panic, "not implemented", a kill) is often
    # above the last eight, under a backtrace or the kernel log's lines.
    cause = next((l for l in all_lines if CAUSE_RE.search(l)), None)
    if cause is not None and cause not in tail:
        lines.append("the run said: " + cause.strip())
    return Verdict(test, 0, False, lines + ["| " + l for l in tail])


# The lines that name why a run ended early, for judge_ktap.
CAUSE_RE = re.compile(r"KERNEL PANIC|not implemented|killed by SIG|HEAP ERROR|SEGFAULT \[")


def judge_lines(test, outcome):
    """Judges a test that expects lines in a run's output: each regular
    expression of test["lines"] must match a line (stripped of blanks and
    of a KTAP "# "), in order; returns a Verdict."""
    lines = [re.sub(r"^#\s?", "", l.strip()) for l in outcome.text.splitlines()]
    at = 0
    for want in test["lines"]:
        pat = re.compile(want)
        found = next((k for k in range(at, len(lines)) if pat.search(lines[k])), None)
        if found is None:
            near = [l for l in lines if test.get("near", "") in l][:16]
            why = " (%s)" % outcome.problem if outcome.problem else ""
            return Verdict(test, 0, False, ["expected: a line matching %s%s" % (want, why),
                                            "actual:   no such line; the nearest lines:"]
                           + ["| " + l for l in near])
        at = found + 1
    return Verdict(test, test["points"], True, [])


def safe_name(name):
    return re.sub(r"[^\w.-]+", "_", name)


def grade(root, spec, build_dir, out_dir=None, quiet=False, kinds=None, judges=None):
    """Grades spec's lab in the tree at root; returns the results dict
    (Gradescope's format) after printing the report and writing
    out_dir/results.json and a log per failed test."""
    started = time.monotonic()
    kinds = dict(RUN_KINDS, **(kinds or {}))
    out_dir = out_dir or os.path.join(build_dir, "grade", spec["name"])
    abs_build = build_dir if os.path.isabs(build_dir) else os.path.join(root, build_dir)
    out_abs = out_dir if os.path.isabs(out_dir) else os.path.join(root, out_dir)
    os.makedirs(out_abs, exist_ok=True)
    for old in os.listdir(out_abs):
        if old.endswith(".log") or old == "results.json":
            os.remove(os.path.join(out_abs, old))
    say = (lambda *a: None) if quiet else (lambda s: (print(s), sys.stdout.flush()))

    say("grade %s: building (%s)" % (spec["name"], " ".join(spec["build"]) or "nothing"))
    built, build_out = True, ""
    if spec["build"]:
        built, build_out = make(root, abs_build, spec["build"], os.path.join(out_abs, "build.log"))
    outcomes = {}
    for name, run in spec["runs"].items():
        if not built:
            outcomes[name] = Outcome(build_out, "the build failed")
            continue
        if not any(t["run"] == name for t in spec["tests"]):
            continue
        limit = labspec.run_timeout(spec, name, scale())
        say("grade %s: run %s (limit %ds)" % (spec["name"], name, limit))
        outcomes[name] = kinds[run["kind"]](root, abs_build, run, limit)

    verdicts = []
    docs = {}
    for test in spec["tests"]:
        run = spec["runs"][test["run"]]
        outcome = outcomes[test["run"]]
        if not built:
            tail = build_out.rstrip().splitlines()[-15:]
            v = Verdict(test, 0, False, ["expected: the tree builds",
                                         "actual:   the build failed"] + ["| " + l for l in tail])
        elif judges and run["kind"] in judges:
            v = judges[run["kind"]](test, outcome)
        elif "lines" in test:
            v = judge_lines(test, outcome)
        else:
            if test["run"] not in docs:
                docs[test["run"]] = ktap.parse(outcome.text, test["run"])
            v = judge_ktap(test, outcome, docs[test["run"]])
        verdicts.append(v)

    results = {"score": 0, "max_score": 0, "tests": [], "output": ""}
    width = max([len(v.test["name"]) for v in verdicts] + [10])
    for v in verdicts:
        pts = v.test["points"]
        log = None
        if not v.good:
            log = os.path.join(out_dir, safe_name(v.test["name"]) + ".log")
            with open(os.path.join(out_abs, safe_name(v.test["name"]) + ".log"), "w") as f:
                f.write("\n".join(v.lines) + "\n\n--- the whole output of run %s ---\n%s"
                        % (v.test["run"], outcomes[v.test["run"]].text))
        score = round(v.score, 2)
        say("%-4s  %-*s %6s/%s" % ("GOOD" if v.good else "BAD", width, v.test["name"],
                                   ("%g" % score), "%g" % pts))
        for line in v.lines:
            say("        " + line)
        if log:
            say("        full output: %s" % log)
        results["tests"].append({"name": v.test["name"], "score": score, "max_score": pts,
                                 "output": "\n".join(v.lines) or "passed"})
        results["score"] += score
        results["max_score"] += pts
    results["score"] = round(results["score"], 2)
    results["execution_time"] = round(time.monotonic() - started, 1)
    results["output"] = "%s: %g/%g" % (spec["name"], results["score"], results["max_score"])
    with open(os.path.join(out_abs, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    say("total: %g/%g" % (results["score"], results["max_score"]))
    say("results: %s" % os.path.join(out_dir, "results.json"))
    return results
