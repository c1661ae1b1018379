#!/usr/bin/env python3
"""boot-programs.py - several user programs in one boot of Interlude, each
with the exit status it must end with.

    boot-programs.py --name NAME [--memory 16M] [--kernel ELF]
                     [--build-dir DIR] [--log-dir DIR] [--timeout S]
                     "STATUS PROGRAM [ARG...]"...

The programs run one after the other in one boot (tools/bootlib.py, the
kernel command line "mmcheck"), so each one after the first shows that the
kernel goes on after what the one before did (an out-of-memory kill, say):
after each the kernel runs the invariant checker and checks that the free
frames and the kernel heap's objects are back at their baseline, and ends
QEMU with failure if they are not. make test uses it for the
out-of-memory runs at -m 16M and -m 32M (tests/libc/malloc_oom.c).

Prints KTAP for tools/ktest.py: one test per program (its exit status,
and, for a KTAP program, no "not ok" line in its output), and one for the
boot as a whole (QEMU's success status: no leak, no refused program, no
panic), with the kernel log's tail on a failure. The time limit is
multiplied by TEST_TIMEOUT_SCALE.
"""
import argparse
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bootlib  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--memory", default="128M")
    ap.add_argument("--kernel", default="build/interlude.elf")
    ap.add_argument("--cmdline", default="mmcheck")
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--log-dir", default="build/test-logs")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--kvm", action="store_true")
    ap.add_argument("runs", nargs="+", help='"STATUS PROGRAM [ARG...]"')
    opts = ap.parse_args()
    runs = []
    for r in opts.runs:
        words = shlex.split(r)
        runs.append((int(words[0]), words[1], words[2:]))
    limit = opts.timeout * float(os.environ.get("TEST_TIMEOUT_SCALE", "1"))
    log = os.path.join(opts.log_dir, "boot-programs-%s.log" % opts.name)
    programs = [(elf, " ".join([os.path.basename(elf)] + args)) for _, elf, args in runs]
    out, statuses, text, problem = bootlib.boot(opts.kernel, programs, opts, limit, log)
    tail = ["# | " + l for l in text.rstrip().splitlines()[-15:]]
    # COM2 carries every program's output, one after the other: the
    # programs given here print KTAP, so each starts with its header.
    parts = out.decode(errors="replace").split("KTAP version 1")
    print("KTAP version 1")
    print("1..%d" % (len(runs) + 1))
    failed = 0
    for i, (want, elf, args) in enumerate(runs):
        got = statuses[i] if i < len(statuses) else None
        name = "%s: %s" % (opts.name, " ".join([os.path.basename(elf)] + args))
        mine = parts[i + 1] if i + 1 < len(parts) else ""
        bad = [l for l in mine.splitlines() if l.startswith("not ok")]
        if got == want and not bad:
            print("ok %d %s: status %d" % (i + 1, name, got))
            continue
        failed += 1
        print("# exit status %s, expected %d" % (got, want))
        for l in bad[:10]:
            print("# " + l)
        print("\n".join(tail))
        print("not ok %d %s" % (i + 1, name))
    if problem:
        failed += 1
        print("# %s; the kernel log's tail:" % problem)
        print("\n".join(tail))
        print("not ok %d %s: the boot" % (len(runs) + 1, opts.name))
    else:
        print("ok %d %s: the boot ended in success (no leak, no panic)" % (len(runs) + 1,
                                                                          opts.name))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
