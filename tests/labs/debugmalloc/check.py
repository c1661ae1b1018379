#!/usr/bin/env python3
"""check.py - the debugmalloc lab's expected-output tests (docs/labs/debugmalloc.md).

    tests/labs/debugmalloc/check.py BUILD_DIR [NAME...]

Runs each program of tests/labs/debugmalloc/ (built by make
lab-debugmalloc-progs into BUILD_DIR/labs/debugmalloc/) natively with
MALLOC_CHECK=1, its standard output and error merged, and compares what
it printed with the lines its source expects, in the style of Harvard
CS61's malloc tests. In the source:

    //! LINE      the next line of output, where ?? matches any text
                  (within the line); a LINE of just ??? matches any
                  number of whole lines, none included
    //= status N  the exit status (134: abort; 128 + N: killed by signal N)

Prints KTAP: one test per program (suite "debugmalloc"), with the first
line that differs and the whole output as diagnostics of a failure.
Exits 0 if every program matched.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 10


def expectations(src):
    """Returns (the expected lines, the expected status) of a program's source."""
    lines, status = [], 0
    for l in open(src):
        l = l.rstrip("\n")
        if l.startswith("//! "):
            lines.append(l[4:])
        elif l == "//!":
            lines.append("")
        elif l.startswith("//= status "):
            status = int(l.split()[2])
    return lines, status


def pattern(line):
    """Returns the regular expression of one expected line (?? is any text)."""
    return re.compile("^" + ".*".join(re.escape(p) for p in line.split("??")) + "$")


def match(want, got):
    """Returns None if the lines got match want, else (index in want, index
    in got) of the furthest point the matching reached."""
    pats = [None if w == "???" else pattern(w) for w in want]
    memo = {}
    best = [(0, 0)]

    def m(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        best[0] = max(best[0], (i, j))
        if i == len(want):
            r = j == len(got)
        elif pats[i] is None:
            r = m(i + 1, j) or (j < len(got) and m(i, j + 1))
        else:
            r = j < len(got) and bool(pats[i].match(got[j])) and m(i + 1, j + 1)
        memo[(i, j)] = r
        return r

    sys.setrecursionlimit(10000)
    return None if m(0, 0) else best[0]


def run(build, name):
    """Runs one program; returns (ok, diagnostics)."""
    src = os.path.join(HERE, name + ".c")
    prog = os.path.join(build, "labs", "debugmalloc", name)
    want, want_status = expectations(src)
    env = dict(os.environ, MALLOC_CHECK="1")
    try:
        p = subprocess.run([prog], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, ["%s did not end within %ds" % (name, TIMEOUT)]
    except OSError as e:
        return False, ["cannot run %s: %s (make lab-debugmalloc-progs)" % (prog, e)]
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    got = p.stdout.decode(errors="replace").splitlines()
    diag = []
    where = match(want, got)
    if where is not None:
        i, j = where
        diag.append("expected line %d: %s" % (i + 1, want[i] if i < len(want) else "(the end)"))
        diag.append("actual line %d:   %s" % (j + 1, got[j] if j < len(got) else "(the end)"))
    if status != want_status:
        diag.append("expected exit status %d, got %d" % (want_status, status))
    if diag:
        diag.append("the whole output:")
        diag += ["| " + l for l in got]
    return not diag, diag


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    names = sys.argv[2:] or sorted(f[:-2] for f in os.listdir(HERE) if f.endswith(".c"))
    results = [(n,) + run(build, n) for n in names]
    print("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: debugmalloc")
    print("    1..%d" % len(results))
    for k, (name, ok, diag) in enumerate(results, 1):
        for d in diag:
            print("    # " + d)
        print("    %sok %d %s" % ("" if ok else "not ", k, name))
    bad = sum(not ok for _, ok, _ in results)
    print("%sok 1 debugmalloc" % ("not " if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
