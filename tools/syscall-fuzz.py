#!/usr/bin/env python3
"""syscall-fuzz.py - the differential syscall fuzzer's harness: the same
seeds on this Linux machine and in Interlude, digests compared.

    syscall-fuzz.py [--program ELF] [--seed S] [--processes P] [--calls C]
                    [--strict] [--mremap] [--build-dir DIR] [--log-dir DIR] [--kvm]

Runs tests/libc/syscall_fuzz.c's program P times with the seeds S, S+1, ...
and C calls each: natively, one process after the other (standard input
/dev/null, standard output a file), and in Interlude, up to 64 processes
per boot (one boot module each, the kernel command line "mmcheck", so the
invariant checker looks at every process's exit and after each). For each
process the program's output (its block digests, what its writes printed,
its closing line) and its exit status must be the same on both systems,
the status 0 (no "fuzz: MODEL" mismatch on either),
and the kernel must end QEMU with success (no leak, no mmcheck panic).
--strict adds the inputs where Interlude is known to differ; --mremap adds
mremap calls (docs/SYSCALLS.md: where Linux keeps two areas that
Interlude merged, their results differ, so they are not in the default run).

At the first process that differs, the first differing block is run again
verbosely on both systems and the first differing call is printed with
both results, followed by the command that replays it.

Prints KTAP (one test per process, "# detail: fuzz: N calls, M processes")
for tools/ktest.py; exit status 0 only if everything agreed. Every time
limit is multiplied by TEST_TIMEOUT_SCALE.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bootlib  # noqa: E402

MODULES_PER_BOOT = bootlib.MODULES_PER_BOOT
BLOCK_RE = re.compile(rb"fuzz-block (\d+) ([0-9a-f]{16})\n")
START_RE = re.compile(rb"fuzz: start seed (\d+)\n")
CALL_RE = re.compile(rb"^call (\d+): (.*)$", re.M)


def scaled(seconds):
    """Returns seconds times TEST_TIMEOUT_SCALE (default 1)."""
    return seconds * float(os.environ.get("TEST_TIMEOUT_SCALE", "1"))


def run_native(program, args, timeout):
    """Runs program natively; returns (output bytes, exit status as a shell shows it)."""
    with tempfile.TemporaryFile() as out:
        p = subprocess.run([os.path.basename(program)] + args, executable=program,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                           timeout=timeout, env={})
        out.seek(0)
        status = 128 - p.returncode if p.returncode < 0 else p.returncode
        return out.read(), status


def run_interlude(program, arg_lists, opts, log_name):
    """Boots Interlude once with one module per argument list; returns
    (output bytes, [exit statuses], kernel log text, problem or None)."""
    calls = sum(int(a[1]) for a in arg_lists)
    limit = scaled(30 + 1.5 * len(arg_lists) + calls / 2000.0)
    log = os.path.join(opts.log_dir, log_name + ".log") if opts.log_dir else None
    return bootlib.boot(opts.kernel, [(program, "syscall_fuzz " + " ".join(a)) for a in arg_lists],
                        opts, limit, log)


def split_processes(out):
    """Splits a boot's output into one part per process, each beginning at
    its "fuzz: start seed" line (so a process that crashed takes only its
    own part with it)."""
    starts = [m.start() for m in START_RE.finditer(out)]
    return [out[a:b] for a, b in zip(starts, starts[1:] + [len(out)])]


def first_block_difference(a, b):
    """Returns the first block number whose digest differs (or is missing), or None."""
    da = [(int(m.group(1)), m.group(2)) for m in BLOCK_RE.finditer(a)]
    db = [(int(m.group(1)), m.group(2)) for m in BLOCK_RE.finditer(b)]
    for i in range(max(len(da), len(db))):
        x = da[i] if i < len(da) else None
        y = db[i] if i < len(db) else None
        if x != y:
            return (x or y)[0]
    return None


def name_the_call(program, seed, calls, block, extra, opts):
    """Reruns one seed with the block verbose on both systems; returns lines naming the first differing call."""
    args = [str(seed), str(calls), str(block)] + extra
    native, _ = run_native(program, args, scaled(60))
    ours, _, _, problem = run_interlude(program, [args], opts, "syscall-fuzz-replay-%d" % seed)
    na = {int(m.group(1)): m.group(2) for m in CALL_RE.finditer(native)}
    ia = {int(m.group(1)): m.group(2) for m in CALL_RE.finditer(ours)}
    for k in sorted(set(na) | set(ia)):
        if na.get(k) != ia.get(k):
            return ["# first differing call: %d (block %d)" % (k, block),
                    "#   Linux:     %s" % (na.get(k) or b"(none)").decode(errors="replace"),
                    "#   Interlude: %s" % (ia.get(k) or b"(none)").decode(errors="replace")]
    return ["# block %d: no call line differs%s" % (block, " (%s)" % problem if problem else "")]


def model_lines(out, system):
    """Returns report lines for the first three "fuzz: MODEL" lines of one
    system's output: where the fuzzer's model disagreed with the kernel."""
    text = out.decode(errors="replace")
    # (what the fuzzer's writes printed may share the line: left out)
    found = [l[l.index("fuzz: MODEL"):] for l in text.splitlines() if "fuzz: MODEL" in l]
    return ["# %s: %s" % (system, l) for l in found[:3]]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--program", default="build/libc-tests/syscall_fuzz")
    ap.add_argument("--kernel", default="build/interlude.elf")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--processes", type=int, default=50)
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--mremap", action="store_true")
    ap.add_argument("--kvm", action="store_true")
    ap.add_argument("--cmdline", default="mmcheck", help="the kernel command line (default mmcheck)")
    ap.add_argument("--memory", default="128M", help="the machine's RAM (QEMU -m)")
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--log-dir", default="build/test-logs")
    opts = ap.parse_args()
    extra = (["strict"] if opts.strict else []) + (["mremap"] if opts.mremap else [])
    seeds = [opts.seed + i for i in range(opts.processes)]

    print("KTAP version 1")
    print("1..%d" % len(seeds))
    failed = 0
    for first in range(0, len(seeds), MODULES_PER_BOOT):
        group = seeds[first:first + MODULES_PER_BOOT]
        arg_lists = [[str(s), str(opts.calls)] + extra for s in group]
        native = [run_native(opts.program, a, scaled(60 + opts.calls / 1000.0)) for a in arg_lists]
        out, statuses, text, problem = run_interlude(opts.program, arg_lists, opts,
                                                     "syscall-fuzz-%d" % group[0])
        parts = split_processes(out)
        for i, seed in enumerate(group):
            n_out, n_status = native[i]
            i_out = parts[i] if i < len(parts) else b""
            i_status = statuses[i] if i < len(statuses) else None
            n = first + i + 1
            # A model mismatch fails the process even when both systems agree
            # (the same wrong answer twice, or a model that is wrong).
            if n_out == i_out and n_status == i_status == 0 and not problem:
                print("ok %d seed %d" % (n, seed))
                continue
            failed += 1
            print("not ok %d seed %d" % (n, seed))
            for l in model_lines(n_out, "Linux") + model_lines(i_out, "Interlude"):
                print(l)
            if problem:
                print("# %s; the kernel log's tail:" % problem)
                for l in text.rstrip().splitlines()[-15:]:
                    print("# | " + l)
            if n_status != i_status:
                print("# exit status: Linux %s, Interlude %s" % (n_status, i_status))
            block = first_block_difference(n_out, i_out)
            if block is not None:
                for l in name_the_call(opts.program, seed, opts.calls, block, extra, opts):
                    print(l)
            elif n_out != i_out:
                print("# the digests agree but the output differs (what a write printed?)")
            print("# replay: make fuzz-kernel SEED=%d PROCESSES=1 CALLS=%d%s%s"
                  % (seed, opts.calls, " STRICT=1" if opts.strict else "",
                     " MREMAP=1" if opts.mremap else ""))
            problem = None  # named once per boot
    print("# detail: fuzz: %d calls, %d processes%s" % (opts.calls * len(seeds), len(seeds),
                                                        ", %d differed" % failed if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
