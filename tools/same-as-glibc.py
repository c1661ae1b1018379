#!/usr/bin/env python3
"""same-as-glibc.py - one test: a libc test program built twice, against
Interlude's libc (tools/interlude-cc) and against the host's glibc (gcc),
run natively with the same arguments, must write the same standard output,
the same standard error and end with the same status.

    tools/same-as-glibc.py NAME OURS GLIBC [ARG...]

Prints KTAP (one result, with a diff of the first difference when it
fails) for tools/ktest.py --host. A death by signal N counts as 128 + N."""
import difflib
import subprocess
import sys


def run(program, args):
    p = subprocess.run([program] + args, capture_output=True, timeout=60)
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    return p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), status


def main():
    name, ours, glibc, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    a, b = run(ours, args), run(glibc, args)
    print("KTAP version 1")
    print("1..1")
    problems = []
    for what, x, y in (("stdout", a[0], b[0]), ("stderr", a[1], b[1])):
        if x != y:
            diff = difflib.unified_diff(y.splitlines(), x.splitlines(), "glibc", "interlude", lineterm="", n=1)
            problems.append("# %s differs:" % what)
            problems += ["#   " + line for line in list(diff)[:20]]
    if a[2] != b[2]:
        problems.append("# status %d, with glibc %d" % (a[2], b[2]))
    for line in problems:
        print(line)
    print("%s 1 %s: the same output and status as built against glibc" % ("not ok" if problems else "ok", name))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
