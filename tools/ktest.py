#!/usr/bin/env python3
"""ktest.py - Interlude's test harness: run every kind of test, one summary.

    ktest.py [--timeout S] [--kernel-elf ELF] [--log-dir DIR] [--verbose]
             [--unittest FILE.py]... [--host PROGRAM]... [--fuzz SPEC]...
             [--boot "NAME: QEMU COMMAND..."]...

--unittest  a Python unittest file (e.g. the KTAP parser's own tests)
--host      a host program that prints KTAP (the kernel's pure code under
            ASan/UBSan), or a command with arguments in one string
            ("tools/check-errors.py --build-dir build"); its exit status
            must agree with its results. "timeout=S COMMAND" gives a command
            that is a harness itself (its own limit per test) S seconds.
            A KTAP comment "# detail: TEXT" is shown on its summary line.

Every limit (--timeout, timeout=S) is multiplied by the environment's
TEST_TIMEOUT_SCALE (default 1), for slow or busy machines.
--fuzz      NAME:PROGRAM:RUNS:CORPUS, a libFuzzer target run for RUNS
            inputs (its saved CORPUS first; new inputs go to a scratch
            directory removed afterwards): a count, not a time, so that
            a busy machine runs the same test, only slower; one test,
            which fails if the fuzzer finds a crash
--same      NAME|PROGRAM|ARGS|ENV[|STDIN[|REFERENCE[|CWD]]]: runs the static
            PROGRAM on this Linux machine and on Interlude (tools/interlude
            run) with the same arguments, environment and standard input (the
            file STDIN, or none); one test, passed when the standard output,
            the standard error (less the kernel's "interlude: " diagnoses) and
            the exit status are identical (a native death by signal N counts
            as 128 + N, as a shell shows it). With REFERENCE, Linux runs that
            program instead (the same source built against glibc), under
            PROGRAM's name as argv[0]. With CWD, Linux runs it in that
            folder (rootfs/, shaped like Interlude's boot file system, where
            the program starts at /)
--beside    a host program (as --host) that touches no file another test
            uses (a pure computation, or a harness whose files are all its
            own): it runs in the background workers instead of the main
            thread, so that the one line of host programs is not the end
            of the run that everything waits for; --unittest-beside is
            the same for a --unittest module
--skip      "NAME: REASON": a test this build cannot run (make MALLOC=simple
            test has no production allocator for some); one test, reported
            as skipped with its reason, so that a skip is never silent
--boot      a QEMU command whose standard output is the kernel's serial
            port; the kernel prints KTAP and ends QEMU through
            isa-debug-exit: 33 means it passed, 35 that it failed

The comparisons, the fuzzers and the boots touch no shared file (each
comparison's boot image and kernel log are in a folder of its own under
BUILD/runs, given to tools/interlude as INTERLUDE_RUN_DIR; each boot is its
own QEMU on the built ISO; each fuzzer has its own scratch corpus), so they
run in --jobs background workers (default 2; make test gives 3, so that
two CPUs stay busy while some tests sleep or wait) beside the host
programs, which go one at a time in the main thread, but for the --beside
ones, which go with the workers (tools/check-errors.py among them, which
runs its own Interlude runs two at a time the same way). Their reports
come last; the "time:" line says when the main thread's line and the
workers ended, and the slowest tests of each are named. --serial runs
everything one after the other.

A boot is a failure if QEMU does not end within the timeout, if the machine
resets (a triple fault: QEMU exits 0 under -no-reboot), if the kernel
panics, or if the KTAP stream is incomplete or its plan does not match the
results. The test that was running when a boot died is reported as failed.
Backtrace addresses in failure reports are resolved to file:line with
addr2line when --kernel-elf is given. Logs go to --log-dir.

The last line printed is "N passed, N failed, N skipped"; the exit status
is 0 only if nothing failed.
"""
import argparse
import concurrent.futures
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import importlib.util

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

QEMU_PASS, QEMU_FAIL = 33, 35


class Run:
    """The outcome of one program: its KTAP document and any run errors."""

    def __init__(self, label):
        self.label = label
        self.passed = self.failed = self.skipped = 0
        self.failures = []  # (name, [detail lines])
        self.errors = []  # problems with the run itself


def account(run, doc, text_for_failure):
    run.passed, run.failed, run.skipped = doc.counts()
    for name, t in doc.failures():
        run.failures.append((name, t.diagnostics + ([("# " + t.directive)] if t.directive else [])))
    run.errors += doc.errors
    if doc.errors and doc.preamble and not doc.root:
        run.failures.append(("(output)", text_for_failure.splitlines()[-30:]))


def run_unittest(path):
    run = Run("unittest %s" % path)
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    result = unittest.TestResult()
    suite.run(result)
    run.failed = len(result.failures) + len(result.errors)
    run.skipped = len(result.skipped)
    run.passed = result.testsRun - run.failed - run.skipped
    for test, trace in result.failures + result.errors:
        run.failures.append((test.id(), trace.splitlines()))
    return run


def run_host(program, timeout, log_dir):
    run = Run("host %s" % program)
    argv = shlex.split(program)  # a program, or a command with its arguments
    # "timeout=S COMMAND": a command that is a harness of its own, with its
    # own limit per test, gets S seconds (scaled) instead of --timeout.
    if argv[0].startswith("timeout="):
        timeout = scaled(int(argv.pop(0)[len("timeout="):]))
    program = argv[0]
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        run.errors.append("timed out after %ds" % timeout)
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        account(run, ktap.parse(out, program), out)
        return run
    write_log(log_dir, os.path.basename(program), p.stdout + p.stderr)
    doc = ktap.parse(p.stdout, program)
    account(run, doc, p.stdout + p.stderr)
    # "# detail: TEXT" (e.g. the syscall fuzzer's "fuzz: N calls, M processes")
    # is shown on the program's summary line.
    details = re.findall(r"^# detail: (.*)$", p.stdout, re.M)
    if details:
        run.detail = " (%s)" % details[-1]
    if p.returncode != 0 and run.failed == 0:
        run.errors.append("exited with status %d although no test failed" % p.returncode)
        run.failures.append(("(stderr)", p.stderr.splitlines()[-40:]))
    if p.returncode == 0 and run.failed:
        run.errors.append("exited with status 0 although tests failed")
    return run


def run_fuzz(spec, log_dir):
    name, program, runs, corpus = spec.split(":")
    run = Run("fuzz %s" % name)
    # New inputs go to a scratch folder of this run's own, removed after
    # it: make fuzz's build/fuzz/corpus-NAME grows run after run, and
    # reading it first would make each make test slower than the last.
    crashes = os.path.join(os.path.dirname(program), "crashes")
    os.makedirs(crashes, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="corpus-%s-" % name, dir=os.path.dirname(program))
    # A fixed seed: the same inputs every run (libFuzzer's own seed is the
    # clock's, which made the malloc target take 5 to 70 s, and a failure
    # one run found might not come back on the next).
    argv = [program, "-runs=%s" % runs, "-seed=1", "-print_final_stats=1",
            "-artifact_prefix=%s/%s-" % (crashes, name), scratch, corpus]
    try:
        start = time.monotonic()
        p = subprocess.run(argv, capture_output=True, text=True, timeout=scaled(300))
        seconds = time.monotonic() - start
        out, status = p.stdout + p.stderr, p.returncode
    except subprocess.TimeoutExpired:
        out, status, seconds = "", None, scaled(300)
    shutil.rmtree(scratch, ignore_errors=True)
    write_log(log_dir, "fuzz-%s" % name, out)
    execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", out)
    run.detail = " %s runs in %.1fs" % (execs.group(1) if execs else "?", seconds)
    if status == 0:
        run.passed = 1
    else:
        run.failed = 1
        run.failures.append((name, ["# the fuzzer exited with status %s" % status]
                             + last_lines(out, 30)))
    return run


def run_same(spec, timeout, log_dir, build_dir):
    fields = spec.split("|")
    name, program, args, env = fields[:4]
    stdin_path = fields[4] if len(fields) > 4 else ""
    reference = (fields[5] if len(fields) > 5 else "") or program
    # The seventh field: the native run's current directory (a folder shaped
    # like the boot file system, e.g. rootfs/, whose root is Interlude's /).
    native_cwd = fields[6] if len(fields) > 6 and fields[6] else None
    run = Run("same %s" % name)
    argv = [os.path.basename(program)] + args.split()
    envd = dict(kv.split("=", 1) for kv in env.split())

    def stdin():
        return open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL

    # tools/interlude run keeps make's words off the program's standard
    # error (a build's, and make's own "Error N" when the program fails).
    # CMDLINE=mmcheck: the invariant checker looks at the program's memory
    # as it exits. A folder of its own for the boot image and the kernel log
    # (INTERLUDE_RUN_DIR), so that comparisons can run at once.
    run_env = dict(os.environ, BUILD=build_dir, CMDLINE="mmcheck",
                   INTERLUDE_RUN_DIR=scratch_dir(build_dir, name))
    try:
        # No core file for a program that dies of a signal on purpose.
        native = subprocess.run(argv, executable=os.path.abspath(reference), env=envd,
                                stdin=stdin(), cwd=native_cwd,
                                capture_output=True, timeout=timeout,
                                preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE,
                                                                      (0, 0)))
        ours = run_group([os.path.join(os.path.dirname(os.path.abspath(__file__)), "interlude"),
                          "run"] + [a for kv in env.split() for a in ("-e", kv)]
                         + [program] + args.split(), stdin=stdin(), env=run_env,
                         timeout=timeout + 120)
    except subprocess.TimeoutExpired as e:
        klog = os.path.join(run_env["INTERLUDE_RUN_DIR"], "kernel.log")
        text = open(klog, errors="replace").read() if os.path.exists(klog) else ""
        shutil.rmtree(run_env["INTERLUDE_RUN_DIR"], ignore_errors=True)
        run.failed = 1
        run.failures.append((name, ["# timed out: %s; the kernel log's tail:" % e]
                             + last_lines(text, 15)))
        return run
    klog = os.path.join(run_env["INTERLUDE_RUN_DIR"], "kernel.log")
    text = open(klog, errors="replace").read() if os.path.exists(klog) else ""
    shutil.rmtree(run_env["INTERLUDE_RUN_DIR"], ignore_errors=True)
    m = re.findall(r"^run: exit status (\d+)$", text, re.M)
    status = int(m[-1]) if m else None
    write_log(log_dir, "same-%s" % name, text + ours.stderr.decode(errors="replace"))
    # The kernel's diagnoses, which run-prog adds to standard error, are not the program's.
    ours_err = b"".join(l for l in ours.stderr.splitlines(keepends=True)
                        if not l.startswith(b"interlude: "))
    # Killed by signal N: -N here, 128 + N as a shell (and Interlude) says.
    native_status = 128 - native.returncode if native.returncode < 0 else native.returncode
    problems = []
    if ours.stdout != native.stdout:
        problems += first_difference("standard output", native.stdout, ours.stdout)
    if ours_err != native.stderr:
        problems += first_difference("standard error", native.stderr, ours_err)
    if problems:
        # Both sides whole, for a difference that does not come back.
        write_log(log_dir, "same-%s.linux" % name,
                  (native.stdout + b"\n--- standard error ---\n" + native.stderr)
                  .decode(errors="replace"))
    if status != native_status:
        problems.append("# exit status differs: Linux %s, Interlude %s"
                        % (native_status, status))
    if problems:
        run.failed = 1
        run.failures.append((name, problems + last_lines(text, 10)))
    else:
        run.passed = 1
        run.detail = " same output (%d + %d bytes) and status %d" % (
            len(native.stdout), len(native.stderr), native_status)
    return run


def first_difference(what, linux, ours):
    """Returns report lines naming the first line where two outputs part:
    its number and byte offset, the line before it and that line on each
    side, and both lengths (a flake that differs deep in a long output
    must be diagnosable from the one report it leaves)."""
    a, b = linux.splitlines(keepends=True), ours.splitlines(keepends=True)
    i, offset = 0, 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        offset += len(a[i])
        i += 1
    lines = ["# %s differs from line %d (byte %d on; Linux %d bytes, Interlude %d)"
             % (what, i + 1, offset, len(linux), len(ours))]
    if i > 0:
        lines.append("#   both:      %r" % a[i - 1][:200])
    lines.append("#   Linux:     %r" % (a[i][:200] if i < len(a) else "(ends)"))
    lines.append("#   Interlude: %r" % (b[i][:200] if i < len(b) else "(ends)"))
    return lines


def run_group(argv, timeout, **kw):
    """subprocess.run with captured output in a process group of its own:
    on a timeout the whole group ends (QEMU too, a grandchild of
    tools/interlude), then TimeoutExpired is raised as by subprocess.run."""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True, **kw)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise
    return subprocess.CompletedProcess(argv, p.returncode, out, err)


def scratch_dir(build_dir, name):
    """Returns a new, empty folder under BUILD/runs for one run's files."""
    top = os.path.join(build_dir, "runs")
    os.makedirs(top, exist_ok=True)
    return tempfile.mkdtemp(prefix=re.sub(r"[^\w.-]", "_", name) + "-", dir=top)


def run_skip(spec):
    name, _, reason = spec.partition(":")
    run = Run("skip %s" % name.strip())
    run.skipped = 1
    run.detail = " (%s)" % reason.strip()
    return run


def run_boot(spec, timeout, log_dir):
    name, _, command = spec.partition(":")
    run = Run("boot %s" % name.strip())
    argv = shlex.split(command)
    start = time.monotonic()
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=timeout)
        out, err, status = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, err, status = e.stdout or b"", e.stderr or b"", None
    run.seconds = time.monotonic() - start
    text = out.decode("utf-8", "replace")
    write_log(log_dir, "boot-%s" % name.strip(), text + err.decode("utf-8", "replace"))
    doc = ktap.parse(text, name.strip())
    account(run, doc, text)

    died = None
    if status is None:
        died = "QEMU did not end within %ds (a hang?)" % timeout
    elif status == 0:
        died = "the machine reset before the kernel ended QEMU (triple fault?)"
    elif status not in (QEMU_PASS, QEMU_FAIL):
        died = "QEMU exited with status %d: %s" % (status, err.decode(errors="replace").strip()[-300:])
    elif status == QEMU_FAIL and run.failed == 0:
        died = "the kernel reported failure (status 35) but no test failed"
    elif status == QEMU_PASS and (run.failed or doc.errors):
        run.errors.append("the kernel reported success although the KTAP stream shows failures")
    if died:
        run.errors.append(died)
        where = ktap.running_test(doc)
        if where:
            run.failures.append((where, ["# " + died] + last_lines(text, 25)))
            run.failed += 1
        elif not doc.root:
            run.failures.append(("(boot)", last_lines(text, 40)))
    return run


def last_lines(text, n):
    return ["| " + l for l in text.rstrip().splitlines()[-n:]]


def write_log(log_dir, name, text):
    if not log_dir:
        return
    os.makedirs(log_dir, exist_ok=True)
    with open(os.path.join(log_dir, re.sub(r"[^\w.-]", "_", name) + ".log"), "w") as f:
        f.write(text)


ADDR_RE = re.compile(r"#\d+ 0x(ffffffff[0-9a-f]{8})\b")


def symbolize(lines, elf):
    """Appends file:line (from addr2line) to backtrace lines."""
    if not elf or not os.path.exists(elf):
        return lines
    addrs = [m.group(1) for l in lines for m in [ADDR_RE.search(l)] if m]
    if not addrs:
        return lines
    try:
        p = subprocess.run(["addr2line", "-e", elf] + ["0x" + a for a in addrs],
                           capture_output=True, text=True, timeout=20)
        where = dict(zip(addrs, p.stdout.splitlines()))
    except (OSError, subprocess.SubprocessError):
        return lines
    out = []
    for l in lines:
        m = ADDR_RE.search(l)
        loc = where.get(m.group(1)) if m else None
        out.append(l + ("  (%s)" % os.path.relpath(loc) if loc and not loc.startswith("??") else ""))
    return out


def scaled(seconds):
    """Returns seconds times TEST_TIMEOUT_SCALE (default 1): a slow or busy
    machine raises every limit at once, never one test's by hand."""
    return int(seconds * float(os.environ.get("TEST_TIMEOUT_SCALE", "1")))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--kernel-elf")
    ap.add_argument("--log-dir", default="build/test-logs")
    ap.add_argument("--unittest", action="append", default=[])
    ap.add_argument("--host", action="append", default=[])
    ap.add_argument("--beside", action="append", default=[])
    ap.add_argument("--unittest-beside", action="append", default=[])
    ap.add_argument("--fuzz", action="append", default=[])
    ap.add_argument("--boot", action="append", default=[])
    ap.add_argument("--same", action="append", default=[])
    ap.add_argument("--skip", action="append", default=[])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--jobs", type=int, default=2,
                    help="background workers for the comparisons, fuzzers and boots (default 2)")
    ap.add_argument("--serial", action="store_true", help="no background worker: one test at a time")
    args = ap.parse_args()
    args.timeout = scaled(args.timeout)

    started = time.monotonic()
    # Independent of every other test's files (each comparison runs in a
    # folder of its own): started first, args.jobs at a time, beside the rest.
    # The longest (the --beside programs, the boots) first, so that no long
    # one is left for the end.
    apart = [(run_host, program, args.timeout, args.log_dir) for program in args.beside] + \
            [(run_unittest, path) for path in args.unittest_beside] + \
            [(run_boot, spec, args.timeout, args.log_dir) for spec in args.boot] + \
            [(run_fuzz, spec, args.log_dir) for spec in args.fuzz] + \
            [(run_same, spec, args.timeout, args.log_dir, args.build_dir) for spec in args.same]
    worker = concurrent.futures.ThreadPoolExecutor(max_workers=1 if args.serial
                                                   else max(1, args.jobs))
    pending = [worker.submit(timed, *job) for job in apart] if not args.serial else []
    runs = []
    for path in args.unittest:
        runs.append(timed(run_unittest, path))
        report(runs[-1], args.kernel_elf)
    for program in args.host:
        runs.append(timed(run_host, program, args.timeout, args.log_dir))
        report(runs[-1], args.kernel_elf)
    for spec in args.skip:
        runs.append(run_skip(spec))
        report(runs[-1], args.kernel_elf)
    in_line = time.monotonic() - started  # the tests run here, one after the other
    if args.serial:
        pending = [worker.submit(timed, *job) for job in apart]
    for future in pending:
        runs.append(future.result())
        report(runs[-1], args.kernel_elf)
    worker.shutdown()

    passed = sum(r.passed for r in runs)
    failed = sum(r.failed for r in runs)
    skipped = sum(r.skipped for r in runs)
    broken = [r for r in runs if r.errors]
    if broken and failed == 0:
        failed = len(broken)  # a broken run is never a silent pass
    # The critical path at a glance: where make test's minutes go.
    for apart in (False, True):
        slowest = sorted((r for r in runs if hasattr(r, "wall") and r.apart == apart),
                         key=lambda r: -r.wall)[:6]
        print("slowest %s: " % ("beside" if apart else "in line")
              + ", ".join("%s %.0fs" % (r.label.split(" --")[0][:60], r.wall) for r in slowest))
    apart_done = max([r.ended for r in runs if hasattr(r, "ended") and r.apart] or [started])
    print("time: %.1fs (the tests in line %.1fs, those beside them %.1fs); logs in %s/"
          % (time.monotonic() - started, in_line, apart_done - started, args.log_dir))
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed or broken else 0


def timed(job, *args):
    """Runs job(*args) and returns its Run with .wall, its seconds of wall time."""
    start = time.monotonic()
    run = job(*args)
    run.ended = time.monotonic()
    run.wall = run.ended - start
    run.apart = threading.current_thread() is not threading.main_thread()
    return run


def report(run, elf):
    status = "FAIL" if run.failed or run.errors else "ok"
    extra = " (%.1fs)" % run.seconds if hasattr(run, "seconds") else getattr(run, "detail", "")
    print("%-4s %s: %d passed, %d failed, %d skipped%s" % (status, run.label, run.passed,
                                                          run.failed, run.skipped, extra))
    for e in run.errors:
        print("     error: %s" % e)
    for name, details in run.failures:
        print("     not ok %s" % name)
        for line in symbolize(details, elf):
            print("        %s" % line.strip() if not line.startswith("|") else "        " + line)
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
