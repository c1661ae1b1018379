#!/usr/bin/env python3
"""bench_malloc_traces.py - the malloc-lab traces of tools/bench-malloc.py:
every trace replayed on every allocator, utilisation and time per trace.

The replayer is the malloc lab's driver (tests/labs/malloc/replay.c),
built against each allocator as the benchmark is (bench_malloc_build.py)
and given the traces as .rep files:
  - the lab's synthetic traces (tests/labs/malloc/traces/*.rep: binary
    sizes, coalescing, random sizes, realloc growth);
  - traces recorded from the real programs: real_bench (Lua, SQLite)
    built with glibc's malloc and run with REAL_BENCH_TRACE=FILE writes
    every malloc, realloc and free its hooks see (tests/bench/malloc_record.c).
    The same requests, so the same trace, whatever the allocator.

Per trace and allocator, the median of the runs of
  utilisation = peak live payload / how far the anonymous resident memory
                rose over the check pass (replay's rss=: the highest of
                1,000 exact samples; the allocator's metadata and every
                page it touched, whatever system calls it uses)
  time        = ns per operation (replay's ns=: median of its timing
                passes, which replay the trace with no checks)
Every replay must also pass the driver's checks (alignment, overlap,
payload kept): a failure is an error.
"""
import os
import re
import statistics
import subprocess
import sys

from bench_malloc_build import REF, ROOT, build, build_variants, log

LAB = os.path.join(ROOT, "tests", "labs", "malloc")
REPLAY = re.compile(r"^\S+ (\S+) ok ops=(\d+) peak=(\d+) heap=(\d+) instructions=(\d+) ns=(\d+)"
                    r"(?: rss=(\d+))?", re.M)
# Timing passes per replay, replay prints their median: the 5th, when the
# allocators have settled. The first passes after the check pass still
# carry each allocator's warm-up (a trim the next pass grows back over, a
# threshold being raised); Interlude's takes three passes on the sqlite
# trace (3.4, 5.1, 4.9 ms, then 2.0), glibc's none (1.5, then 1.2-1.4). Like
# CS:APP's driver, which times repeated runs, this measures the settled
# speed; the warm-up is in docs/BENCHMARKS.md.
PASSES = "9"
TARGET_POINTS = 2.0  # Interlude's utilisation at least the best peer's minus this


def synthetic_traces():
    d = os.path.join(LAB, "traces")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".rep"))


def build_replays(bdir, only):
    """The replayer against every allocator: (variants, skipped), as
    build_variants. Its traces come from files, so its table of built-in
    ones is empty; mallinfo2 is compiled out (glibc's walks its free lists
    at every operation, which made a big trace's check pass 20x slower;
    the bench compares rss, not the lab's heap= figure); and a block need
    only be aligned as C17 says, for any object that fits in it (jemalloc,
    mimalloc and tcmalloc give 8-byte blocks 8-byte alignment), not to the
    lab's 16 bytes."""
    os.makedirs(bdir, exist_ok=True)
    empty = os.path.join(bdir, "rp-traces.c")
    if not build([sys.executable, os.path.join(LAB, "embed-traces.py"), empty], empty, "replay's traces.c", []):
        return {}, {"all": "embed-traces.py failed"}
    srcs = [os.path.join(LAB, "replay.c"), empty, "-DREPLAY_NO_MALLINFO2", "-DREPLAY_ALIGN_BY_SIZE"]
    return build_variants(bdir, only, program=("rp-", srcs))


def record_traces(real_bench, bdir, workloads, scale, timeout):
    """Records each real workload's allocations with real_bench (the
    glibc-static build); returns ([trace paths], [errors])."""
    tdir = os.path.join(bdir, "traces")
    os.makedirs(tdir, exist_ok=True)
    paths, errors = [], []
    for w in workloads:
        path = os.path.join(tdir, w + ".rep")
        env = dict(os.environ, REAL_BENCH_TRACE=path)
        try:
            r = subprocess.run([real_bench, w, scale], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, timeout=timeout, text=True)
            ok = r.returncode == 0 and os.path.exists(path)
            why = "exit %d: %s" % (r.returncode, r.stderr[-300:])
        except subprocess.TimeoutExpired:
            ok, why = False, "timeout"
        if ok:
            paths.append(path)
        else:
            errors.append("trace recording %s: %s" % (w, why))
            log(errors[-1])
    return paths, errors


def trace_name(path):
    return os.path.basename(path)[:-len(".rep")]


def measure_traces(variants, traces, runs, timeout):
    """-> res[(variant, trace)] = {"util": [...], "ns_op": [...], "ops": n}, errors"""
    res, errors = {}, []
    names = [n for n in variants]
    for tr in traces:
        t = trace_name(tr)
        for r in range(runs):
            for n in names:
                path = variants[n][0]
                try:
                    p = subprocess.run([path, tr, PASSES], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       timeout=timeout, text=True, errors="replace")
                    out, code = p.stdout, p.returncode
                except subprocess.TimeoutExpired:
                    out, code = "timeout after %d s" % timeout, -1
                m = REPLAY.search(out)
                if code != 0 or not m or not m.group(7):
                    errors.append("trace %s %s run %d: %s" % (n, t, r + 1, out.strip()[-300:] or "exit %d" % code))
                    log(errors[-1])
                    continue
                ops, peak, ns, rss = int(m.group(2)), int(m.group(3)), int(m.group(6)), int(m.group(7))
                e = res.setdefault((n, t), {"util": [], "ns_op": [], "ops": ops})
                e["util"].append(100.0 * peak / rss if rss else float("nan"))
                e["ns_op"].append(ns / ops if ops else 0.0)
        log("trace %-14s %s" % (t, "  ".join(
            "%s %.1f%%" % (n, statistics.median(res[(n, t)]["util"])) for n in names if (n, t) in res)))
    return res, errors


def print_traces(res, names, traces, variants, skipped, runs, scale):
    """The two tables (utilisation, ns per operation) and the verdict; returns the text."""
    ts = [trace_name(t) for t in traces]
    out = ["malloc-lab traces (tests/labs/malloc/replay.c on each allocator), %d runs, %s timing passes "
           "each; recorded traces at real_bench scale %s" % (runs, PASSES, scale),
           "utilisation = peak live payload / rise of anonymous resident memory over the check pass "
           "(higher is better); "
           "time = median ns per operation of the timing passes", ""]
    for n, why in skipped.items():
        out.append("  %-14s not measured: %s" % (n, why))
    hdr = "| trace | ops | " + " | ".join(names) + " |"
    rule = "|---|---:|" + "---:|" * len(names)
    med = lambda n, t, k: statistics.median(res[(n, t)][k]) if (n, t) in res else None  # noqa: E731
    ops = lambda t: next((res[(n, t)]["ops"] for n in names if (n, t) in res), "-")  # noqa: E731
    out += ["utilisation %", "", hdr, rule]
    for t in ts:
        out.append("| %s | %s | %s |" % (t, ops(t), " | ".join(
            "%.1f" % med(n, t, "util") if med(n, t, "util") is not None else "-" for n in names)))
    out += ["", "ns per operation (ratio to %s)" % REF, "", hdr, rule]
    geo = {}
    for t in ts:
        ref = med(REF, t, "ns_op")
        cells = []
        for n in names:
            v = med(n, t, "ns_op")
            cells.append("%.1f (%.2f)" % (v, v / ref) if v is not None and ref else "-")
            if v is not None and ref:
                geo.setdefault(n, []).append(v / ref)
        out.append("| %s | %s | %s |" % (t, ops(t), " | ".join(cells)))
    gm = {n: statistics.geometric_mean(v) for n, v in geo.items() if len(v) == len(ts)}
    out.append("| **geomean ratio** | | %s |" % " | ".join("**%.2f**" % gm[n] if n in gm else "-" for n in names))
    out.append("")
    if "interlude" in names:
        missed = 0
        for t in ts:
            mine = med("interlude", t, "util")
            peers = [(med(n, t, "util"), n) for n in names if n != "interlude" and med(n, t, "util") is not None]
            if mine is None or not peers:
                continue
            best = max(peers)
            ok = mine >= best[0] - TARGET_POINTS
            missed += not ok
            out.append("  utilisation %-14s %.1f%%, best peer %s %.1f%%: %+.1f points%s"
                       % (t, mine, best[1], best[0], mine - best[0], "" if ok else "  MISSED"))
        out.append("verdict, Interlude on the traces: utilisation within %.0f points of the best peer on "
                   "every trace: %s (%d missed)" % (TARGET_POINTS, "MET" if not missed else "MISSED", missed))
        if "interlude" in gm and "mimalloc" in gm:
            out.append("  time geomean %.2f against mimalloc's %.2f: %s"
                       % (gm["interlude"], gm["mimalloc"], "MET" if gm["interlude"] <= gm["mimalloc"] else "MISSED"))
    text = "\n".join(out)
    print(text)
    return text


def run_traces(only, bdir, real_bench, real_workloads, runs, scale, timeout):
    """Builds, records and measures; returns (report text, errors)."""
    variants, skipped = build_replays(bdir, only)
    errors = []
    if "interlude" in skipped and (not only or "interlude" in only):
        errors.append("trace replay: interlude not built: " + skipped["interlude"])
    if REF not in variants:
        return "malloc-lab traces not measured: the replayer did not build", errors + ["trace replay: no %s build" % REF]
    traces = synthetic_traces()
    if real_bench:
        recorded, rerr = record_traces(real_bench, bdir, real_workloads, scale, timeout)
        traces += recorded
        errors += rerr
    names = [n for n in variants]
    res, merr = measure_traces(variants, traces, runs, timeout)
    return print_traces(res, names, traces, variants, skipped, runs, scale), errors + merr
