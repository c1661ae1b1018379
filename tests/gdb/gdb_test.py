#!/usr/bin/env python3
"""gdb_test.py - the gdb commands of tools/gdb/interlude.py against a halted kernel, in KTAP.

    tests/gdb/gdb_test.py --qemu "QEMU... -cdrom build/gdb-test.iso" --kernel build/interlude.elf
                          --program build/gdb/heap_demo

Boots the ISO whose boot module is tests/gdb/heap_demo.c, halted, with a
gdb stub on a free port, and runs gdb -batch on it: a breakpoint in the
page-fault handler first (the faulting address is printed and walked: not
mapped yet, which is why it faulted), then one in sys_write, where the
program has made its heap and its mmap, and there every command. Each
command's output is checked: exact where it can be, regular expressions
where it holds addresses and counts, and sums where numbers must agree.
"""
import argparse
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ktap  # noqa: E402

TIMEOUT = 180 * int(os.environ.get("TEST_TIMEOUT_SCALE", "1") or 1)
STEPS = [
    ("fault-addr", "printf \"fault at 0x%lx\\n\", addr"),
    ("fault-walk", "il-pgwalk addr"),
    ("maps", "il-maps"),
    ("walk-heap", "il-pgwalk (long)&__im_heap"),
    ("walk-kernel", "il-pgwalk (long)&kernel_main"),
    ("frames", "il-frames"),
    ("slabinfo", "il-slabinfo"),
    ("heap", "il-heap"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_gdb(a, port, log):
    """Boots QEMU halted, runs the gdb script, returns gdb's output split by step."""
    qemu = subprocess.Popen(shlex.split(a.qemu) + ["-serial", "file:" + log, "-gdb",
                                                    "tcp:127.0.0.1:%d" % port, "-S"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    ex = ["source %s" % os.path.join(ROOT, "tools/gdb/interlude.py"),
          "il-load-program %s" % a.program,
          "target remote 127.0.0.1:%d" % port,
          "break mm_handle_fault", "continue"]
    for i, (name, cmd) in enumerate(STEPS):
        if name == "maps":
            ex += ["delete", "break sys_write", "continue"]
        ex += ["echo \\n=== %s\\n" % name, cmd]
    ex += ["echo \\n=== end\\n", "kill"]
    argv = ["gdb", "-nx", "-batch", "-q", a.kernel]
    for e in ex:
        argv += ["-ex", e]
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT)
        out = p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        out = "(gdb timed out)\n" + (e.stdout or b"").decode("utf-8", "replace")
    finally:
        qemu.kill()
        qemu.wait()
    parts = {}
    for chunk in out.split("\n=== ")[1:]:
        name, _, body = chunk.partition("\n")
        parts[name] = body
    return out, parts


def want_lines(k, name, got, patterns):
    """Each pattern must fullmatch a line of got, in order."""
    lines = got.splitlines()
    i = 0
    for p in patterns:
        while i < len(lines) and not re.fullmatch(p, lines[i]):
            i += 1
        if i == len(lines):
            k.check(False, name, ["no line matches %r; the output was:" % p] + lines)
            return
        i += 1
    k.check(True, name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--program", required=True)
    a = ap.parse_args()
    k = ktap.Writer(10)
    with tempfile.TemporaryDirectory() as tmp:
        out, parts = run_gdb(a, free_port(), os.path.join(tmp, "serial.log"))
    k.check(all(n in parts for n, _ in STEPS) and "end" in parts, "gdb reached every step",
            out.splitlines()[-30:])
    fault = re.search(r"fault at 0x([0-9a-f]+)", parts.get("fault-addr", ""))
    addr = fault.group(1) if fault else "?"
    want_lines(k, "il-pgwalk of the faulting address: not mapped yet", parts.get("fault-walk", ""),
               [r"il-pgwalk: 0x%s, PML4 at 0x[0-9a-f]+ \(CR3\)" % addr,
                r"il-pgwalk:   \S+ *\[ *\d+\] 0x[0-9a-f]{16} not present",
                r"il-pgwalk: 0x%s is not mapped: a touch faults" % addr])
    area = r"[0-9a-f]{8,12}-[0-9a-f]{8,12} "
    want_lines(k, "il-maps: the program's areas in /proc/PID/maps format", parts.get("maps", ""),
               [r"il-maps: heap_demo\[\d+\]: \d+ areas, break 0x[0-9a-f]+ \(heap from 0x[0-9a-f]+\)",
                r"00400000-[0-9a-f]{8} r--p 00000000 00:00 0 +heap_demo",
                area + r"r-xp 00000000 00:00 0 +heap_demo",
                area + r"rw-p 00000000 00:00 0 +\[heap\]",
                area + r"rw-p 00000000 00:00 0 ",
                r"7ffffffdf000-7ffffffff000 rw-p 00000000 00:00 0 +\[stack\]"])
    want_lines(k, "il-pgwalk of the user heap's state: a user, writable, dirty page",
               parts.get("walk-heap", ""),
               [r"il-pgwalk:   PML4\[  0\] 0x[0-9a-f]{16} P W U A +-> PDPT 0x[0-9a-f]+",
                r"il-pgwalk:   PT  \[ *\d+\] 0x8[0-9a-f]{15} P W U A D owned NX +-> frame 0x[0-9a-f]+",
                r"il-pgwalk: 0x[0-9a-f]+ -> physical 0x[0-9a-f]+: a 4 KiB page, user, writable, not executable"])
    want_lines(k, "il-pgwalk of kernel_main: kernel only, read-only, executable",
               parts.get("walk-kernel", ""),
               [r"il-pgwalk:   PML4\[511\] .*",
                r"il-pgwalk: 0xffffffff80[0-9a-f]+ -> physical 0x[0-9a-f]+: a 4 KiB page, kernel only, read-only, executable"])
    fr = parts.get("frames", "")
    m = re.search(r"il-frames: frames of 4 KiB: RAM (\d+), usable (\d+), reserved (\d+), free (\d+), "
                  r"used (\d+), unmerged (\d+)", fr)
    orders = re.findall(r"il-frames: +(\d+) +(\d+) KiB +(\d+) +(\d+)", fr)
    ok = bool(m) and len(orders) == 11
    if ok:
        ram, usable, reserved, free, used, _ = map(int, m.groups())
        ok = ram == usable + reserved and usable == free + used and used > 0 and \
            sum(int(o[3]) for o in orders) == free
    k.check(ok, "il-frames: the counts add up, free blocks per order sum to the free frames",
            fr.splitlines())
    want_lines(k, "il-slabinfo: the console's format, with live objects", parts.get("slabinfo", ""),
               [r"slabinfo: name +objsize +slot +active +total +slabs +bytes",
                r"slabinfo: kmalloc-16 +16 +16 +\d+ +\d+ +\d+ +\d+",
                r"slabinfo: kmalloc-large +- +- +\d+ +\d+ +\d+ +\d+"])
    k.check(re.search(r"slabinfo: kheap-slab +\d+ +\d+ +[1-9]\d* ", parts.get("slabinfo", "")) is not None,
            "il-slabinfo: the running process holds slab descriptors", parts.get("slabinfo", "").splitlines())
    heap = parts.get("heap", "")
    want_lines(k, "il-heap: the 48-byte class with one freed slot, the mid span, the mmapped block", heap,
               [r"il-heap: size classes in use:",
                r"il-heap: +\d+ +48 +1 +1 +\d+",
                r"il-heap: mid spans [1-9]\d* \(listed \d+, free granules \d+, free runs recorded [1-9]\d*\)",
                r"il-heap: sparse spans 1 \(free granules \d+ of 32 bytes\): the first blocks of classes without a span",
                r"il-heap: free page runs: \d+ pages \(\d+ maybe resident\)",
                r"il-heap: mmapped blocks 1, 10[0-9]{5} bytes mapped \(threshold \d+\)"])
    k.check("Python Exception" not in out and "Error occurred" not in out,
            "no command raised an error", [l for l in out.splitlines() if "rror" in l])
    sys.exit(1 if k.failed else 0)


if __name__ == "__main__":
    main()
