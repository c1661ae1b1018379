#!/usr/bin/env python3
"""viz.py - pictures of memory from a trace (docs/VIZ.md).

    tools/viz.py TRACE.jsonl [--out DIR] [--pid N] [--columns N] [--header BYTES]
    tools/viz.py --ostep-ops TRACE.jsonl [--pid N]

writes DIR/aspace.svg (the address space over time), DIR/heap.svg (the
heap over time) and DIR/index.html (both, with a time slider and a
tooltip on each block). With --ostep-ops it prints instead the
process's malloc/free/realloc calls as OSTEP malloc.py's -A list
(tools/viz/freelist.py), for tests/viz/ostep_freelist. Exit status 0, or 2 with a sentence on a trace
that cannot be read.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from viz import aspace, freelist, heap, model, page, trace  # noqa: E402


def main(argv=None):
    """Reads the trace, writes the three files; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trace")
    ap.add_argument("--out", default="build/viz")
    ap.add_argument("--pid", type=int)
    ap.add_argument("--columns", type=int, default=6, help="columns of the address-space figure")
    ap.add_argument("--header", type=int, default=heap.HEADER, help="bytes of metadata per block")
    ap.add_argument("--ostep-ops", action="store_true", help="print the heap calls as malloc.py -A")
    args = ap.parse_args(argv)
    try:
        events = trace.load(args.trace)
    except (OSError, trace.TraceError) as e:
        print("viz: %s" % e, file=sys.stderr)
        return 2
    if args.ostep_ops:
        ops, dropped = freelist.ostep_ops(events, args.pid)
        if dropped:
            print("viz: %d allocations past the first %d left out" % (dropped, freelist.LIMIT),
                  file=sys.stderr)
        print(ops)
        return 0
    m = model.replay(events, args.pid)
    if not m.snapshots:
        print("viz: %s: no event of pid %s to draw" % (args.trace, m.pid), file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    outputs = {
        "aspace.svg": aspace.render(m, args.columns),
        "heap.svg": heap.render(m, args.header),
        "index.html": page.render(m, args.header),
    }
    for name, text in outputs.items():
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(text)
    print("viz: %d steps, %d blocks: %s" % (len(m.snapshots), len(m.blocks), ", ".join(
        os.path.join(args.out, n) for n in outputs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
