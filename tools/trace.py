#!/usr/bin/env python3
"""trace.py - check and summarize a memory trace of Interlude (docs/TRACE.md).

    tools/trace.py --check TRACE.jsonl        every problem, one a line; status 1 if any
    tools/trace.py --summary TRACE.jsonl      how many events of each kind
    tools/trace.py --expect EV[,EV...] TRACE  status 1 unless each kind appears
    tools/trace.py --self-test                the checker's own tests (KTAP)

make trace runs --check --summary on the file it wrote. The parsing and
the rules live in tools/tracelib/, for other readers (the viewer) to reuse.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracelib  # noqa: E402


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="print every problem; exit 1 if any")
    ap.add_argument("--summary", action="store_true", help="count the events of each kind")
    ap.add_argument("--expect", default="", help="comma-separated kinds that must appear")
    ap.add_argument("--self-test", action="store_true", help="run the checker's own tests")
    ap.add_argument("trace", nargs="?")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    if not a.trace:
        ap.error("a trace file is needed")
    try:
        events = tracelib.read(a.trace)
    except (OSError, tracelib.TraceError) as err:
        print("trace: %s" % err)
        return 1
    status = 0
    if a.check:
        problems = tracelib.check(events)
        for p in problems:
            print("trace: %s: %s" % (a.trace, p))
        if problems:
            status = 1
    counts = tracelib.summary(events)
    if a.summary:
        print("trace: %s: %d lines: %s" % (a.trace, len(events),
              ", ".join("%s %d" % (k, counts[k]) for k in sorted(counts))))
    for kind in filter(None, a.expect.split(",")):
        if kind not in counts:
            print("trace: %s: no %s line" % (a.trace, kind))
            status = 1
    return status


# --- the self-test: each rule of the checker shown to fail on a bad line ---------------

START = {"v": 1, "ev": "start", "t": 1, "ram": 1 << 27, "page": 4096}
GOOD = [
    START,
    {"ev": "mmap", "t": 2, "pid": 1, "addr": "0x0", "len": 4096, "prot": 3, "flags": 34,
     "fd": -1, "off": 0, "ret": 0x7f0000000000},
    {"ev": "fault", "t": 3, "pid": 1, "addr": "0x7f0000000000", "access": "w",
     "ip": "0x401000", "how": "zero-fill"},
    {"ev": "frame_alloc", "t": 3, "pid": 1, "pa": "0x200000", "order": 0, "owner": "user"},
    {"ev": "exec", "t": 4, "pid": 1, "path": "x", "areas": [
        {"start": "0x400000", "end": "0x401000", "prot": "r-x", "kind": "code", "name": "x"}]},
]
BAD = {
    "first_line_not_start": [GOOD[1]],
    "address_as_number": [START, dict(GOOD[2], addr=0x7f0000000000)],
    "no_pid_on_a_syscall": [START, {k: v for k, v in GOOD[1].items() if k != "pid"}],
    "unknown_fault_how": [START, dict(GOOD[2], how="magic")],
    "refused_without_why": [START, dict(GOOD[2], how="refused")],
    "time_goes_back": [START, dict(GOOD[1], t=5), dict(GOOD[2], t=4)],
    "areas_overlap": [START, dict(GOOD[4], areas=GOOD[4]["areas"] * 2)],
    "frame_not_page_aligned": [START, dict(GOOD[3], pa="0x200010")],
    "missing_field": [START, {k: v for k, v in GOOD[1].items() if k != "len"}],
}


def self_test():
    """KTAP: the good trace passes, each bad one fails; status 0 only if all hold."""
    cases = [("good_trace_is_valid", GOOD, True)] + [(n, t, False) for n, t in BAD.items()]
    print("KTAP version 1\n1..%d" % len(cases))
    failed = 0
    with tempfile.TemporaryDirectory() as d:
        for i, (name, lines, valid) in enumerate(cases, 1):
            path = os.path.join(d, name + ".jsonl")
            with open(path, "w") as f:
                f.write("".join(json.dumps(e) + "\n" for e in lines))
            problems = tracelib.check(tracelib.read(path))
            ok = (not problems) == valid
            failed += not ok
            print("%s %d %s" % ("ok" if ok else "not ok", i, name))
            if not ok:
                print("# problems: %s" % problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
