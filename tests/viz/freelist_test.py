#!/usr/bin/env python3
"""The simple allocator's free list in OSTEP malloc.py's -c format, on Interlude.

    tests/viz/freelist_test.py --program build/viz-tools/ostep_freelist [--build-dir build]

runs tests/viz/ostep_freelist (built against the simple allocator,
libc/malloc-simple) on Interlude with scripted operations and compares
its output byte for byte with what is written below. The expected text
was worked out by hand from the allocator's policy (malloc.c): a block
is a 16-byte header plus the request rounded up to 16 (malloc(0): 16
bytes of payload); first fit over a free list in address order; a block
is split when the rest is at least 32 bytes; free puts the block back at
its place and merges it with free neighbours on both sides; the heap
starts as one free block of 64 KiB less the 16-byte end marker (65520
bytes), and grows by 64 KiB right after it. Lines are malloc.py's: the
doubled space after "Alloc(N)" and after "]:", and the space at the end
of each free-list line, come from its print statements. Prints KTAP.
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def alloc(k, n, addr, searched):
    """malloc.py's line for ptr[k] = Alloc(n)."""
    return "ptr[%d] = Alloc(%d)  returned %d (searched %d elements)" % (k, n, addr, searched)


def freed(k, rc=0):
    """malloc.py's line for Free(ptr[k])."""
    return "Free(ptr[%d]) returned %d" % (k, rc)


def flist(*blocks):
    """malloc.py's free-list line for blocks, (addr, size) pairs."""
    return "Free List [ Size %d ]: " % len(blocks) + "".join(
        " [ addr:%d sz:%d ]" % b for b in blocks) + " "


def steps(*pairs):
    """The output of a run: each step's line, its list, and a blank line."""
    out = []
    for p in pairs:
        out += list(p) if isinstance(p, tuple) else [p]
        if isinstance(p, tuple):
            out.append("")
    return "\n".join(out) + "\n"


# First fit, splitting, coalescing on both sides, an exact fit, a double
# free and a free of an index never allocated: the steps malloc.py -C -p
# FIRST -l ADDRSORT prints the same (the heap at 1000, 65520 bytes).
FIRST_FIT = ("+100,+200,+50,-1,+150,+40,+20,-0,-2,-4,-4,+100,-9,-3,-5,-6", steps(
    (alloc(0, 100, 1000, 1), flist((1128, 65392))),           # 16 + 112 = 128: split
    (alloc(1, 200, 1128, 1), flist((1352, 65168))),           # 16 + 208 = 224
    (alloc(2, 50, 1352, 1), flist((1432, 65088))),            # 16 + 64 = 80
    (freed(1), flist((1128, 224), (1432, 65088))),            # neighbours in use: no merge
    (alloc(3, 150, 1128, 1), flist((1304, 48), (1432, 65088))),  # 176 of 224: rest 48 kept
    (alloc(4, 40, 1432, 2), flist((1304, 48), (1496, 65024))),   # 64 > 48: the second fits
    (alloc(5, 20, 1304, 1), flist((1496, 65024))),            # 48: an exact fit
    (freed(0), flist((1000, 128), (1496, 65024))),
    (freed(2), flist((1000, 128), (1352, 80), (1496, 65024))),
    (freed(4), flist((1000, 128), (1352, 65168))),            # 80 + 64 + 65024: both sides
    (freed(4, -1), flist((1000, 128), (1352, 65168))),        # freed already
    (alloc(6, 100, 1000, 1), flist((1352, 65168))),           # 128 again: exact
    "Invalid Free: Skipping",                                 # ptr[9] never was
    (freed(3), flist((1128, 176), (1352, 65168))),
    (freed(5), flist((1128, 65392))),                         # 176 + 48 + 65168
    (freed(6), flist((1000, 65520))),                         # the whole heap again
))

# Where Interlude's allocator differs from malloc.py by design (docs/VIZ.md):
# malloc(0) takes a 32-byte block (malloc.py: 16), and a rest under 32
# bytes is not cut off (the 48-byte hole serves a 32-byte request whole).
DIFFERENCES = ("+0,+30,+8,-1,+1,-3", steps(
    (alloc(0, 0, 1000, 1), flist((1032, 65488))),
    (alloc(1, 30, 1032, 1), flist((1080, 65440))),            # 16 + 32 = 48
    (alloc(2, 8, 1080, 1), flist((1112, 65408))),
    (freed(1), flist((1032, 48), (1112, 65408))),
    (alloc(3, 1, 1032, 1), flist((1112, 65408))),             # 32 of 48: rest 16, not split
    (freed(3), flist((1032, 48), (1112, 65408))),             # the block was 48 bytes
))

# The heap grows (malloc.py returns -1 here): 65024 of 65520 leaves 496;
# 1024 does not fit, so sbrk adds 64 KiB right after the heap, the end
# marker at 66520 becomes the new block's header and merges with the free
# 496 bytes (66024 + 496 = 66520): one block of 66032. The search walked
# the one-block list, grew, and walked it again: 2 elements.
GROWTH = ("+65000,+1000", steps(
    (alloc(0, 65000, 1000, 1), flist((66024, 496))),
    (alloc(1, 1000, 66024, 2), flist((67048, 65008))),
))

CASES = [("first_fit_split_and_coalesce", FIRST_FIT), ("where_interlude_differs", DIFFERENCES),
         ("heap_growth", GROWTH)]


def run(program, ops, build):
    """(status, stdout, stderr) of the program on Interlude with -b 1000 and ops."""
    run_dir = os.path.join(os.path.abspath(build), "runs", "viz-freelist-%d-%d" % (
        os.getpid(), abs(hash(ops))))
    env = dict(os.environ, BUILD=build, INTERLUDE_RUN_DIR=run_dir)
    try:
        p = subprocess.run([os.path.join(ROOT, "tools/interlude"), "run", program, "-b", "1000",
                            ops], capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--program", required=True)
    ap.add_argument("--build-dir", default="build")
    args = ap.parse_args()
    print("KTAP version 1")
    print("1..%d" % len(CASES))
    bad = 0
    # The first run alone (tools/interlude brings the boot image up to date,
    # and three makes rebuilding it at once can trip over each other), then
    # the others at once, one boot each.
    runs = [run(args.program, CASES[0][1][0], args.build_dir)]
    with concurrent.futures.ThreadPoolExecutor(len(CASES)) as pool:
        runs += list(pool.map(lambda c: run(args.program, c[1][0], args.build_dir), CASES[1:]))
    for i, ((name, (ops, want)), (status, out, err)) in enumerate(zip(CASES, runs), 1):
        sim = "malloc.py -S 65520 -b 1000 -H 16 -a 16 -p FIRST -l ADDRSORT -C -c -A %s" % ops
        ok = status == 0 and out == want and sim in err
        if not ok:
            bad += 1
            print("# %s: status %d" % (name, status))
            got, exp = out.splitlines(), want.splitlines()
            for n in range(max(len(got), len(exp))):
                g = got[n] if n < len(got) else "(nothing)"
                e = exp[n] if n < len(exp) else "(nothing)"
                if g != e:
                    print("# line %d: got      %r\n#         expected %r" % (n + 1, g, e))
                    break
            if status:
                print("# standard error: %r" % err[-800:])
            elif sim not in err:
                print("# standard error lacks %r: %r" % (sim, err[-500:]))
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
