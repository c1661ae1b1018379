#!/usr/bin/env python3
"""linux-bench-kernel.py - run a static program as /init of Debian's Linux
kernel under QEMU, the peer that Interlude's benchmarks are measured beside.

    tools/linux-bench-kernel.py --prog build/bench/probe [--dir build/linux]

1. The kernel, once: Debian's linux-image-amd64 is a meta package, so the
   real package it depends on (linux-image-6.1.*-amd64) is resolved with
   `apt-cache depends`, fetched with `apt-get download` (no installation,
   nothing outside DIR) and only its boot/vmlinuz-* and boot/config-* are
   extracted into DIR (as `vmlinuz` and `config`). DIR/kernel-version
   names the package. Delete DIR to fetch again.
2. An initramfs (newc cpio, written here with the standard library): the
   directory /dev, the character device /dev/console (5, 1) - without it
   the kernel starts /init with no standard output - an empty /proc, and
   /init, the program (make_initramfs also places other files, for
   tools/bench_malloc_qemu.py).
3. The boot: QEMU/TCG with -icount shift=0,sleep=off, the same accelerator
   and CPU model as Interlude's `make run`; the serial console is captured
   to DIR/serial.log and printed on standard output.

The program must end the machine itself (reboot(2) with POWER_OFF): an
/init that exits panics the kernel (with panic=-1 and -no-reboot QEMU then
ends, and this script reports it).

The kernel command line adds, for a like-for-like and repeatable peer:
- transparent_hugepage=never: Debian's kernel has THP "always", which would
  serve the 16 MiB regions' first touches with 2 MiB pages; Interlude maps
  4 KiB pages only, and the comparison is per 4 KiB page;
- nokaslr norandmaps: Interlude places nothing at random, and with Linux's
  random mmap base the one-page mmap+touch+munmap cost varies from boot to
  boot (34,000 to 39,000 instructions, against 23,200 +- 0.3% without),
  depending on how many page-table levels each new page needs afresh.
Everything else (Spectre mitigations, init_on_alloc) is Debian's default.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

META = "linux-image-amd64"
DEFAULT_APPEND = "console=ttyS0 quiet panic=-1 transparent_hugepage=never nokaslr norandmaps"


def log(msg):
    print("linux-bench-kernel: " + msg, file=sys.stderr, flush=True)


def resolve_package():
    out = subprocess.run(["apt-cache", "depends", META], check=True,
                         capture_output=True, text=True).stdout
    m = re.search(r"Depends:\s*(linux-image-[0-9][^\s]*-amd64)\b", out)
    if not m:
        sys.exit("linux-bench-kernel: cannot resolve %s's kernel package from:\n%s"
                 % (META, out))
    return m.group(1)


def fetch_kernel(d):
    """Puts d/vmlinuz (and d/config, d/kernel-version) in place, once."""
    vmlinuz = os.path.join(d, "vmlinuz")
    if os.path.exists(vmlinuz):
        return vmlinuz
    os.makedirs(d, exist_ok=True)
    pkg = resolve_package()
    log("fetching %s (resolved from %s)" % (pkg, META))
    with tempfile.TemporaryDirectory(dir=d) as tmp:
        r = subprocess.run(["apt-get", "download", pkg], cwd=tmp,
                           capture_output=True, text=True)
        debs = glob.glob(os.path.join(tmp, pkg + "_*.deb"))
        if r.returncode != 0 or not debs:
            sys.exit("linux-bench-kernel: apt-get download %s failed (run `apt-get update`?):\n%s"
                     % (pkg, r.stdout + r.stderr))
        deb = debs[0]
        # Only the kernel image and its config, not the ~400 MB of modules.
        tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", tmp, "--wildcards",
                        "./boot/vmlinuz-*", "./boot/config-*"],
                       stdin=tar.stdout, check=True)
        tar.stdout.close()
        if tar.wait() != 0:
            sys.exit("linux-bench-kernel: dpkg-deb --fsys-tarfile %s failed" % deb)
        (img,) = glob.glob(os.path.join(tmp, "boot", "vmlinuz-*"))
        (cfg,) = glob.glob(os.path.join(tmp, "boot", "config-*"))
        shutil.move(cfg, os.path.join(d, "config"))
        with open(os.path.join(d, "kernel-version"), "w") as f:
            f.write("%s %s\n" % (os.path.basename(deb), os.path.basename(img)))
        shutil.move(img, vmlinuz)  # last: its presence means "fetched"
    return vmlinuz


def cpio_newc(entries):
    """entries: (name, mode, data, rdevmajor, rdevminor). Returns the archive."""
    out = bytearray()

    def pad4():
        out.extend(b"\0" * (-len(out) % 4))

    for ino, (name, mode, data, rmaj, rmin) in enumerate(entries + [("TRAILER!!!", 0, b"", 0, 0)], 1):
        nameb = name.encode() + b"\0"
        fields = [ino if name != "TRAILER!!!" else 0, mode, 0, 0,
                  2 if mode & 0o170000 == 0o040000 else 1, 0, len(data),
                  0, 0, rmaj, rmin, len(nameb), 0]
        out.extend(b"070701" + b"".join(b"%08X" % v for v in fields))
        out.extend(nameb)
        pad4()
        out.extend(data)
        pad4()
    return bytes(out)


def make_initramfs(init, path, files=None):
    """Writes to path an initramfs whose /init holds the bytes init, with
    /dev/console, an empty /proc, and each of files ({absolute path in
    the archive: host file}, executable, its directories made); returns
    path."""
    entries = [("dev", 0o040755, b"", 0, 0), ("dev/console", 0o020600, b"", 5, 1),
               ("proc", 0o040755, b"", 0, 0)]
    made = {"dev", "proc"}
    for guest in sorted(files or {}):
        parts = guest.strip("/").split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in made:
                made.add(d)
                entries.append((d, 0o040755, b"", 0, 0))
        with open(os.path.realpath(files[guest]), "rb") as f:
            entries.append(("/".join(parts), 0o100755, f.read(), 0, 0))
    entries.append(("init", 0o100755, init, 0, 0))
    with open(path, "wb") as f:
        f.write(cpio_newc(entries))
    return path


def boot(vmlinuz, initrd, append, timeout, serial_log, extra):
    cmd = ["qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-m", "512M",
           "-nographic", "-no-reboot", "-kernel", vmlinuz, "-initrd", initrd,
           "-append", append, "-icount", "shift=0,sleep=off"] + extra
    log("booting: " + " ".join(cmd))
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out, status = r.stdout, r.returncode
    except subprocess.TimeoutExpired as e:
        out, status = e.stdout or b"", None
    took = time.monotonic() - t0
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    with open(serial_log, "w") as f:
        f.write(text)
    if status is None:
        log("QEMU did not finish within %d s (log: %s)" % (timeout, serial_log))
    else:
        log("QEMU exited with status %d after %.1f s (log: %s)" % (status, took, serial_log))
    if "Kernel panic" in text:
        log("the kernel panicked (did /init exit instead of powering off?)")
    return text, status, took


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--prog", required=True, help="static ELF to run as /init")
    ap.add_argument("--dir", default="build/linux", help="where the kernel and logs go")
    ap.add_argument("--append", default=DEFAULT_APPEND, help="kernel command line")
    ap.add_argument("--timeout", type=int, default=900, help="seconds for the whole boot")
    ap.add_argument("--fetch-only", action="store_true", help="only fetch the kernel")
    ap.add_argument("qemu_extra", nargs="*", help="extra QEMU options (after --)")
    a = ap.parse_args()

    vmlinuz = fetch_kernel(a.dir)
    if a.fetch_only:
        print(vmlinuz)
        return 0
    name = os.path.basename(a.prog)
    with open(a.prog, "rb") as f:
        initrd = make_initramfs(f.read(), os.path.join(a.dir, name + ".cpio"))
    text, status, _ = boot(vmlinuz, initrd, a.append, a.timeout,
                           os.path.join(a.dir, name + "-serial.log"), a.qemu_extra)
    sys.stdout.write(text)
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
