#!/usr/bin/env python3
"""tmpfs-fuzz.py - the differential fuzzer of the file calls, run long:
the same seeds on this Linux machine's /tmp and on Interlude's tmpfs.

    tmpfs-fuzz.py --program ELF [--seed S] [--runs N] [--ops K] [--jobs J]

Runs tests/libc/tmpfs_fuzz.c's program N times with the seeds S, S+1, ...
and K operations each: natively, and in Interlude (tools/interlude run, a
boot per seed, J at once, each in a folder of its own). Each run's output
(every call's result, errno and the checksums of what it read) must be the
same on both systems, byte for byte, and Interlude's kernel must report no
leak, fault or panic. make test runs one seed (the program's default); make
fuzz-tmpfs runs this:

    make fuzz-tmpfs [SEED=1] [RUNS=20] [OPS=5000]

Prints KTAP, one test per seed; a differing seed is shown with its first
differing lines and the command that replays it. Exit status 0 only if
every seed agreed.
"""
import argparse
import concurrent.futures
import difflib
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAD = ("LEAK", "panic", "PANIC", "mmcheck:", "fault at")


def native(program, seed, ops):
    """The program's output on this machine."""
    r = subprocess.run([program, str(seed), str(ops)], stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=120)
    return r.stdout.decode(errors="replace")


def interlude(program, seed, ops):
    """The program's output on Interlude, and what the kernel said on stderr."""
    with tempfile.TemporaryDirectory(prefix="tmpfs-fuzz-") as d:
        env = dict(os.environ, INTERLUDE_RUN_DIR=d)
        r = subprocess.run([os.path.join(ROOT, "tools", "interlude"), "run", program,
                            str(seed), str(ops)], stdin=subprocess.DEVNULL, env=env,
                           capture_output=True, timeout=600)
    return r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def one(program, seed, ops):
    """(seed, None) if both systems agreed, else (seed, what differed)."""
    want = native(program, seed, ops)
    got, kernel = interlude(program, seed, ops)
    bad = [l for l in kernel.splitlines() if any(b in l for b in BAD)]
    if want == got and not bad:
        return seed, None
    why = list(difflib.unified_diff(want.splitlines(), got.splitlines(), "linux",
                                    "interlude", n=1, lineterm=""))[:12]
    return seed, why + bad[:5]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--program", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--ops", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    seeds = range(a.seed, a.seed + a.runs)
    print("KTAP version 1\n1..%d" % len(seeds), flush=True)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for i, (seed, why) in enumerate(pool.map(lambda s: one(a.program, s, a.ops), seeds), 1):
            if why is None:
                print("ok %d seed %d: the same on Linux and Interlude (%d operations)"
                      % (i, seed, a.ops), flush=True)
                continue
            failed += 1
            print("not ok %d seed %d differs" % (i, seed))
            for line in why:
                print("    # " + line)
            print("    # replay: tools/interlude run %s %d %d   (and natively: %s %d %d)"
                  % (a.program, seed, a.ops, a.program, seed, a.ops), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
