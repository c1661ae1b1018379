# profile.py - where the guest's instructions go, counted one by one.
#
# Sourced by gdb (make profile): connects to QEMU's gdb stub, runs the
# guest to the SKIP-th call of FUNC, then single-steps it, recording the
# address of every instruction, until FUNC is entered again (or STEPS
# instructions have passed). Each step is one guest instruction, and one
# iteration of a rep-prefixed string instruction is one step, so the total
# is what QEMU's -icount counts for the same stretch (docs/BENCHMARKS.md).
# QEMU's stub steps with interrupts masked: the timer does not intrude.
#
# The addresses are then counted by function, from the symbols of the
# kernel and of the program (static programs run where they were linked),
# and by kernel/user stretch: each entry into the kernel and back is one
# line, which shows a system call, a fault or a switch at a glance.
#
# Settings come from the environment (make profile sets them):
#   PROFILE_PORT   the stub's TCP port on 127.0.0.1
#   PROFILE_FUNC   where to start and stop (a kernel function)
#   PROFILE_SKIP   start at the SKIP-th call (1: the first)
#   PROFILE_STEPS  the most instructions to step
#   PROFILE_ELFS   the ELF files whose symbols name addresses (spaces)
import bisect
import collections
import os
import subprocess

import gdb

USER_TOP = 0x0000800000000000


def settings():
    """Returns the settings, from the environment."""
    e = os.environ
    return {
        "port": e.get("PROFILE_PORT", "1237"),
        "func": e.get("PROFILE_FUNC", "sys_fork"),
        "skip": max(1, int(e.get("PROFILE_SKIP", "1"))),
        "steps": int(e.get("PROFILE_STEPS", "200000")),
        "elfs": e.get("PROFILE_ELFS", "").split(),
    }


def record(cfg):
    """Steps from the SKIP-th entry of FUNC to its next entry; returns the addresses."""
    gdb.execute("set pagination off")
    gdb.execute("target remote 127.0.0.1:" + cfg["port"], to_string=True)
    bp = gdb.Breakpoint(cfg["func"], internal=True)
    for _ in range(cfg["skip"]):
        gdb.execute("continue", to_string=True)
    bp.enabled = False
    start = int(gdb.parse_and_eval("$pc"))
    pcs = [start]
    while len(pcs) < cfg["steps"]:
        gdb.execute("stepi", to_string=True)
        pc = int(gdb.parse_and_eval("$pc"))
        if pc == start:
            break
        pcs.append(pc)
    return pcs


def symbols(elfs):
    """Returns (sorted start addresses, names) of the functions of elfs."""
    syms = []
    for elf in elfs:
        out = subprocess.run(["nm", "-n", "--defined-only", elf], capture_output=True,
                             text=True, check=False).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTwW":
                syms.append((int(parts[0], 16), parts[2]))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def report(pcs, elfs, func):
    """Prints the counts by function, then by kernel/user stretch."""
    addrs, names = symbols(elfs)

    def name(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        return names[i] if i >= 0 else "?"

    by_func = collections.Counter(name(pc) for pc in pcs)
    print("profile: %d instructions from %s to its next call" % (len(pcs), func))
    print("\n  by function (top 30)")
    for fn, n in by_func.most_common(30):
        print("  %9d %5.1f%%  %s" % (n, 100.0 * n / len(pcs), fn))
    print("\n  by stretch (kernel or user, in order; the top three functions of each)")
    stretches = []
    for pc in pcs:
        side = "kernel" if pc >= USER_TOP else "user"
        if not stretches or stretches[-1][0] != side:
            stretches.append((side, collections.Counter()))
        stretches[-1][1][name(pc)] += 1
    for side, counts in stretches:
        top = ", ".join("%s %d" % kv for kv in counts.most_common(3))
        print("  %-6s %8d  %s" % (side, sum(counts.values()), top))


def main():
    cfg = settings()
    pcs = record(cfg)
    gdb.execute("kill", to_string=True)
    report(pcs, cfg["elfs"], cfg["func"])


main()
