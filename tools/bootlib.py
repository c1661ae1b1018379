"""bootlib.py - one QEMU boot of Interlude with user programs as boot
modules, for the harnesses that need more than tools/interlude run (several
programs in one boot, a smaller machine): tools/syscall-fuzz.py and
tools/boot-programs.py.

boot() builds a GRUB image in a scratch folder of its own (so that any
number of boots can run at once beside make test's other runs), with the
kernel and one module line per program, runs QEMU with the kernel's log on
COM1 and the programs' standard output on COM2, and removes the folder.
The kernel runs the modules one after the other (kernel/main.c), checks
after each that the free frames and the kernel heap are back at their
baseline, and ends QEMU with 33 if every program started and nothing
leaked.
"""
import os
import re
import shutil
import subprocess
import tempfile

QEMU_PASS = 33
MODULES_PER_BOOT = 64  # kernel/boot/multiboot2.h: MB2_MAX_MODULES


def boot(kernel, programs, opts, timeout, log_path=None):
    """Boots once with programs, a list of (ELF path, module string: the
    program's name and its arguments); opts has cmdline, memory, kvm and
    build_dir. Returns (COM2's bytes, [exit statuses from the kernel log],
    the kernel log's text, a problem or None)."""
    work = tempfile.mkdtemp(prefix="boot-", dir=opts.build_dir)
    try:
        boot_dir = os.path.join(work, "iso", "boot")
        os.makedirs(os.path.join(boot_dir, "grub"))
        # Without its debug information: GRUB reads the kernel through the
        # BIOS, a third of a second per two megabytes under emulation.
        subprocess.run(["objcopy", "--strip-debug", kernel,
                        os.path.join(boot_dir, "interlude.elf")], check=True)
        names = {}
        lines = ""
        for elf, string in programs:
            if elf not in names:
                names[elf] = "prog%d.elf" % len(names)
                shutil.copy(elf, os.path.join(boot_dir, names[elf]))
            lines += "\tmodule2 /boot/%s %s\n" % (names[elf], string)
        with open(os.path.join(boot_dir, "grub", "grub.cfg"), "w") as f:
            f.write("set timeout=0\nset default=0\nmenuentry \"Interlude\" {\n"
                    "\tmultiboot2 /boot/interlude.elf %s\n%s\tboot\n}\n" % (opts.cmdline, lines))
        iso = os.path.join(work, "boot.iso")
        subprocess.run(["grub-mkrescue", "-d", "/usr/lib/grub/i386-pc", "-o", iso,
                        os.path.join(work, "iso")], check=True, capture_output=True)
        klog = os.path.join(work, "kernel.log")
        accel = ["-accel", "kvm", "-cpu", "host"] if opts.kvm else ["-accel", "tcg", "-cpu", "max"]
        problem = None
        try:
            p = subprocess.run(["qemu-system-x86_64"] + accel +
                               ["-m", opts.memory, "-no-reboot", "-display", "none", "-nic", "none",
                                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                                "-cdrom", iso, "-serial", "file:" + klog, "-serial", "stdio"],
                               stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
            out = p.stdout
            if p.returncode != QEMU_PASS:
                problem = "QEMU ended with status %d (33 is success)" % p.returncode
        except subprocess.TimeoutExpired as e:
            out = e.stdout or b""
            problem = "QEMU did not end within %ds (a hang?)" % timeout
        text = open(klog, errors="replace").read() if os.path.exists(klog) else ""
        if log_path:
            os.makedirs(os.path.dirname(log_path), exist_ok=True)
            with open(log_path, "w") as f:
                f.write(text)
        statuses = [int(s) for s in re.findall(r"^run: exit status (\d+)$", text, re.M)]
        return out, statuses, text, problem
    finally:
        shutil.rmtree(work, ignore_errors=True)
