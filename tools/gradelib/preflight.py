"""preflight.py - the tools a grading run needs, named before anything runs.

A student on a fresh machine should read which tool is missing and the
one command that installs it, not a build error three screens long.
"""
import os
import shutil

# (command or path, Debian package, what it is for)
NEEDED = [
    ("gcc", "gcc", "compiling the kernel and the libc"),
    ("make", "make", "the build"),
    ("ld", "binutils", "linking"),
    ("qemu-system-x86_64", "qemu-system-x86", "running Interlude"),
    ("grub-mkrescue", "grub-common", "making the boot ISO"),
    ("/usr/lib/grub/i386-pc", "grub-pc-bin", "GRUB's BIOS modules, for the boot ISO"),
    ("xorriso", "xorriso", "writing the boot ISO"),
    ("mformat", "mtools", "the ISO's boot image"),
]


def missing(needed=NEEDED, which=shutil.which, exists=os.path.isdir):
    """Returns the (tool, package, why) entries of needed that are not here."""
    return [n for n in needed if not (exists(n[0]) if n[0].startswith("/") else which(n[0]))]


def message(gone):
    """Returns the lines telling what is missing and how to install it."""
    lines = ["grade: cannot grade, tools are missing:"]
    for tool, package, why in gone:
        lines.append("  %-22s (Debian package %s) for %s" % (tool, package, why))
    packages = " ".join(sorted({p for _, p, _ in gone}))
    lines.append("install them with:  sudo apt-get install -y %s" % packages)
    lines.append("(or run make deps, which does it as root)")
    return lines
