#!/usr/bin/env python3
"""bench-malloc-debug: what MALLOC_CHECK costs.

Runs the malloc benchmark program (tests/bench/malloc_bench.c with
malloc_bench_workloads.c, built with tools/interlude-cc, the same binary
for every mode) natively on Linux with MALLOC_CHECK unset, =1 and =2,
several runs each, and prints the median time and the peak RSS of each
workload as a factor of the normal mode's.

  tools/bench-malloc-debug.py [--runs 3] [--scale 0.2] [--build-dir DIR]

The workloads are bench-malloc's (tools/bench-malloc.py); a smaller scale
than bench-malloc's default keeps MALLOC_CHECK=2 (a page fault and two
system calls per block) within minutes. Every mode must read back the same
checksum: the checks may not change what the program computes.
"""
import argparse
import importlib.util
import math
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench_malloc", os.path.join(HERE, "bench-malloc.py"))
bm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bm)

MODES = [("normal", None), ("MALLOC_CHECK=1", {"MALLOC_CHECK": "1"}),
         ("MALLOC_CHECK=2", {"MALLOC_CHECK": "2"})]


def why_failed(path, env, workload, scale, timeout):
    """Runs a failed case again to read its standard error: the reason."""
    e = dict(os.environ)
    e.update(env or {})
    try:
        p = subprocess.run([path, workload, scale], env=e, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timed out"
    lines = p.stderr.decode(errors="replace").strip().splitlines()
    return lines[0] if lines else "exit status %d, no message" % p.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", default="0.2")
    ap.add_argument("--workloads", default=",".join(bm.WORKLOADS))
    ap.add_argument("--build-dir", default=os.path.join(bm.ROOT, "build", "bench-malloc"))
    ap.add_argument("--timeout", type=int, default=300, help="seconds per run")
    a = ap.parse_args()
    os.makedirs(a.build_dir, exist_ok=True)
    path, how = bm.build_interlude(a.build_dir, [])
    if not path:
        sys.exit("bench-malloc-debug: the benchmark did not build: %s" % how)
    workloads = [w for w in a.workloads.split(",") if w]
    res, errors = {}, []
    for w in workloads:
        for name, env in MODES:
            for _ in range(a.runs):
                d, err = bm.run_wait4(path, env, w, a.scale, a.timeout)
                if err:
                    errors.append("%s %s: %s: %s" % (w, name, err.split(",")[0],
                                                     why_failed(path, env, w, a.scale, a.timeout)))
                    bm.log(errors[-1])
                    break  # the same failure each run
                e = res.setdefault((w, name), {"t": [], "rss": [], "sum": set()})
                e["t"].append(d["time"])
                e["rss"].append(d["rss_kb"])
                e["sum"].add(d["checksum"])
        bm.log("%-8s done" % w)
    out = ["MALLOC_CHECK cost: %s, %d runs, scale %s; median time and peak RSS, "
           "factor = mode / normal mode" % (how, a.runs, a.scale), ""]
    out.append("| workload | normal ms | normal RSS MiB | =1 time | =1 RSS | =2 time | =2 RSS |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    geo = {m: [] for m, _ in MODES[1:]}
    for w in workloads:
        base = res.get((w, "normal"))
        if not base:
            continue
        t0, r0 = statistics.median(base["t"]), max(base["rss"])
        cells = ["%s" % w, "%.1f" % (t0 / 1e6), "%.1f" % (r0 / 1024)]
        for m, _ in MODES[1:]:
            e = res.get((w, m))
            if not e:
                cells += ["failed", "failed"]
                continue
            if e["sum"] != base["sum"]:
                errors.append("%s %s: checksum %s differs from the normal mode's %s"
                              % (w, m, sorted(e["sum"]), sorted(base["sum"])))
            tf, rf = statistics.median(e["t"]) / t0, max(e["rss"]) / r0
            geo[m].append((tf, rf))
            cells += ["%.1fx" % tf, "%.1fx" % rf]
        out.append("| " + " | ".join(cells) + " |")
    row = ["geometric mean", "", ""]
    for m, _ in MODES[1:]:
        v = geo[m]
        if v:
            row += ["%.1fx" % math.exp(sum(math.log(x[0]) for x in v) / len(v)),
                    "%.1fx" % math.exp(sum(math.log(x[1]) for x in v) / len(v))]
        else:
            row += ["-", "-"]
    out.append("| " + " | ".join(row) + " |")
    for e in errors:
        out.append("error: " + e)
    print("\n".join(out))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
