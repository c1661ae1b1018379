#!/usr/bin/env python3
"""trace_test.py - a traced run of a real program, checked from outside, in KTAP.

    tests/trace/trace_test.py [--build-dir build] [--program PATH]

Runs tests/libc/trace_demo (one of each memory event, docs/TRACE.md) twice
through tools/interlude run, at the same time: once with the memory trace
on ("trace" on the kernel's command line, QEMU's -debugcon writing port
0xe9 to a file) and once without. Then:

  - the trace is valid (tools/tracelib's check) and has every kind of line
    the demo causes, every way of serving a fault it causes, and every
    tier of malloc;
  - the C library's lines are the program's own: its frees name blocks its
    mallocs returned, the realloc names the block it moved, and each site
    (the caller's return address) lies in the demo's function that called;
  - the program's standard output, standard error and exit status are the
    same bytes traced and untraced (the trace has a channel of its own);
  - the recorded example tests/trace/example.jsonl is valid too.

No -icount here (make trace uses it, for "t" to count instructions): the
runs stay a few seconds each.
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ktap  # noqa: E402
import tracelib  # noqa: E402

TIMEOUT = 120 * int(os.environ.get("TEST_TIMEOUT_SCALE", "1") or 1)

KINDS = ["start", "exec", "exit", "fork", "fault", "frame_alloc", "frame_free", "slab_alloc",
         "slab_free", "brk", "sbrk", "mmap", "munmap", "mprotect", "madvise", "malloc", "free",
         "realloc"]
HOWS = ["zero-fill", "stack-growth", "cow-copy", "cow-reuse"]
PATHS = ["sparse", "class", "mid", "run", "mmap"]


def run(program, build, run_dir, trace_file):
    """(stdout, stderr, status) of tools/interlude run program; traced into
    trace_file when it is not None. Each run has a folder of its own."""
    env = dict(os.environ, BUILD=build, INTERLUDE_RUN_DIR=run_dir)
    env.pop("CMDLINE", None)
    env["QEMUFLAGS"] = ""
    if trace_file:
        env["CMDLINE"] = "trace"
        debugcon = " -debugcon file:" + trace_file
        if env.get("INTERLUDE_QEMU"):  # make test's built run image (tools/interlude)
            env["INTERLUDE_QEMU"] += debugcon
        else:
            env["QEMUFLAGS"] = debugcon.strip()
    p = subprocess.Popen([os.path.join(ROOT, "tools/interlude"), "run", program], cwd=ROOT,
                         env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return b"", b"(timed out)", -1
    return out, err, p.returncode


def both_runs(program, build, tmp):
    """The traced and the untraced run, side by side: (traced, untraced, trace
    path). Unless make test gave the built run image's command
    (INTERLUDE_QEMU), the image is brought up to date first, by one make:
    two runs that both found it out of date would build it at once."""
    path = os.path.join(tmp, "trace.jsonl")
    results = {}
    if not os.environ.get("INTERLUDE_QEMU"):  # else make test has built it
        env = dict(os.environ, INTERLUDE_RUN_DIR=os.path.join(tmp, "make"))
        subprocess.run(["make", "-s", "--no-print-directory", "BUILD=" + build,
                        "PROG=" + program, "iso"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT)

    def one(key, trace_file):
        results[key] = run(program, build, os.path.join(tmp, key), trace_file)

    threads = [threading.Thread(target=one, args=("traced", path)),
               threading.Thread(target=one, args=("plain", None))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results["traced"], results["plain"], path


def libc_lines_problems(events):
    """Why the libc's lines do not tell one program's story, as sentences."""
    why, live = [], set()
    for e in events:
        if e["ev"] == "malloc" and e["ret"] != "0x0":
            live.add(e["ret"])
        elif e["ev"] == "realloc":
            if e["addr"] != "0x0" and e["addr"] not in live:
                why.append("line %d: realloc of %s, which no malloc returned" % (e["_line"], e["addr"]))
            live.discard(e["addr"])
            live.add(e["ret"])
        elif e["ev"] == "free":
            if e["addr"] not in live:
                why.append("line %d: free of %s, which no malloc returned" % (e["_line"], e["addr"]))
            live.discard(e["addr"])
    return why


# The functions of tests/libc/trace_demo.c that call malloc and realloc
# (the compiler may have inlined the first ones into main).
DEMO_CALLERS = {"main", "heap_calls"}


def function_at(symbols, address):
    """The name of the function of symbols (sorted (address, name)) holding address."""
    name = None
    for start, sym in symbols:
        if start > address:
            break
        name = sym
    return name


def sites_problems(events, program):
    """Why a malloc or realloc line's site is not the demo's own call, as
    sentences: the site is the caller's return address, so it must lie in
    the demo function that made the call (nm's symbols of the program), not
    in the C library."""
    out = subprocess.run(["nm", "-n", program], stdout=subprocess.PIPE, text=True).stdout
    symbols = [(int(f[0], 16), f[2]) for f in (l.split() for l in out.splitlines())
               if len(f) == 3 and f[1] in "tT"]
    why = []
    for e in events:
        if e.get("ev") in ("malloc", "realloc"):
            fn = function_at(symbols, tracelib.addr(e["site"]))
            if fn not in DEMO_CALLERS:
                why.append("line %d: %s's site %s is in %s, not in the demo's %s"
                           % (e["_line"], e["ev"], e["site"], fn, " or ".join(sorted(DEMO_CALLERS))))
    return why


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--program", default=None)
    a = ap.parse_args()
    build = a.build_dir
    program = os.path.abspath(a.program or os.path.join(build, "libc-tests", "trace_demo"))
    k = ktap.Writer(7)
    with tempfile.TemporaryDirectory(prefix="trace-test.") as tmp:
        traced, plain, path = both_runs(program, build, tmp)
        try:
            events = tracelib.read(path)
            problems = tracelib.check(events)
        except (OSError, tracelib.TraceError) as err:
            events, problems = [], [str(err)]
    k.check(traced[2] == 0 and plain[2] == 0, "the_demo_passes_traced_and_untraced",
            ["status traced %d, untraced %d" % (traced[2], plain[2]),
             "stderr traced %r" % traced[1][-300:]])
    k.check(events and not problems, "the_trace_is_valid", problems[:10] or ["no trace"])
    counts = tracelib.summary(events)
    hows = {e["how"] for e in events if e.get("ev") == "fault"}
    paths = {e.get("path") for e in events if e.get("ev") in ("malloc", "realloc")}
    missing = ([kind for kind in KINDS if kind not in counts] +
               ["fault how %s" % h for h in HOWS if h not in hows] +
               ["malloc path %s" % p for p in PATHS if p not in paths])
    k.check(events and not missing, "every_kind_of_line_of_the_demo_is_there",
            ["missing: %s" % ", ".join(missing)])
    why = libc_lines_problems(events) if events else ["no trace"]
    k.check(not why, "the_libc_lines_free_what_they_allocated", why[:10])
    why = sites_problems(events, program) if events else ["no trace"]
    k.check(not why, "each_malloc_site_is_the_demos_own_call", why[:10])
    why = []
    for i, name in enumerate(("stdout", "stderr", "status")):
        if traced[i] != plain[i]:
            why.append("%s traced %r, untraced %r" % (name, traced[i], plain[i]))
    k.check(not why, "the_output_is_byte_identical_traced_and_untraced", why)
    example = os.path.join(ROOT, "tests", "trace", "example.jsonl")
    try:
        problems = tracelib.check(tracelib.read(example))
    except (OSError, tracelib.TraceError) as err:
        problems = [str(err)]
    k.check(not problems, "the_recorded_example_is_valid", problems[:10])
    return 1 if k.failed or k.n != 7 else 0


if __name__ == "__main__":
    sys.exit(main())
