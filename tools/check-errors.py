#!/usr/bin/env python3
"""check-errors.py - run the common-memory-error examples in every MALLOC_CHECK
mode, on Linux and on Interlude, and check each report against what the
program expects.

    tools/check-errors.py [--build-dir build] [--system linux|interlude]
                          [--mode N]... [--jobs N] [--timeout S] [NAME...]

It builds nothing: `make examples` puts the programs (examples/NAME.c) in
BUILD/examples/NAME. Each runs natively with MALLOC_CHECK=n in its
environment (fds 1 and 2 merged, as on Interlude's console) and in Interlude
with `tools/interlude run -e MALLOC_CHECK=n PROG` (the exit status is the
last "run: exit status N" of the run's kernel log; the kernel's own
diagnoses are the lines that tools/run-prog copies to stderr as
"interlude: ...").

A program prints its facts to stderr before its mistake:

    block 0x4052a0 size 5       the block concerned and the size it asked for
    address 0x4052a5            the address a report should name

and carries its expectations in its opening comment, one line per set of
modes (a line ending in a backslash goes on in the next line):

    expect MALLOC_CHECK=<n>[,<n>...][ linux| interlude]: key[=value] ...

A line that names a system applies there only, after the lines that name
none; a later key wins. The modes named in any line are the modes run.

    status=N          the exit status (134: abort, 139: SIGSEGV)
    report=none       no line anywhere mentions "HEAP ERROR" or "SEGFAULT"
    report="K [id]"   the first report line starts with K [id], e.g.
                      "HEAP ERROR [double-free]" or "SEGFAULT [null-pointer]"
    by=kernel         that report is the kernel's (Interlude), not the program's
    block             a "block:" line of the report has the printed block and size
    address           the report's "address:" line has the printed address
    alloc=FUNC        "allocated by:" is in FUNC (addr2line -f on the program)
    freed=FUNC        "freed by:" is in FUNC
    found=FUNC        the "called from" site of "found by:" is in FUNC
    pc=FUNC           "faulting code:" (the instruction that faulted) is in FUNC
    prints="TEXT"     the program's output contains TEXT

Output: KTAP, one test per example, mode and system, with the mismatches and
the output as diagnostics of a failed test, then a table of all results. The
exit status is 1 if any test failed. Full outputs: BUILD/check-errors/.
"""
import argparse
import concurrent.futures
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEMS = ("linux", "interlude")
FLAGS = {"block", "address"}  # the keys without a value
KEYS = FLAGS | {"status", "report", "by", "alloc", "freed", "found", "pc", "prints"}
SITES = (("alloc", "allocated by"), ("freed", "freed by"), ("found", "found by"),
         ("pc", "faulting code"))

EXPECT_RE = re.compile(r"^expect\s+MALLOC_CHECK=([0-9,]+)(?:\s+(linux|interlude))?\s*:\s*(.*)$")
REPORT_RE = re.compile(r"^(HEAP ERROR|SEGFAULT) \[([^\]]*)\]")
FIELD_RE = re.compile(r"^\s+([a-z][a-z ]*?):\s+(.*)$")
HEX_RE = re.compile(r"0x[0-9a-fA-F]+")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
BLOCK_FACT_RE = re.compile(r"^block (0x[0-9a-f]+|\(nil\)) size (\d+)$", re.M)
ADDRESS_FACT_RE = re.compile(r"^address (0x[0-9a-f]+|\(nil\))$", re.M)
BLOCK_FIELD_RE = re.compile(r"^(0x[0-9a-fA-F]+)(?:,\s*(\d+) bytes? requested)?")


# --- the expectations ------------------------------------------------------------

class Example:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.modes = []
        self.expect = {}  # (mode, system) -> {key: value}
        self.error = None  # a malformed expectation: every test of it fails


def comment_lines(path):
    """The lines of the file's opening comment, without the ' * ' margin,
    continuation lines (ending in a backslash) joined."""
    text = open(path, errors="replace").read()
    start, end = text.find("/*"), text.find("*/")
    if start < 0 or end < start:
        return []
    out, pending = [], ""
    for line in text[start + 2:end].splitlines():
        line = re.sub(r"^\s*\*?\s?", "", line).strip()
        if pending:
            line = pending + " " + line
            pending = ""
        if line.endswith("\\"):
            pending = line[:-1].rstrip()
            continue
        out.append(line)
    if pending:
        out.append(pending)
    return out


def parse_example(name, path):
    ex = Example(name, path)
    general, specific = [], []  # (modes, system, {key: value}), in file order
    for line in comment_lines(path):
        m = EXPECT_RE.match(line)
        if not m:
            continue
        try:
            modes = [int(x) for x in m.group(1).split(",") if x]
            items = {}
            for word in shlex.split(m.group(3)):
                key, eq, value = word.partition("=")
                if key not in KEYS:
                    raise ValueError("unknown key %r" % key)
                if bool(eq) == (key in FLAGS) or (key == "status" and not value.isdigit()) \
                        or (key == "by" and value != "kernel"):
                    raise ValueError("%r: see the keys in tools/check-errors.py" % word)
                items[key] = value if eq else True
        except ValueError as e:
            ex.error = "bad expectation %r: %s" % (line, e)
            return ex
        (specific if m.group(2) else general).append((modes, m.group(2), items))
        ex.modes = sorted(set(ex.modes) | set(modes))
    if not ex.modes:
        ex.error = "no 'expect MALLOC_CHECK=...' line in its opening comment"
    for mode in ex.modes:
        for system in SYSTEMS:
            e = {}
            for modes, sys_, items in general + specific:
                if mode in modes and sys_ in (None, system):
                    e.update(items)
            ex.expect[(mode, system)] = e
    return ex


# --- running -----------------------------------------------------------------

class Result:
    def __init__(self, command):
        self.command = command  # how to run it by hand
        self.status = None
        self.program = []  # the program's output lines (fd 1, then fd 2 on Interlude)
        self.kernel = []  # Interlude: the kernel's diagnoses (run-prog's "interlude: " lines)
        self.trouble = ""  # why there is no status, if there is none


def run_linux(elf, mode, timeout):
    r = Result("MALLOC_CHECK=%d %s" % (mode, os.path.relpath(elf)))
    try:
        p = subprocess.run([os.path.basename(elf)], executable=elf, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env={"MALLOC_CHECK": str(mode)},
                           timeout=timeout)
        # A shell's view: death by signal N is status 128 + N.
        r.status = p.returncode if p.returncode >= 0 else 128 - p.returncode
        r.program = p.stdout.decode(errors="replace").splitlines()
    except subprocess.TimeoutExpired:
        r.trouble = "did not end within %ds" % timeout
    except OSError as e:
        r.trouble = "could not run: %s" % e
    return r


def make_path(path):
    """path as make run wants it: relative to the tree when inside it."""
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    return path if rel.startswith("..") else rel


def run_interlude(elf, mode, build, timeout):
    """One run in Interlude, with its kernel log and fw_cfg files in a new
    folder of its own under BUILD/runs (make's RUN_DIR, mk/iso.mk), so
    that several runs can go at once; the folder is removed afterwards."""
    top = os.path.abspath(os.path.join(build, "runs"))
    os.makedirs(top, exist_ok=True)
    run_dir = tempfile.mkdtemp(prefix="check-errors-", dir=top)
    try:
        return run_interlude_in(elf, mode, build, run_dir, timeout)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def run_interlude_in(elf, mode, build, run_dir, timeout):
    # tools/interlude keeps make's words (the boot image's build) off the
    # program's standard error, which holds the program's fd 2 and the
    # kernel's diagnoses only. A group of its own: on a timeout QEMU, its
    # grandchild, must end too.
    argv = [os.path.join(ROOT, "tools", "interlude"), "run", "-e", "MALLOC_CHECK=%d" % mode,
            make_path(elf)]
    r = Result("tools/interlude run -e MALLOC_CHECK=%d %s" % (mode, make_path(elf)))
    klog = os.path.join(run_dir, "kernel.log")
    env = dict(os.environ, BUILD=make_path(build), INTERLUDE_RUN_DIR=run_dir)
    p = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        r.trouble = "did not end within %ds" % timeout
        return r
    err = err.decode(errors="replace").splitlines()
    # Interlude keeps fds 1 and 2 apart: the program's lines are fd 1's, then fd 2's.
    r.program = out.decode(errors="replace").splitlines() + [
        l for l in err if not l.startswith("interlude: ")]
    r.kernel = [l[len("interlude: "):] for l in err if l.startswith("interlude: ")]
    text = open(klog, errors="replace").read() if os.path.exists(klog) else ""
    m = re.findall(r"^run: exit status (\d+)$", text, re.M)
    if m:
        r.status = int(m[-1])
    else:
        # The first error and the last lines say most: a build that failed, or a boot that hung.
        said = [l for l in err if "error" in l.lower()][:2] + err[-3:]
        r.trouble = "no 'run: exit status' in %s; make said: %s" % (klog, " | ".join(said))
    return r


# --- checking ------------------------------------------------------------------

def first_report(lines):
    """The first report's header and its body's fields: {label: [values]}."""
    for i, line in enumerate(lines):
        if REPORT_RE.match(line):
            fields = {}
            for body in lines[i + 1:]:
                m = FIELD_RE.match(body)
                if not m:
                    break
                fields.setdefault(m.group(1), []).append(m.group(2))
            return line, fields
    return None, {}


def fact(text, regex):
    m = regex.search(text)
    if not m:
        return None
    value = int(m.group(1), 16) if m.group(1) != "(nil)" else 0
    return (value,) + tuple(int(g) for g in m.groups()[1:])


def site_of(field, value):
    """The code address a site field names, or None ("-", not shown)."""
    if field == "found by":
        value = value.partition("called from")[2]
    hexes = HEX_RE.findall(value)
    return int(hexes[-1], 16) if hexes else None


def function_names(elf, addrs):
    """addr2line -f's function name for each address."""
    if not addrs:
        return {}
    try:
        p = subprocess.run(["addr2line", "-f", "-e", elf] + ["0x%x" % a for a in addrs],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return {a: "(addr2line failed: %s)" % e for a in addrs}
    out = p.stdout.splitlines()
    return {a: out[2 * i] if 2 * i < len(out) else "??" for i, a in enumerate(addrs)}


def same_function(found, wanted):
    # GCC names its specialised copies of a function name.constprop.0, name.isra.0, ...
    return found == wanted or found.startswith(wanted + ".")


def check(expect, result, elf):
    """Returns the list of mismatches (empty: the test passed)."""
    problems = []
    if result.trouble:
        return [result.trouble]
    out = "\n".join(result.program)
    if "status" in expect and result.status != int(expect["status"]):
        problems.append("exit status %s, expected %s" % (result.status, expect["status"]))
    for text in [expect["prints"]] if "prints" in expect else []:
        if text not in out:
            problems.append("the output does not contain %r" % text)

    want = expect.get("report")
    everything = result.program + result.kernel
    if want == "none":
        bad = [l for l in everything if "HEAP ERROR" in l or "SEGFAULT" in l]
        if bad:
            problems.append("a report where none is expected: %s" % bad[0])
        return problems
    if not want:
        return problems
    by_kernel = expect.get("by") == "kernel"
    source, other = (result.kernel, result.program) if by_kernel else (result.program,
                                                                        result.kernel)
    header, fields = first_report(source)
    if header is None:
        where = "the kernel's log" if by_kernel else "the program's output"
        elsewhere, _ = first_report(other)
        problems.append("no report in %s%s" % (where, "; the %s has: %s" % (
            "program's output" if by_kernel else "kernel's log", elsewhere) if elsewhere else ""))
        return problems
    if not header.startswith(want):
        problems.append("first report %r, expected %r" % (header, want + "..."))

    printed = fact(out, BLOCK_FACT_RE)
    blocks = {}  # (address, size) -> the rest of its "block:" line
    for v in fields.get("block", []):
        m = BLOCK_FIELD_RE.match(v)
        if m:
            blocks.setdefault((int(m.group(1), 16), int(m.group(2)) if m.group(2) else None),
                              v[m.end():])
    seen = list(blocks)
    if expect.get("block"):
        if printed is None:
            problems.append("the program printed no 'block 0x... size N' line")
        elif printed not in seen:
            problems.append("block: the report says %s, the program printed 0x%x size %d" % (
                ", ".join("0x%x size %s" % s for s in seen) or "nothing", printed[0],
                printed[1]))
    if expect.get("address"):
        at = fact(out, ADDRESS_FACT_RE)
        said = fields.get("address", [""])[0]
        hexes = HEX_RE.findall(said)
        if at is None:
            problems.append("the program printed no 'address 0x...' line")
        elif not hexes or int(hexes[0], 16) != at[0]:
            problems.append("address: the report says %r, the program printed 0x%x" % (
                said or "nothing", at[0]))

    # A leak report names each block's allocation site on the block's own line.
    own = blocks.get(printed) or next(iter(blocks.values()), "")
    if "allocated by" not in fields and "allocated by" in own:
        fields["allocated by"] = [own.partition("allocated by")[2]]
    sites = []  # (field label, expected function, address)
    for key, label in SITES:
        if key in expect:
            value = fields.get(label, [None])[0]
            addr = site_of(label, value) if value else None
            if addr is None:
                problems.append("%s: %s, expected a site in %s()" % (
                    label, repr(value) if value else "no such line", expect[key]))
            else:
                sites.append((label, expect[key], addr))
    names = function_names(elf, [a for _, _, a in sites])
    for label, wanted, addr in sites:
        if not same_function(names[addr], wanted):
            problems.append("%s: 0x%x is in %s(), expected %s()" % (label, addr, names[addr],
                                                                   wanted))
    return problems


# --- KTAP --------------------------------------------------------------------

def print_result(number, name, expect, result, problems, log_dir):
    if log_dir:
        os.makedirs(log_dir, exist_ok=True)
        with open(os.path.join(log_dir, re.sub(r"[^\w.-]+", "_", name) + ".log"), "w") as f:
            f.write("$ %s\nexit status %s%s\n" % (result.command, result.status,
                                                 "; " + result.trouble if result.trouble
                                                 else ""))
            f.write("".join(l + "\n" for l in result.program))
            f.write("".join("interlude: " + l + "\n" for l in result.kernel))
    if problems:
        print("# %s: expected %s" % (name, " ".join(
            "%s=%s" % (k, shlex.quote(v)) if v is not True else k for k, v in expect.items())))
        for p in problems:
            print("# %s" % p)
        print("# run it: %s" % result.command)
        lines = result.program + ["interlude: " + l for l in result.kernel]
        for l in lines[:40]:
            # A stray control byte (a NUL written by mistake) must not garble the KTAP stream.
            print("# | %s" % CONTROL_RE.sub(lambda m: "\\x%02x" % ord(m.group()), l))
        if len(lines) > 40:
            print("# | ... (%d more lines)" % (len(lines) - 40))
    print("%s %d %s" % ("not ok" if problems else "ok", number, name))
    sys.stdout.flush()


def summary_table(examples, outcome, systems, modes):
    """A compact table: one row per example, one column per mode and system."""
    cols = [(m, s) for m in modes for s in systems]
    head = " ".join("%-3s" % ("%d%s" % (m, s[0].upper())) for m, s in cols)
    print("# results by MALLOC_CHECK mode and system (L: Linux, I: Interlude): "
          "ok, F failed, - not run")
    print("# %-22s %s" % ("", head))
    for ex in examples:
        row = []
        for c in cols:
            ok = outcome.get((ex.name,) + c)
            row.append("%-3s" % ("-" if ok is None else "ok" if ok else "F"))
        print("# %-22s %s" % (ex.name, " ".join(row)))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--examples", default=os.path.join(ROOT, "examples"))
    ap.add_argument("--system", choices=SYSTEMS, action="append",
                    help="run on this system only (default: both)")
    ap.add_argument("--mode", type=int, action="append", help="run this mode only (repeatable)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                    help="runs at once (Linux's and Interlude's; each Interlude run has a "
                    "boot image and kernel log of its own)")
    ap.add_argument("--timeout", type=int, default=60, help="seconds per run")
    ap.add_argument("names", nargs="*", help="examples to run (default: all)")
    args = ap.parse_args()
    # A slow or busy machine raises every limit at once (as tools/ktest.py).
    args.timeout = int(args.timeout * float(os.environ.get("TEST_TIMEOUT_SCALE", "1")))

    systems = args.system or list(SYSTEMS)
    # The examples die of SIGSEGV and SIGABRT on purpose: no core files (inherited by each run).
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    build = args.build_dir
    log_dir = os.path.join(build, "check-errors")
    names = sorted(f[:-2] for f in os.listdir(args.examples) if f.endswith(".c"))
    unknown = set(args.names) - set(names)
    if unknown:
        ap.error("no such example: %s" % ", ".join(sorted(unknown)))
    examples = [parse_example(n, os.path.join(args.examples, n + ".c"))
                for n in names if not args.names or n in args.names]

    # Every Linux run first (they are quick), then Interlude's, --jobs at a time.
    tests = []  # (example, mode, system)
    for system in SYSTEMS:
        if system in systems:
            for ex in examples:
                for mode in ex.modes or [0]:
                    if not args.mode or mode in args.mode:
                        tests.append((ex, mode, system))
    print("KTAP version 1")
    print("1..%d" % len(tests))
    sys.stdout.flush()

    def elf_of(ex):
        return os.path.join(build, "examples", ex.name)

    pool = concurrent.futures.ThreadPoolExecutor(max(1, args.jobs))
    futures = {}
    for t in tests:
        ex, mode, system = t
        if not ex.error and os.path.exists(elf_of(ex)):
            futures[t] = pool.submit(run_linux, elf_of(ex), mode, args.timeout) \
                if system == "linux" else \
                pool.submit(run_interlude, elf_of(ex), mode, build, args.timeout)

    started = time.monotonic()
    outcome = {}
    failed = 0
    for number, t in enumerate(tests, 1):
        ex, mode, system = t
        name = "%s MALLOC_CHECK=%d %s" % (ex.name, mode, system)
        expect = ex.expect.get((mode, system), {})
        elf = elf_of(ex)
        if ex.error or not os.path.exists(elf):
            result = Result("make BUILD=%s examples" % build)
            result.trouble = ex.error or "%s is not built: make BUILD=%s examples" % (elf, build)
        else:
            result = futures[t].result()
        problems = check(expect, result, elf)
        outcome[(ex.name, mode, system)] = not problems
        failed += bool(problems)
        print_result(number, name, expect, result, problems, log_dir)
    pool.shutdown()

    modes = sorted({m for _, m, _ in tests})
    summary_table(examples, outcome, [s for s in SYSTEMS if s in systems], modes)
    print("# check-errors: pass:%d fail:%d skip:0 total:%d (%.1fs; outputs in %s/)" % (
        len(tests) - failed, failed, len(tests), time.monotonic() - started, log_dir))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
