"""bench_malloc_qemu.py - the allocators side by side inside QEMU, in guest
instructions (tools/bench-malloc.py --qemu, make bench-malloc-qemu).

Every variant's builds of the three benchmark programs run under QEMU/TCG
with -icount shift=0,sleep=off, where one rdtsc tick is one guest
instruction, so the figures repeat to within about 1 % however busy the
host is:

  malloc_bench all QSCALE tsc      the six synthetic workloads
  real_bench all RSCALE tsc        Lua and SQLite (a glibc program with each
                                   allocator; Interlude's behind the host shim)
  replay TRACE 1                   each malloc-lab trace: its check pass, then
                                   one timing pass, whose ticks it prints

on two kernels in the same QEMU:

  Linux      Debian's kernel (tools/linux-bench-kernel.py), every variant:
             a dynamically linked one gets its interpreter and libraries
             (as ldd names them) in the initramfs, so mimalloc, which
             Debian ships only as a shared library, is measured too;
  Interlude  make run with busybox's shell as the program and the
             variant's files added to the boot file system (ROOTFS_EXTRA),
             the static variants only (Interlude refuses a dynamically
             linked program).

Each boot runs one variant: a busybox shell script runs its programs one
after another (each trace in its own process, as the replayer wants), and
marks each with "@@run" and "@@status" lines; on Linux the script is
/init and powers the machine off. The Interlude boots run one at a time
(they share build/bench), beside the Linux ones.

The figure is guest instructions per operation, user and kernel alike:
each program's own count of the ticks around its work (not its start-up)
divided by its count of operations. The tables give them per kernel, and
a geometric mean of each column's ratios to glibc-static's.
"""
import math
import os
import re
import subprocess
import threading

from bench_malloc_build import HERE, REF, ROOT, is_static, log, q

LINE = re.compile(r"workload ([\w-]+) ops (\d+) ticks (\d+) checksum (\d+)")
REPLAY = re.compile(r"^\S+ ([\w.-]+) ok ops=(\d+) .*\binstructions=(\d+)", re.M)
BUSYBOX = "/bin/busybox"
QEMU_MEMORY = "512M"
INTERLUDE_BUILD = "build/bench"  # the kernel without its heap debugging, as make bench's


def _lbk():
    """tools/linux-bench-kernel.py as a module (its name has dashes)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("lbk", os.path.join(HERE, "linux-bench-kernel.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shared_libraries(path):
    """The interpreter and shared libraries dynamic program path loads, as
    paths on this machine (ldd's list; the vDSO has none)."""
    r = subprocess.run(["ldd", path], capture_output=True, text=True)
    libs = []
    for line in r.stdout.splitlines():
        m = re.search(r"(/\S+) \(0x", line)
        if m:
            libs.append(m.group(1))
    return libs


def variant_job(progs, traces, qscale, rscale):
    """The files (guest path -> host path) and the commands of one
    variant's boot; progs: {"synthetic"|"real"|"traces": host path}."""
    files, cmds = {}, []
    if "synthetic" in progs:
        files["/bench/malloc_bench"] = progs["synthetic"]
        cmds.append("/bench/malloc_bench all %s tsc" % qscale)
    if "real" in progs:
        files["/bench/real_bench"] = progs["real"]
        cmds.append("/bench/real_bench all %s tsc" % rscale)
    if "traces" in progs:
        files["/bench/replay"] = progs["traces"]
        for t in traces:
            g = "/bench/traces/" + os.path.basename(t)
            files[g] = t
            cmds.append("/bench/replay %s 1" % g)
    return files, cmds


def script(cmds, linux):
    """The busybox shell script that runs cmds, each between an "@@run" and
    an "@@status" line; as Linux's /init it mounts /proc first and powers
    the machine off at the end."""
    bb = BUSYBOX
    out = ["#!%s sh" % bb]
    if linux:
        out.append("%s mount -t proc proc /proc" % bb)
    for c in cmds:
        out.append("echo '@@run %s'" % c)
        out.append(c)
        out.append("echo \"@@status $?\"")
    if linux:
        out.append("%s poweroff -f" % bb)
    return "\n".join(out) + "\n"


def boot_linux(lbk, vmlinuz, name, files, cmds, bdir, timeout):
    """One Linux boot of variant name; returns (its output, error or None)."""
    allfiles = dict(files)
    allfiles[BUSYBOX] = BUSYBOX
    for host in list(files.values()):
        if not host.endswith(".rep") and not is_static(host):
            for lib in shared_libraries(host):
                allfiles[lib] = lib
    initrd = lbk.make_initramfs(script(cmds, True).encode(),
                                os.path.join(bdir, "qemu-linux-%s.cpio" % name), allfiles)
    text, status, took = lbk.boot(vmlinuz, initrd, lbk.DEFAULT_APPEND, timeout,
                                  os.path.join(bdir, "qemu-linux-%s-serial.log" % name), [])
    log("qemu, Linux, %s: %.0f s" % (name, took))
    if status is None:
        return text, "qemu, Linux, %s: timeout after %d s" % (name, timeout)
    if status != 0:
        return text, "qemu, Linux, %s: QEMU exited with status %d" % (name, status)
    return text, None


def boot_interlude(name, files, cmds, bdir, timeout):
    """One Interlude boot of variant name; returns (its output, error or None)."""
    run_sh = os.path.join(bdir, "qemu-interlude-%s.sh" % name)
    with open(run_sh, "w") as f:
        f.write(script(cmds, False))
    extra = dict(files)
    extra["/bench/run.sh"] = run_sh
    cmd = ["make", "--no-print-directory", "BUILD=" + INTERLUDE_BUILD, "KHEAP_DEBUG=0",
           "PROG=" + BUSYBOX, "ARGS=sh /bench/run.sh",
           "ROOTFS_EXTRA=" + " ".join("%s=%s" % (g, os.path.abspath(h)) for g, h in sorted(extra.items())),
           "QEMUFLAGS=-icount shift=0,sleep=off -m " + QEMU_MEMORY, "run"]
    log("qemu, Interlude, %s: %s" % (name, q(cmd[:5] + ["ROOTFS_EXTRA=...", cmd[-2], cmd[-1]])))
    try:
        r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"").decode("utf-8", "replace"), \
            "qemu, Interlude, %s: timeout after %d s" % (name, timeout)
    text = r.stdout.decode("utf-8", "replace")
    if r.returncode != 0:
        return text, "qemu, Interlude, %s: make run exited with status %d (%s/kernel.log)" % (
            name, r.returncode, INTERLUDE_BUILD)
    return text, None


def parse(text):
    """{"synthetic"|"real"|"traces": {name: (ops, ticks, checksum or None)}}
    and the commands whose status was not 0."""
    got = {"synthetic": {}, "real": {}, "traces": {}}
    failed = []
    for block in text.split("@@run ")[1:]:
        head, _, rest = block.partition("\n")
        m = re.search(r"@@status (\d+)", rest)
        if not m or m.group(1) != "0":
            failed.append("%s (status %s)" % (head.strip(), m.group(1) if m else "none: it did not end"))
        kind = "synthetic" if "malloc_bench" in head else "real" if "real_bench" in head else "traces"
        for w, ops, ticks, csum in LINE.findall(rest):
            got[kind][w] = (int(ops), int(ticks), csum)
        for t, ops, ins in REPLAY.findall(rest):
            got["traces"][t] = (int(ops), int(ins), None)
    return got, failed


def run_all(sets, traces, qscale, rscale, bdir, timeout):
    """sets: {"synthetic"|"real"|"traces": {variant: (host path, env, how)}}
    (build_variants' answers). Boots every variant on Linux, and every
    static one on Interlude too. Returns ({(kernel, variant): parse's
    figures}, errors)."""
    lbk = _lbk()
    vmlinuz = lbk.fetch_kernel(os.path.join(ROOT, "build", "linux"))
    names = sorted(set(v for s in sets.values() for v in s))
    results, errors, lock = {}, [], threading.Lock()

    def one(kernel, name):
        progs = {k: s[name][0] for k, s in sets.items() if name in s}
        if kernel == "Interlude":
            progs = {k: p for k, p in progs.items() if is_static(p)}
        if not progs:
            return
        files, cmds = variant_job(progs, traces, qscale, rscale)
        if kernel == "Linux":
            text, err = boot_linux(lbk, vmlinuz, name, files, cmds, bdir, timeout)
        else:
            text, err = boot_interlude(name, files, cmds, bdir, timeout)
        with open(os.path.join(bdir, "qemu-%s-%s.log" % (kernel.lower(), name)), "w") as f:
            f.write(text)
        got, failed = parse(text)
        if not err and "@@run " not in text:
            err = "qemu, %s, %s: the script ran nothing (%s)" % (kernel, name, os.path.basename(
                bdir) + "/qemu-%s-%s.log" % (kernel.lower(), name))
        with lock:
            results[(kernel, name)] = got
            if err:
                errors.append(err)
            errors.extend("qemu, %s, %s: %s" % (kernel, name, f) for f in failed)

    def queue(kernel):
        for name in names:
            one(kernel, name)

    threads = [threading.Thread(target=queue, args=(k,)) for k in ("Interlude", "Linux")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def tables(results, rows, order, qscale, rscale):
    """The tables of guest instructions per operation, one per set and
    kernel, as text; and the checksums that differ from glibc-static's."""
    out, notes = [], []
    what = {"synthetic": "`malloc_bench all %s tsc`" % qscale,
            "real": "`real_bench all %s tsc`" % rscale,
            "traces": "`replay TRACE 1`, its timing pass"}
    for kind in ("synthetic", "real", "traces"):
        for kernel in ("Linux", "Interlude"):
            cols = [v for v in order if results.get((kernel, v), {}).get(kind)]
            if not cols:
                continue
            figs = {v: results[(kernel, v)][kind] for v in cols}
            out += ["", "guest instructions per operation, %s kernel: %s (QEMU/TCG, -icount "
                    "shift=0,sleep=off; user and kernel alike)" % (kernel, what[kind]), "",
                    "| %s | ops | %s |" % ("trace" if kind == "traces" else "workload", " | ".join(cols)),
                    "|---|---:|" + "---:|" * len(cols)]
            ratios = {v: [] for v in cols}
            for w in rows[kind]:
                ops = next((figs[v][w][0] for v in cols if w in figs[v]), None)
                cells = []
                for v in cols:
                    f = figs[v].get(w)
                    cells.append("%.0f" % (f[1] / f[0]) if f and f[0] else "-")
                    ref = figs.get(REF, {}).get(w)
                    if f and ref and f[0] and ref[1]:
                        ratios[v].append((f[1] / f[0]) / (ref[1] / ref[0]))
                    if f and ref and f[2] is not None and f[2] != ref[2]:
                        notes.append("qemu, %s, %s: %s checksum %s, %s's %s" % (kernel, v, w, f[2], REF, ref[2]))
                out.append("| %s | %s | %s |" % (w, ops if ops else "-", " | ".join(cells)))
            if REF in cols:
                out.append("| **geomean ratio to %s** | | %s |" % (REF, " | ".join(
                    "**%.2f**" % geomean(ratios[v]) if ratios[v] else "-" for v in cols)))
    return "\n".join(out), notes


def verdict(results):
    """Interlude's allocator against mimalloc's, per set, on Linux: the
    geometric mean of the ratios of their instructions per operation."""
    out = []
    a, b = results.get(("Linux", "interlude"), {}), results.get(("Linux", "mimalloc"), {})
    for kind in ("synthetic", "real", "traces"):
        xs = [(a[kind][w][1] / a[kind][w][0]) / (b[kind][w][1] / b[kind][w][0])
              for w in a.get(kind, {}) if w in b.get(kind, {}) and b[kind][w][1]]
        if xs:
            g = geomean(xs)
            out.append("  guest instructions, %s, Linux: interlude %.2fx mimalloc's (geomean of %d)%s"
                       % (kind, g, len(xs), "" if g <= 1 else "  MISSED"))
    return "\n".join(out)
