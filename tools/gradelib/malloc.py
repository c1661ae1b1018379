"""malloc.py - the malloc lab's run and judges (docs/labs/malloc.md).

The run builds both libcs (the reference allocator, libc/malloc, and the
student's, libc/malloc-simple), the replay driver against each
(tests/labs/malloc/replay.c) and one ISO whose boot runs every trace with
each allocator, one process each (make lab-malloc-iso), and boots it once
under -icount shift=0,sleep=off: rdtsc then counts guest instructions, so
every number is the same on every machine and every run.

The judges:
  correct      one per trace: the student's allocator replayed it with
               every check passed (alignment 16, no overlap, no payload
               changed, realloc keeps the contents)
  utilisation  the mean over the traces of peak live payload / heap
               high-water mark, as a fraction of a target
  throughput   the reference's instructions over the student's for all
               the traces together, as a fraction of a target
Utilisation and throughput earn points only when every trace is correct.
Both are reported for the reference and for the student's allocator, with
CS:APP's performance index 0.6 U + 0.4 min(1, T).
"""
import os
import re
import shlex
import subprocess

from gradelib import runner

LINE_RE = re.compile(r"^replay-(reference|student) (\S+) (ok|FAIL)(.*)$")
FIELD_RE = re.compile(r"(\w+)=(\d+)")


def run_replay(root, build_dir, run, timeout):
    """Builds the student's libc and the lab's ISO, boots it; returns an
    Outcome whose data maps (allocator, trace) to its fields or its failure."""
    log = os.path.join(build_dir, "labs", "malloc")
    os.makedirs(log, exist_ok=True)
    for targets in (["MALLOC=simple", "libc"], ["lab-malloc-iso"]):
        ok, out = runner.make(root, build_dir, targets, os.path.join(log, "build.log"))
        if not ok:
            return runner.Outcome(out, "the build failed (make %s)" % " ".join(targets))
    qemu = runner.qemu_argv(root, build_dir)
    i = qemu.index("-cdrom")
    qemu[i + 1] = os.path.join(build_dir, "labs", "malloc", "malloc.iso")
    klog, pout = os.path.join(log, "kernel.log"), os.path.join(log, "programs.out")
    for f in (klog, pout):
        if os.path.exists(f):
            os.remove(f)
    argv = qemu + shlex.split(run.get("qemu", "")) + [
        "-icount", "shift=0,sleep=off", "-serial", "file:" + klog, "-serial", "file:" + pout]
    problem = None
    try:
        p = subprocess.run(argv, cwd=root, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=timeout)
        if p.returncode not in (runner.QEMU_PASS, runner.QEMU_FAIL):
            problem = "QEMU exited with status %d: %s" % (p.returncode,
                                                          p.stderr.decode(errors="replace")[-300:])
    except subprocess.TimeoutExpired:
        problem = "the replays did not end within %ds" % timeout
    ktext = open(klog, errors="replace").read() if os.path.exists(klog) else ""
    ptext = open(pout, errors="replace").read() if os.path.exists(pout) else ""
    data = {}
    for line in ptext.splitlines():
        m = LINE_RE.match(line.strip())
        if not m:
            continue
        if m.group(3) == "ok":
            data[(m.group(1), m.group(2))] = {k: int(v) for k, v in FIELD_RE.findall(m.group(4))}
        else:
            data[(m.group(1), m.group(2))] = {"fail": line.strip()}
    text = "--- the programs' output ---\n%s\n--- the kernel's log ---\n%s" % (ptext, ktext)
    return runner.Outcome(text, problem, data={"results": data, "kernel": ktext})


def _traces(spec_tests):
    return [t["trace"] for t in spec_tests if t.get("check") == "correct"]


def _died(outcome, who, trace):
    """Returns what the kernel said about the process of (who, trace)."""
    k = outcome.data["kernel"] if outcome.data else ""
    m = re.search(r"^run: replay-%s %s\n(.*?)^run: exit status (\d+)$" % (who, re.escape(trace)),
                  k, re.M | re.S)
    if not m:
        return ["it never finished (%s)" % (outcome.problem or "the boot stopped before it")]
    said = [l for l in m.group(1).splitlines()
            if re.match(r"^(SEGFAULT|FATAL|HEAP ERROR|signal:|run:)", l)][:6]
    return ["it exited with status %s and printed no result" % m.group(2)] + said


def judge_correct(test, outcome):
    trace = test["trace"]
    res = outcome.data["results"] if outcome.data else {}
    mine = res.get(("student", trace))
    expected = "expected: replay-student %s ok ..." % trace
    if outcome.problem and not res:
        return runner.Verdict(test, 0, False, [expected, "actual:   " + outcome.problem]
                              + ["| " + l for l in outcome.text.splitlines()[-10:]])
    if mine and "fail" not in mine:
        return runner.Verdict(test, test["points"], True, [])
    if mine:
        return runner.Verdict(test, 0, False, [expected, "actual:   " + mine["fail"]])
    return runner.Verdict(test, 0, False, [expected, "actual:   no result line: "
                                           + "; ".join(_died(outcome, "student", trace))])


def _scores(outcome, traces):
    """Returns {who: (mean utilisation, instructions, per-trace util)} for
    the allocators that passed every trace."""
    res = outcome.data["results"] if outcome.data else {}
    out = {}
    for who in ("reference", "student"):
        rows = [res.get((who, t)) for t in traces]
        if not all(r and "fail" not in r for r in rows):
            continue
        utils = [r["peak"] / r["heap"] if r["heap"] else 0.0 for r in rows]
        out[who] = (sum(utils) / len(utils), sum(r["instructions"] for r in rows), utils)
    return out


def judge_performance(test, outcome, spec_tests):
    traces = _traces(spec_tests)
    s = _scores(outcome, traces)
    target = test["target"]
    if "reference" not in s:
        return runner.Verdict(test, 0, False, ["the reference allocator did not replay every "
                                               "trace: the grader is broken"])
    if "student" not in s:
        return runner.Verdict(test, 0, False, [
            "expected: every trace correct first",
            "actual:   a trace failed, so %s earns no points" % test["check"]])
    ref_u, ref_i, ref_utils = s["reference"]
    u, ins, utils = s["student"]
    t = ref_i / ins if ins else 0.0
    if test["check"] == "utilisation":
        value, what = u, "mean utilisation (peak payload / heap high-water mark)"
        lines = ["%-14s reference %.3f  yours %.3f" % (n, a, b)
                 for n, a, b in zip(traces, ref_utils, utils)]
        lines.append("%-14s reference %.3f  yours %.3f" % ("mean", ref_u, u))
    else:
        value, what = t, "throughput relative to the reference (its instructions / yours)"
        lines = ["instructions   reference %d  yours %d  ratio %.4f" % (ref_i, ins, t),
                 "performance index 0.6 U + 0.4 min(1, T): reference %.3f, yours %.3f"
                 % (0.6 * ref_u + 0.4, 0.6 * u + 0.4 * min(1.0, t))]
    frac = min(1.0, value / target)
    score = round(test["points"] * frac, 2)
    good = frac >= 1.0
    head = ["expected: %s >= %g" % (what, target), "actual:   %.4f" % value]
    return runner.Verdict(test, score, good, head + lines)


def make_judge(spec_tests):
    def judge(test, outcome):
        if test.get("check") == "correct":
            return judge_correct(test, outcome)
        return judge_performance(test, outcome, spec_tests)
    return judge


KINDS = {"malloc-replay": run_replay}
