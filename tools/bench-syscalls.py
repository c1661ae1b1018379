#!/usr/bin/env python3
"""bench-syscalls.py - system-call and page-fault costs on Interlude beside
Linux: the same probe (tests/bench/probe.c), the same QEMU configuration
(TCG, -cpu max, -icount shift=0,sleep=off), so every figure is a count of
guest instructions per operation, and the ratio Interlude/Linux.

    tools/bench-syscalls.py [--probe build/bench/probe]
                            [--interlude-output FILE] [--linux-output FILE]

Interlude: unless --interlude-output names the probe's output already
captured, runs `make BUILD=build/bench KHEAP_DEBUG=0 PROG=PROBE
QEMUFLAGS="-icount shift=0,sleep=off" run` (the kernel without heap
debugging, as `make bench`). Linux: unless --linux-output is given, runs
tools/linux-bench-kernel.py (Debian's kernel, the probe as /init).

Prints a table and the project's targets (met or missed). A benchmark
judges nothing: the exit status is non-zero only if a probe did not run
to the end or a figure is missing.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# (probe name, label, target ratio or None)
ROWS = [
    ("getpid", "getpid (syscall round trip)", 0.25),
    ("brk0", "brk(0)", None),
    ("brk_fault_per_page", "first-touch fault per page, brk memory", 0.3),
    ("mmap_fault_per_page", "first-touch fault per page, mmap memory", 0.3),
    ("mmap_touch_munmap_page", "mmap + touch + munmap, one page", None),
    ("munmap_16m_touched", "munmap of 16 MiB touched (one call)", None),
    ("fork_exit_wait", "fork + exit + wait, small process", 0.3),
    ("fork_64m_touched_exit_wait", "fork + exit + wait, 64 MiB touched", 0.3),
    ("cow_break_per_page", "copy-on-write break per page", 0.3),
    ("pipe_round_trip", "pipe round trip (1 byte each way)", 0.3),
]
CALIB = [
    ("calib_rep_stosb_4k", "user rep stosb of 4 KiB (calibration)"),
    ("calib_rep_stosq_4k", "user rep stosq of 4 KiB (calibration)"),
    ("calib_store_loop_4k", "user loop of 512 8-byte stores (calibration)"),
]
LINE = re.compile(r"probe ([a-z0-9_]+) ([0-9]+\.[0-9])\s*$")


def log(msg):
    print("bench-syscalls: " + msg, file=sys.stderr, flush=True)


def parse(text, who):
    figures = {}
    system = None
    for line in text.splitlines():
        m = LINE.search(line)
        if m:
            figures[m.group(1)] = float(m.group(2))
        m = re.search(r"probe-system (.*)$", line)
        if m:
            system = m.group(1).strip()
        if "probe-error" in line:
            log("%s: %s" % (who, line[line.index("probe-error"):].strip()))
    done = re.search(r"probe-done (\w+)", text)
    ok = bool(done) and done.group(1) == "ok"
    if not ok:
        log("%s: the probe did not finish cleanly" % who)
    return figures, system, ok


def run_interlude(probe, timeout):
    cmd = ["make", "--no-print-directory", "BUILD=build/bench", "KHEAP_DEBUG=0",
           "PROG=" + probe, "QEMUFLAGS=-icount shift=0,sleep=off", "run"]
    log("Interlude: " + " ".join(shlex.quote(c) for c in cmd))
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, timeout=timeout)
    log("Interlude: finished in %.1f s (status %d)" % (time.monotonic() - t0, r.returncode))
    return r.stdout.decode("utf-8", "replace")


def run_linux(probe, linux_dir, timeout, append):
    cmd = [sys.executable, os.path.join(HERE, "linux-bench-kernel.py"), "--prog", probe,
           "--dir", linux_dir, "--timeout", str(timeout)]
    if append:
        cmd += ["--append", append]
    log("Linux: " + " ".join(shlex.quote(c) for c in cmd))
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, timeout=timeout + 600)
    log("Linux: finished in %.1f s (status %d)" % (time.monotonic() - t0, r.returncode))
    return r.stdout.decode("utf-8", "replace")


def fmt(v):
    return "-" if v is None else ("%.1f" % v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probe", default="build/bench/probe")
    ap.add_argument("--linux-dir", default="build/linux")
    ap.add_argument("--interlude-output", help="the probe's output on Interlude, already captured")
    ap.add_argument("--linux-output", help="the probe's output on Linux, already captured")
    ap.add_argument("--linux-append", help="Linux's command line (default: linux-bench-kernel.py's)")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per boot")
    a = ap.parse_args()

    if a.interlude_output:
        with open(a.interlude_output, errors="replace") as f:
            itext = f.read()
    else:
        itext = run_interlude(a.probe, a.timeout)
    if a.linux_output:
        with open(a.linux_output, errors="replace") as f:
            ltext = f.read()
    else:
        ltext = run_linux(a.probe, a.linux_dir, a.timeout, a.linux_append)

    ifig, isys, iok = parse(itext, "Interlude")
    lfig, lsys, lok = parse(ltext, "Linux")

    print("guest instructions per operation (QEMU TCG -cpu max, -icount shift=0,sleep=off;")
    print("median of 5-7 runs; loop overhead included)")
    print("Interlude: %s    Linux: %s" % (isys or "?", lsys or "?"))
    print()
    w = max(len(r[1]) for r in ROWS + CALIB)
    print("%-*s %12s %12s %8s  %s" % (w, "operation", "Interlude", "Linux", "ratio", "target"))
    missing = False
    for name, label, target in ROWS:
        iv, lv = ifig.get(name), lfig.get(name)
        missing |= iv is None or lv is None
        ratio = iv / lv if iv is not None and lv else None
        verdict = ""
        if target is not None:
            verdict = "<= %.2fx: " % target
            verdict += "-" if ratio is None else ("met" if ratio <= target else "MISSED")
        print("%-*s %12s %12s %8s  %s" % (w, label, fmt(iv), fmt(lv),
                                          "-" if ratio is None else "%.2fx" % ratio, verdict))
    for name, label in CALIB:
        print("%-*s %12s %12s" % (w, label, fmt(ifig.get(name)), fmt(lfig.get(name))))

    # Under icount every iteration of a rep-prefixed string instruction counts
    # as one instruction. A new page is zeroed with rep stosb by Linux
    # (clear_page_erms) and with rep stosq by Interlude (as Linux's
    # clear_page_rep): show the fault cost without that zeroing too, for
    # reading the ratio honestly.
    z_i, z_l = ifig.get("calib_rep_stosq_4k"), lfig.get("calib_rep_stosb_4k")
    if z_i and z_l:
        print()
        print("note: icount counts each iteration of a rep string instruction as one"
              " instruction;")
        print("zeroing a page costs %.0f with rep stosq (Interlude) and %.0f with rep stosb"
              " (Linux)." % (z_i, z_l))
        for name in ("brk_fault_per_page", "mmap_fault_per_page"):
            iv, lv = ifig.get(name), lfig.get(name)
            if iv and lv and lv > z_l and iv > z_i:
                print("  %s without the zeroing: Interlude %.1f, Linux %.1f, ratio %.2fx"
                      % (name, iv - z_i, lv - z_l, (iv - z_i) / (lv - z_l)))
    return 0 if iok and lok and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
