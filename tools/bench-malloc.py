#!/usr/bin/env python3
"""bench-malloc.py - tests/bench/malloc_bench.c against several mallocs on
this Linux machine, in one run: wall time, peak RSS, and ratio to glibc's
malloc linked statically (the reference), with a plot.

    tools/bench-malloc.py [--runs 5] [--scale 1] [--only a,b] [--workloads x,y]
                          [--svg docs/bench-malloc.svg] [--no-install] [--quick] [--no-real] [--host-shim]
                          [--qemu [--qemu-scale 0.05] [--qemu-real-scale 0.05]]

Then the real programs (tests/bench/real_bench.c): Lua 5.4 scripts through
Debian's liblua5.4.a and an in-memory SQLite database through
libsqlite3.a, linked with every allocator but musl (the archives are built
against glibc; Interlude's allocator behind the host shim), measured and
printed the same way. --quick: one run at scale 0.2.

Variants: glibc-static (the reference), glibc-dynamic, musl, jemalloc,
mimalloc, tcmalloc and interlude (Interlude's libc/malloc), each one
binary of the same sources; how each is built, and what stands in when a
library is missing: tools/bench_malloc_build.py. This script measures and
reports; the plot is tools/bench_svg.py.

Each variant runs each workload --runs times (variants interleaved, so
that drift of the machine hits all alike); the figure is the median of the
program's own time (clock_gettime around the workload only: no process
start-up); the peak RSS is from one more run of each, during which this
script reads the program's /proc/PID/smaps_rollup (exact) every few tens
of microseconds, and takes the highest (VmHWM, which the program prints,
is off by up to 32 pages a CPU: run_wait4).
Every run's checksum must equal glibc-static's (same requests, same
bytes read back): a mismatch is reported as an error.

Printed: a table per workload (time ms, ratio to glibc-static, RSS MiB,
ratio), the geometric mean of time ratios per allocator, and a verdict for
Interlude's allocator against the targets (geometric mean of time ratios
<= 0.6, RSS ratio <= 1 on every workload). The plot (hand-written SVG):
grouped bars, per workload, of each allocator's time ratio and RSS ratio
(log scale, 1 = glibc-static).

--qemu additionally runs every variant's three programs (malloc_bench
all QEMU_SCALE tsc, real_bench all QEMU_REAL_SCALE tsc, the replay of
every trace) under QEMU/TCG with -icount shift=0,sleep=off, where one
rdtsc tick is one guest instruction: on Debian's Linux kernel (every
variant, a dynamic one with its libraries) and on Interlude's (the static
ones), and prints guest instructions per operation:
tools/bench_malloc_qemu.py.

A benchmark judges nothing: the exit status is non-zero only if something
failed to build or run (Interlude's allocator included, when asked for), or
a checksum differed.
"""
import argparse
import math
import os
import re
import select
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_svg  # noqa: E402
import bench_malloc_traces  # noqa: E402
import bench_malloc_qemu  # noqa: E402
# Building the variants; build_interlude is also bench-malloc-debug.py's.
from bench_malloc_build import (  # noqa: E402,F401
    HERE, REF, ROOT, build_interlude, build_variants, ensure_packages, log, q)

WORKLOADS = ["lifo", "random", "realloc", "large", "fifo", "frag"]
# the real programs (tests/bench/real_bench.c: Lua and SQLite with each allocator)
REAL_WORKLOADS = ["lua-strings", "lua-tables", "lua-tree", "sqlite"]
WORKLOAD_LABEL = {
    "lifo": "same-size LIFO",
    "random": "random 8-512 B",
    "realloc": "realloc growth",
    "large": "large 64K-4M",
    "fifo": "FIFO frees",
    "frag": "fragmentation",
}
ORDER = ["glibc-static", "glibc-dynamic", "musl", "jemalloc", "mimalloc", "tcmalloc", "interlude"]
COLORS = {
    "glibc-static": "#4c72b0", "glibc-dynamic": "#8fa8d8", "musl": "#55a868",
    "jemalloc": "#c44e52", "mimalloc": "#8172b2", "tcmalloc": "#ccb974",
    "interlude": "#e8743b",
}
TARGET_TIME = 0.6
TARGET_RSS = 1.0
LINE = re.compile(r"workload ([\w-]+) ops (\d+) (time_ns|ticks) (\d+) checksum (\d+) maxrss_kb (-?\d+)")


# --- running ---------------------------------------------------------------------

SAMPLE_PAUSE = 0.00002  # s between samples of a sampled run


def resident_kb(pid):
    """The resident set of process pid in KiB, counted exactly (the kernel
    walks its page tables for smaps_rollup), or None if it is gone."""
    try:
        fd = os.open("/proc/%d/smaps_rollup" % pid, os.O_RDONLY)
        try:
            b = os.read(fd, 4096)
        finally:
            os.close(fd)
        i = b.find(b"\nRss:")
        return int(b[i + 5:b.index(b"kB", i)]) if i >= 0 else None
    except (OSError, ValueError):
        return None


def run_wait4(path, env, workload, scale, timeout, sample=False):
    """Runs one workload. The peak RSS is the program's own figure (VmHWM
    of its address space); the child's ru_maxrss from wait4 only where the
    program has none: Linux carries ru_maxrss over execve, so it would
    include this Python process's ~13 MiB.

    VmHWM is not exact: since Linux 6.2 the resident counts are per-CPU
    counters, and the high-water mark is raised from their approximate sum
    (off by up to a batch, 32 pages on a small machine, per CPU) when
    memory is unmapped. A program of a few hundred KiB that unmaps as it
    frees is under-counted by half (musl's lifo: VmHWM 60 KiB, while its
    resident set was 148 KiB). With sample,
    this process reads the child's smaps_rollup (exact) every few tens of
    microseconds while it runs instead, and the figure is the highest
    sample ("peak_kb"); the program's time in that run is not used (the
    reads slow it)."""
    e = dict(os.environ)
    if env:
        e.update(env)
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(rfd)
            os.dup2(wfd, 1)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.execve(path, [path, workload, scale], e)
        finally:
            os._exit(127)
    os.close(wfd)
    chunks = []
    deadline = time.monotonic() + timeout
    target, started, peak = os.path.realpath(path), False, 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, 9)
            break
        r, _, _ = select.select([rfd], [], [], min(left, SAMPLE_PAUSE) if sample else left)
        if sample:
            # from the exec on (before it, the child is a copy of this process)
            if not started:
                try:
                    started = os.readlink("/proc/%d/exe" % pid) == target
                except OSError:
                    pass
            kb = resident_kb(pid) if started else None
            peak = max(peak, kb or 0)
        if not r:
            continue
        b = os.read(rfd, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(rfd)
    _, status, ru = os.wait4(pid, 0)
    text = b"".join(chunks).decode("utf-8", "replace")
    m = LINE.search(text)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not m:
        return None, "exit %d, output %r" % (code, text[-300:])
    own = int(m.group(6))
    return {
        "ops": int(m.group(2)),
        "unit": m.group(3),
        "time": int(m.group(4)),
        "checksum": m.group(5),
        "rss_kb": own if own > 0 else ru.ru_maxrss,
        "peak_kb": peak if sample and peak > 0 else None,
    }, None


def measure(variants, workloads, runs, scale, timeout):
    res = {}  # (variant, workload) -> dict(times=[], rss=[], checksum, ops)
    errors = []
    names = [n for n in ORDER if n in variants]
    for w in workloads:
        for r in range(runs):
            for n in names:
                path, env, _ = variants[n]
                d, err = run_wait4(path, env, w, scale, timeout)
                if err:
                    errors.append("%s %s run %d: %s" % (n, w, r + 1, err))
                    log(errors[-1])
                    continue
                e = res.setdefault((n, w), {"times": [], "rss": [], "checksum": set(), "ops": d["ops"],
                                            "unit": d["unit"]})
                e["times"].append(d["time"])
                e["rss"].append(d["rss_kb"])
                e["checksum"].add(d["checksum"])
        for n in names:  # one more run each, for the exact peak (run_wait4)
            if (n, w) not in res:
                continue
            path, env, _ = variants[n]
            d, err = run_wait4(path, env, w, scale, 3 * timeout, sample=True)
            if err:
                errors.append("%s %s sampled run: %s" % (n, w, err))
                log(errors[-1])
                continue
            res[(n, w)]["checksum"].add(d["checksum"])
            if d["peak_kb"]:
                res[(n, w)]["peak"] = d["peak_kb"]
            else:  # over before a sample could be taken (a tiny scale)
                log("%s %s: no sample of its memory, VmHWM stands" % (n, w))
        line = "  ".join("%s %.0f ms" % (n, statistics.median(res[(n, w)]["times"]) / 1e6)
                         for n in names if (n, w) in res)
        log("%-8s %s" % (w, line))
    # every allocator must have read back the same bytes
    for w in workloads:
        ref = res.get((REF, w), {}).get("checksum")
        for n in names:
            e = res.get((n, w))
            if e and ref and e["checksum"] != ref:
                errors.append("%s %s: checksum %s differs from %s's %s"
                              % (n, w, sorted(e["checksum"]), REF, sorted(ref)))
                log(errors[-1])
    return res, errors


def peak_kb(e):
    """A variant's peak RSS on a workload: the sampled run's, exact, where
    there is one; else the highest VmHWM of its timed runs."""
    return e.get("peak") or max(e["rss"])


def summarize(res, names, workloads):
    """-> rows[(n, w)] = (ms, tratio, rss_mib, rratio), geo[n]"""
    rows, geo = {}, {}
    for w in workloads:
        ref = res.get((REF, w))
        for n in names:
            e = res.get((n, w))
            if not e or not ref:
                continue
            t = statistics.median(e["times"])
            rss, ref_rss = peak_kb(e), peak_kb(ref)
            tr = t / statistics.median(ref["times"])
            rr = rss / ref_rss if ref_rss > 0 else float("nan")
            rows[(n, w)] = (t / 1e6, tr, rss / 1024.0, rr)
    for n in names:
        ratios = [rows[(n, w)][1] for w in workloads if (n, w) in rows]
        if len(ratios) == len(workloads):
            geo[n] = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
    return rows, geo


def print_table(rows, geo, names, workloads, variants, skipped, runs, scale, program="malloc_bench"):
    out = []
    out.append("%s, %d runs per variant and workload, scale %s: median time, max peak RSS;"
               % (program, runs, scale))
    out.append("ratios to %s (time ratio < 1 is faster, RSS ratio < 1 is smaller)." % REF)
    out.append("")
    for n in names:
        out.append("  %-14s %s" % (n, variants[n][2]))
    for n, why in skipped.items():
        out.append("  %-14s not measured: %s" % (n, why))
    out.append("")
    hdr = "| workload | " + " | ".join(names) + " |"
    out.append("time ms (ratio to %s)" % REF)
    out.append("")
    out.append(hdr)
    out.append("|---|" + "---:|" * len(names))
    for w in workloads:
        cells = []
        for n in names:
            r = rows.get((n, w))
            cells.append("%.0f (%.2f)" % (r[0], r[1]) if r else "-")
        out.append("| %s | %s |" % (w, " | ".join(cells)))
    out.append("| **geomean ratio** | %s |" % " | ".join(
        "**%.2f**" % geo[n] if n in geo else "-" for n in names))
    out.append("")
    out.append("peak RSS MiB (ratio to %s)" % REF)
    out.append("")
    out.append(hdr)
    out.append("|---|" + "---:|" * len(names))
    for w in workloads:
        cells = []
        for n in names:
            r = rows.get((n, w))
            cells.append(("%.2f (%.2f)" if r and r[2] < 10 else "%.1f (%.2f)") % (r[2], r[3]) if r else "-")
        out.append("| %s | %s |" % (w, " | ".join(cells)))
    out.append("")
    if "interlude" in names and "interlude" in geo:
        g = geo["interlude"]
        worst = max(((rows[("interlude", w)][3], w) for w in workloads if ("interlude", w) in rows))
        tok = g <= TARGET_TIME
        rok = worst[0] <= TARGET_RSS
        out.append("verdict, Interlude's allocator: time geomean %.2fx glibc-static (target <= %.1f): %s; "
                   "peak RSS at most glibc-static's on every workload (worst %.2fx, %s): %s"
                   % (g, TARGET_TIME, "MET" if tok else "MISSED", worst[0], worst[1],
                      "MET" if rok else "MISSED"))
        # the second version's targets: mimalloc's time, the best peer's memory
        if "mimalloc" in geo:
            out.append("  time geomean against mimalloc's %.2f: %s (%.2fx)"
                       % (geo["mimalloc"], "MET" if g <= geo["mimalloc"] else "MISSED", g / geo["mimalloc"]))
        for w in workloads:
            peers = [(rows[(n, w)][2], n) for n in names if n != "interlude" and (n, w) in rows]
            if ("interlude", w) in rows and peers:
                best = min(peers)
                mine = rows[("interlude", w)][2]
                out.append("  peak RSS %-12s %.2f MiB, best peer %s %.2f: %.2fx%s"
                           % (w, mine, best[1], best[0], mine / best[0] if best[0] else float("nan"),
                              "" if mine <= best[0] * 1.05 else "  MISSED"))
    else:
        out.append("verdict, Interlude's allocator: not measured (%s)"
                   % skipped.get("interlude", "incomplete results"))
    text = "\n".join(out)
    print(text)
    return text


# --- QEMU: every allocator on Linux and on Interlude, guest instructions --------


def qemu_part(a, variants, only):
    """--qemu: the three programs of every variant under QEMU -icount, on
    Linux and on Interlude (tools/bench_malloc_qemu.py); returns (report
    text, errors)."""
    rvariants, _ = build_variants(a.build_dir, only, real=True)
    pvariants, _ = bench_malloc_traces.build_replays(a.build_dir, only)
    traces = bench_malloc_traces.synthetic_traces()
    errors = []
    if REF in rvariants:
        recorded, rerr = bench_malloc_traces.record_traces(
            rvariants[REF][0], a.build_dir, REAL_WORKLOADS, a.trace_scale, a.timeout)
        traces += recorded
        errors += rerr
    sets = {"synthetic": variants, "real": rvariants, "traces": pvariants}
    results, qerr = bench_malloc_qemu.run_all(sets, traces, a.qemu_scale, a.qemu_real_scale,
                                              a.build_dir, a.qemu_timeout)
    rows = {"synthetic": WORKLOADS, "real": REAL_WORKLOADS,
            "traces": [bench_malloc_traces.trace_name(t) for t in traces]}
    text, notes = bench_malloc_qemu.tables(results, rows, ORDER, a.qemu_scale, a.qemu_real_scale)
    text += "\n" + bench_malloc_qemu.verdict(results)
    print(text)
    return text, errors + qerr + notes


# --- main -------------------------------------------------------------------------

def ktap_check(a):
    """--ktap: runs main's measure with the report on stderr, then prints
    KTAP on stdout: Interlude's allocator built (when asked for), and for
    each workload, that every run finished with glibc-static's checksum.
    The exit status is main's."""
    import contextlib
    import io
    a.ktap = False
    buf = io.StringIO()
    with contextlib.redirect_stdout(sys.stderr):
        status = main_with(a, errors_out=buf)
    errors = buf.getvalue().splitlines()
    built = not any(e.startswith("interlude not built") for e in errors)
    tests = [("interlude builds", built, [e for e in errors if e.startswith("interlude not built")])]
    for w in [w for w in a.workloads.split(",") if w]:
        mine = [e for e in errors if re.match(r"\S+ %s\b" % re.escape(w), e)]
        tests.append(("%s: every run with glibc-static's checksum" % w, built and not mine, mine))
    if not a.no_traces:
        mine = [e for e in errors if e.startswith("trace ")]
        tests.append(("malloc-lab traces: every replay passes its checks", built and not mine, mine))
    print("KTAP version 1")
    print("1..%d" % len(tests))
    for i, (name, ok, why) in enumerate(tests, 1):
        for line in why:
            print("# " + line)
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", default="1")
    ap.add_argument("--only", default="", help="comma-separated variants (glibc-static always)")
    ap.add_argument("--workloads", default=",".join(WORKLOADS))
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "bench-malloc"))
    ap.add_argument("--svg", default=os.path.join(ROOT, "docs", "bench-malloc.svg"))
    ap.add_argument("--no-svg", action="store_true")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per native run")
    ap.add_argument("--qemu", action="store_true", help="also run under QEMU -icount (Interlude and Linux)")
    ap.add_argument("--qemu-only", action="store_true", help="only the QEMU part")
    ap.add_argument("--qemu-scale", default="0.05", help="malloc_bench's scale under QEMU")
    ap.add_argument("--qemu-real-scale", default="0.05", help="real_bench's scale under QEMU")
    ap.add_argument("--qemu-timeout", type=int, default=1800)
    ap.add_argument("--no-real", action="store_true",
                    help="skip the real programs (Lua, SQLite) and the traces recorded from them")
    ap.add_argument("--no-traces", action="store_true", help="skip the malloc-lab traces")
    ap.add_argument("--trace-scale", default="0.2", help="real_bench scale of the recorded traces")
    ap.add_argument("--ktap", action="store_true",
                    help="a check, not a measure: the tables to stderr, and on stdout KTAP "
                         "results (Interlude built, each workload's checksum)")
    ap.add_argument("--host-shim", action="store_true",
                    help="build Interlude's allocator behind the host shim (as the real programs are)")
    ap.add_argument("--quick", action="store_true", help="1 run, scale 0.2: a rough figure in a minute")
    a = ap.parse_args()
    if a.ktap:
        return ktap_check(a)
    return main_with(a)


def main_with(a, errors_out=None):
    """Builds, measures and reports as the options a say; each error (a
    failed build of Interlude's, a failed run, a checksum that differed)
    is also written to errors_out, a line each. Returns the exit status."""
    def error(msg):
        if errors_out is not None:
            errors_out.write(msg + "\n")
    if a.quick:
        a.runs, a.scale, a.trace_scale = 1, "0.2", "0.05"

    only = set(x for x in a.only.split(",") if x)
    workloads = [w for w in a.workloads.split(",") if w]
    for w in workloads:
        if w not in WORKLOADS:
            sys.exit("bench-malloc: unknown workload %s (%s)" % (w, " ".join(WORKLOADS)))
    ensure_packages(not a.no_install)
    variants, skipped = build_variants(a.build_dir, only, host_shim=a.host_shim)
    status = 0
    if REF not in variants:
        sys.exit("bench-malloc: the reference (%s) did not build" % REF)
    if "interlude" in skipped and (not only or "interlude" in only):
        # the allocator this benchmark is for: a table without it is a failure
        log("error: interlude: " + skipped["interlude"])
        error("interlude not built: " + skipped["interlude"])
        status = 1
    names = [n for n in ORDER if n in variants]
    report = []
    if not a.qemu_only:
        log("variants: " + ", ".join(names) + (("; not built: " + ", ".join(skipped)) if skipped else ""))
        res, errors = measure(variants, workloads, a.runs, a.scale, a.timeout)
        rows, geo = summarize(res, names, workloads)
        report.append(print_table(rows, geo, names, workloads, variants, skipped, a.runs, a.scale))
        if not a.no_svg:
            note = "%d runs each, scale %s, %s; %s" % (
                a.runs, a.scale, time.strftime("%Y-%m-%d"),
                "Interlude: " + (variants["interlude"][2] if "interlude" in variants
                                 else "not measured (" + skipped.get("interlude", "?") + ")"))
            bench_svg.svg_plot(rows, geo, names, workloads, a.svg, note,
                               labels=WORKLOAD_LABEL, colors=COLORS, target_time=TARGET_TIME)
            log("plot written to " + os.path.relpath(a.svg, ROOT))
        for e in errors:
            error(e)
        if errors:
            status = 1
        rvariants = {}
        if not a.no_real:
            rvariants, rskipped = build_variants(a.build_dir, only, real=True)
            if REF in rvariants:
                rnames = [n for n in ORDER if n in rvariants]
                log("real programs: " + ", ".join(rnames))
                rres, rerrors = measure(rvariants, REAL_WORKLOADS, a.runs, a.scale, a.timeout)
                rrows, rgeo = summarize(rres, rnames, REAL_WORKLOADS)
                report.append(print_table(rrows, rgeo, rnames, REAL_WORKLOADS, rvariants, rskipped,
                                          a.runs, a.scale, program="real_bench (Lua 5.4, SQLite 3.40)"))
                for e in rerrors:
                    error(e)
                if rerrors:
                    status = 1
            else:
                log("real programs not measured: %s" % "; ".join("%s: %s" % kv for kv in rskipped.items()))
        if not a.no_traces:
            real_bench = rvariants[REF][0] if REF in rvariants else None
            text, terrors = bench_malloc_traces.run_traces(
                only, a.build_dir, real_bench, REAL_WORKLOADS, a.runs, a.trace_scale, a.timeout)
            report.append(text)
            for e in terrors:
                error(e)
            if terrors:
                status = 1
    if a.qemu or a.qemu_only:
        text, qerr = qemu_part(a, variants, only)
        report.append(text)
        for e in qerr:
            log(e)
            error(e)
        if qerr:
            status = 1
    with open(os.path.join(a.build_dir, "report.txt"), "w") as f:
        f.write("\n".join(report) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
