#!/usr/bin/env python3
"""console_test.py - the kernel console (kernel/shell/) driven through a pipe, in KTAP.

    tests/console/console_test.py --qemu "QEMU COMMAND... -serial stdio"

Boots Interlude once with `console mmcheck` on its command line (through
fw_cfg, as make run CONSOLE=1 does), writes a script of commands to its
serial port, ends with `poweroff`, and checks each command's answer: exact
lines where the answer is known, regular expressions where it holds
numbers (addresses, counts), and sums where the numbers must agree (the
free blocks per order add up to the free frames). The line editor is
checked on the echo: backspace erases with "\\b \\b", the up arrow brings
back the last line, an escape sequence it does not know leaves no text.
"""
import argparse
import re
import shlex
import subprocess
import sys
import os
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ktap  # noqa: E402
import tracelib  # noqa: E402

TIMEOUT = 240 * int(os.environ.get("TEST_TIMEOUT_SCALE", "1") or 1)
PROMPT = "interlude> "
UP = "\x1b[A"

# (input bytes, what the line editor should echo, or None if the same minus the newline)
SCRIPT = [
    ("help\r", None),
    ("mem\r", None),
    ("slabinfo\r", None),
    (UP + "\r", "slabinfo"),                      # history: the up arrow
    ("hepl\x7f\x7flp\r", "hepl\b \b\b \blp"),      # backspace
    ("mem\x1b[1~\x1bOA\r", "mem\b \b\b \b\b \bhelp"),  # unknown sequence ignored, ESC O A
    ("frmes\r", None),
    ("frames\r", None),
    ("maps\r", None),
    ("pgwalk 0x400000\r", None),
    ("run hello a b\r", None),
    ("maps\r", None),
    ("pgwalk 0x401000\r", None),
    ("pgwalk 0x7fffffffe000\r", None),
    ("pgwalk 0x10000000\r", None),
    ("pgwalk 0xffff800000000000\r", None),
    ("pgwalk zz\r", None),
    ("run fault_null\r", None),
    ("run nosuch\r", None),
    ("test kprintf\r", None),
    ("\x15mem\x15help\x03", "mem\b \b\b \b\b \bhelp^C"),  # ^U clears, ^C abandons
    ("run /bin/echo hi there\r", None),          # a path of the boot file system
    ("run ls /\r", None),                        # a plain name found in /bin
    ("run cat\rab\x7fbc\r\x04", "run cat"),        # standard input: an edited line, ^D ends
    ("sh\recho $((6*7)) $PATH\rls /etc | wc -l\rexit 3\r", "sh"),
    ("maps\r", None),
    ("sh\r\x04", "sh"),                          # ^D on an empty line ends the shell
    ("trace\r", None),                           # the memory trace (docs/TRACE.md): off
    ("trace on\r", None),
    ("run hello traced\r", None),                # its lines go to the -debugcon file
    ("trace off\r", None),
    ("run hello quiet\r", None),                 # none now
    ("trace sideways\r", None),
    ("poweroff\r", None),
]

COMMANDS = ["help", "mem", "frames", "slabinfo", "pgwalk ADDR", "maps", "run NAME [ARG...]",
            "sh [ARG...]", "test [SUITE[,SUITE...]]", "trace [on|off]", "poweroff"]


Ktap = ktap.Writer


def want_lines(k, name, got, patterns):
    """Each pattern must match (fullmatch) a line of got, in order."""
    lines = got.splitlines()
    i = 0
    for p in patterns:
        while i < len(lines) and not re.fullmatch(p, lines[i]):
            i += 1
        if i == len(lines):
            k.check(False, name, ["no line matches %r after the earlier ones; the answer was:" % p]
                    + lines)
            return
        i += 1
    k.check(True, name)


def help_lines():
    return ["commands:"] + [r"  %s +\S.*" % re.escape(c) for c in COMMANDS]


def check_mem(k, name, out):
    lines = out.splitlines()
    head = [re.fullmatch(r"mem: frames of 4 KiB: RAM (\d+), usable (\d+), reserved (\d+), "
                         r"free (\d+), used (\d+) \(.* free\)", l) for l in lines]
    head = [m for m in head if m]
    orders = [re.fullmatch(r"mem: +(\d+) +(\d+) KiB +(\d+) +(\d+)", l) for l in lines]
    orders = [m for m in orders if m]
    zones = [l for l in lines if re.fullmatch(r"mem: zone \S+ +0x[0-9a-f]+-0x[0-9a-f]+ managed +\d+ "
                                              r"free +\d+ used +\d+", l)]
    why = []
    if len(head) != 1:
        why.append("no summary line")
    else:
        ram, usable, reserved, free, used = map(int, head[0].groups())
        if ram != usable + reserved or usable != free + used:
            why.append("the counts do not add up: %s" % head[0].group(0))
        if sum(int(m.group(4)) for m in orders) != free:
            why.append("the free frames per order do not add up to %d" % free)
        zone_free = sum(int(re.search(r"free +(\d+)", z).group(1)) for z in zones)
        if zone_free != free:
            why.append("the zones' free frames add up to %d, not %d" % (zone_free, free))
    if [int(m.group(1)) for m in orders] != list(range(11)):
        why.append("not one line per order 0..10")
    if any(int(m.group(2)) != 4 << int(m.group(1)) or int(m.group(4)) != int(m.group(3)) << int(m.group(1))
           for m in orders):
        why.append("an order's block size or frames are wrong")
    if not zones or not zones[0].startswith("mem: zone DMA "):
        why.append("no DMA zone line")
    if not any(l.startswith("mem: reserved kernel ") for l in lines):
        why.append("no reserved kernel line")
    k.check(not why, name, why + lines)


def converse(argv, data):
    """Runs QEMU, sends data once the first prompt is out (bytes that reach
    the UART before the kernel programs it are lost, as on a real one), and
    returns the transcript and QEMU's status (-1 if it did not end)."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    chunks = []
    prompted = threading.Event()

    def reader():
        for chunk in iter(lambda: p.stdout.read1(4096), b""):
            chunks.append(chunk)
            if PROMPT.encode() in b"".join(chunks):
                prompted.set()
        prompted.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    prompted.wait(TIMEOUT)
    try:
        p.stdin.write(data)
        p.stdin.close()
    except BrokenPipeError:
        pass
    try:
        status = p.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        status = p.wait()
        status = -1
    t.join(10)
    return b"".join(chunks).decode("utf-8", "replace"), status


def check_trace(k, path):
    """The trace file: `trace on` began it with a start line, the run of
    hello while on wrote its exec, its exit and whatever between (a valid
    trace), and the run after `trace off` wrote nothing."""
    try:
        events = tracelib.read(path)
        problems = tracelib.check(events)
    except (OSError, tracelib.TraceError) as err:
        events, problems = [], [str(err)]
    k.check(events and not problems, "trace on: a valid trace on port 0xe9", problems[:10])
    execs = [e for e in events if e.get("ev") == "exec"]
    k.check(len(execs) == 1 and execs[0].get("path") == "hello" and
            any(e.get("ev") == "exit" and e.get("pid") == execs[0].get("pid") for e in events),
            "trace on: the run while on has its exec and exit lines, trace off: no more",
            ["exec lines: %r" % [e.get("path") for e in execs]])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", required=True, help="the QEMU command, with -serial stdio")
    a = ap.parse_args()
    trace_dir = tempfile.TemporaryDirectory(prefix="console-trace.")
    trace_path = os.path.join(trace_dir.name, "trace.jsonl")
    argv = shlex.split(a.qemu) + ["-fw_cfg", "name=opt/interlude/cmdline,string=console mmcheck",
                                  "-debugcon", "file:" + trace_path]
    k = Ktap(40)
    data = "".join(s for s, _ in SCRIPT).encode()
    out, status = converse(argv, data)
    k.check(status == 33, "poweroff ends QEMU with success (33)",
            ["status %d; the transcript's end:" % status] + out.splitlines()[-20:])
    parts = out.split(PROMPT)[1:]
    if len(parts) != len(SCRIPT):
        k.check(False, "one prompt per command",
                ["%d prompts for %d commands" % (len(parts), len(SCRIPT))] + out.splitlines()[-30:])
        parts += [""] * len(SCRIPT)
    else:
        k.check(True, "one prompt per command")
    answers = []
    echo_ok = []
    for (typed, echo), part in zip(SCRIPT, parts):
        want = (echo if echo is not None else typed.rstrip("\r")) + "\n"
        echo_ok.append((part.startswith(want), want, part.split("\n")[0]))
        answers.append(part[len(want):] if part.startswith(want) else part)
    bad = [w for ok, w, got in echo_ok if not ok]
    k.check(not bad, "every line is echoed as typed",
            ["wanted %r, got %r" % (w, g) for ok, w, g in echo_ok if not ok])
    ans = dict()
    for i, (typed, _) in enumerate(SCRIPT):
        ans.setdefault(i, answers[i])

    want_lines(k, "help lists every command", ans[0], help_lines() + [r"keys: .*"])
    check_mem(k, "mem: per order, per zone, reserved; the counts add up", ans[1])
    want_lines(k, "slabinfo: the kheap lab's format", ans[2],
               [r"slabinfo: name +objsize +slot +active +total +slabs +bytes",
                r"slabinfo: kmalloc-16 +16 +16 +\d+ +\d+ +\d+ +\d+",
                r"slabinfo: kmalloc-large +- +- +\d+ +\d+ +\d+ +\d+",
                r"slabinfo: live objects \d+, live bytes \d+, pages held \d+"])
    k.check(ans[3] == ans[2], "the up arrow runs the last line again", [ans[3]])
    k.check(ans[4] == ans[0], "backspace erases: hepl<BS><BS>lp is help", [ans[4]])
    k.check(ans[5] == ans[0], "an unknown escape sequence leaves no text; ESC O A is up too",
            [ans[5]])
    want_lines(k, "an unknown command is answered with help", ans[6],
               [r'console: unknown command "frmes"'] + help_lines())
    rows = [l for l in ans[7].splitlines() if l.startswith("frames: 0x")]
    k.check(len(rows) >= 16 and all(re.fullmatch(r"frames: 0x[0-9a-f]{9} [.#KmIMB ]{1,64}", r) for r in rows)
            and "K" in "".join(rows) and "." in "".join(rows) and "m" in "".join(rows),
            "frames: a map with the kernel, its metadata and free memory", ans[7].splitlines())
    k.check(int(rows[1][len("frames: 0x"):][:9], 16) == 64 * (int(rows[1][10:19], 16) // 64)
            if len(rows) > 1 else False, "frames: each row starts at its address",
            rows[:3])
    want_lines(k, "maps before any program says so", ans[8],
               [r"maps: no program has run yet \(run NAME starts one\)"])
    want_lines(k, "pgwalk before any program says so", ans[9],
               [r"pgwalk: no program has run yet \(run NAME starts one\)"])
    want_lines(k, "run hello a b: its output, arguments and status", ans[10],
               ["hello from user mode", "argv: hello", "argv: a", "argv: b", "goodbye",
                "run: hello: exit status 0"])
    want_lines(k, "maps: the last program's areas in /proc/PID/maps format", ans[11],
               [r"maps: hello\[\d+\], exited with status 0: \d+ areas, break 0x[0-9a-f]+ \(heap from 0x[0-9a-f]+\)",
                r"00400000-00401000 r--p 00000000 00:00 0 {34}hello",
                r"00401000-[0-9a-f]{8} r-xp 00000000 00:00 0 {34}hello",
                r"[0-9a-f]{8}-[0-9a-f]{8} rw-p 00000000 00:00 0 {34}\[heap\]",
                r"7ffffffdf000-7ffffffff000 rw-p 00000000 00:00 0 {26}\[stack\]"])
    walk = r"pgwalk:   %s\[ *\d+\] 0x[0-9a-f]{16} P W U A +-> %s 0x[0-9a-f]+"
    want_lines(k, "pgwalk of the text: four levels, read-only, executable", ans[12],
               [r"pgwalk: 0x401000 in the page tables hello\[\d+\] had when it exited, PML4 at 0x[0-9a-f]+",
                walk % ("PML4", "PDPT"), walk % ("PDPT", "PD"), walk % (r"PD  ", "PT"),
                r"pgwalk:   PT  \[  1\] 0x0[0-9a-f]{15} P U( A)? owned +-> frame 0x[0-9a-f]+",
                r"pgwalk: 0x401000 -> physical 0x[0-9a-f]+000: a 4 KiB page, user, read-only, executable",
                r"pgwalk: in the area 00401000-[0-9a-f]{8} r-xp .* hello"])
    want_lines(k, "pgwalk of the stack's top page: writable, dirty, not executable", ans[13],
               [r"pgwalk:   PT  \[510\] 0x8[0-9a-f]{15} P W U A D owned NX +-> frame 0x[0-9a-f]+",
                r"pgwalk: 0x7fffffffe000 -> physical 0x[0-9a-f]+: a 4 KiB page, user, writable, not executable",
                r"pgwalk: in the area 7ffffffdf000-7ffffffff000 rw-p .*\[stack\]"])
    want_lines(k, "pgwalk of an address in no area: not present, no area", ans[14],
               [r"pgwalk:   \S+ *\[ *\d+\] 0x0{16} not present",
                r"pgwalk: 0x10000000 is not mapped: a touch faults \(and the fault handler decides\)",
                r"pgwalk: in no area: a touch there is a segmentation fault"])
    want_lines(k, "pgwalk in the direct map: a 1 GiB page of the kernel's tables", ans[15],
               [r"pgwalk: 0xffff800000000000 in the kernel's page tables \(shared by every process\), PML4 at 0x[0-9a-f]+",
                r"pgwalk:   PML4\[256\] 0x[0-9a-f]{16} P W A +-> PDPT 0x[0-9a-f]+",
                r"pgwalk:   PDPT\[  0\] 0x8[0-9a-f]{15} P W .*PS.* NX +-> frame 0x0",
                r"pgwalk: 0xffff800000000000 -> physical 0x0: a 1 GiB page, kernel only, writable, not executable"])
    want_lines(k, "pgwalk with a bad address: usage", ans[16],
               [r"pgwalk: usage: pgwalk ADDR \(0x\.\.\. or decimal\)"])
    want_lines(k, "run fault_null: killed by SIGSEGV, status 139", ans[17],
               [r".*SEGFAULT \[null-pointer\].*", r"run: fault_null: exit status 139"])
    want_lines(k, "run of a name not in the image lists the programs", ans[18],
               [r'run: no program "nosuch"', r"run: programs:( \S+)* hello( \S+)*"])
    want_lines(k, "test kprintf: the suite in KTAP, then the verdict", ans[19],
               [r"KTAP version 1", r"    # Subtest: kprintf", r"ok 1 kprintf", r"test: all passed"])
    k.check(ans[20] == "", "^U clears the line, ^C abandons it: nothing runs", [repr(ans[20])])
    want_lines(k, "run /bin/echo: a path of the boot file system", ans[21],
               [r"hi there", r"run: /bin/echo: exit status 0"])
    want_lines(k, "run ls /: a name found in /bin, busybox's applet", ans[22],
               [r"bin", r"etc", r"proc", r"usr", r"run: ls: exit status 0"])
    want_lines(k, "run cat: standard input from the console, edited, ^D its end", ans[23],
               [r"ab\x08 \x08bc", r"abc", r"run: cat: exit status 0"])
    want_lines(k, "sh: busybox's shell runs commands and pipelines, exit 3 comes back", ans[24],
               [r".*\$ echo \$\(\(6\*7\)\) \$PATH", r"42 /bin:/usr/bin", r".*\$ ls /etc \| wc -l",
                r"%d" % len(os.listdir(os.path.join(ROOT, "rootfs", "etc"))), r".*\$ exit 3",
                r"run: sh: exit status 3"])
    want_lines(k, "maps after sh: the shell, process 1, not its children", ans[25],
               [r"maps: sh\[1\], exited with status 3: \d+ areas, .*",
                r"00400000-00401000 r--p 00000000 00:00 0 {34}sh"])
    want_lines(k, "sh: ^D on an empty line ends it", ans[26], [r".*\$ ", r"run: sh: exit status 0"])
    want_lines(k, "trace, trace on, trace off: the state each time", ans[27] + ans[28] + ans[30],
               [r"trace: off \(port 0xe9: .*\)", r"trace: on \(port 0xe9: .*\)",
                r"trace: off \(port 0xe9: .*\)"])
    want_lines(k, "trace with a wrong word: usage", ans[32], [r"trace: usage: trace \[on\|off\]"])
    check_trace(k, trace_path)
    want_lines(k, "poweroff says so", ans[33], [r"poweroff"])
    k.check("LEAK" not in out and "mmcheck" in out and "HEAP ERROR" not in out,
            "no leak after any program (with mmcheck)",
            [l for l in out.splitlines() if "LEAK" in l or "HEAP ERROR" in l])
    k.check(answers[4] == answers[0], "help after editing is help", [])
    k.check(ans[6].count("commands:") == 1 and ans[0].count("commands:") == 1,
            "help is printed once per command", [])
    k.check(out.count("run: hello: exit status 0") == 3, "each run of hello ran once", [])
    print("# console: %d commands in one boot" % len(SCRIPT))
    sys.exit(1 if k.failed else 0)


if __name__ == "__main__":
    main()
