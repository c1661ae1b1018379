#!/usr/bin/env python3
"""mkcpio.py - pack a file tree into a cpio "newc" archive, the boot file system.

    tools/mkcpio.py -o OUT [--tree DIR] [--file DEST=SRC]... [--link DEST=TARGET]...
                    [--busybox PATH]

--tree DIR puts DIR's contents at the root (rootfs/ in the repository);
--file puts one host file at DEST (an absolute path in the archive);
--link makes DEST a symbolic link to TARGET; --busybox puts PATH at
/bin/busybox and a link /bin/NAME -> busybox for each applet it lists
(busybox --list), unless something else is already at that name.

The archive is made the same way every time (sorted names, inode numbers
in order, owner root, every time stamp 0, modes 0755 for directories and
executables, 0644 for other files), so it changes only when its inputs
do. Parent directories are listed before what they hold. The format
(newc, magic 070701) is what kernel/fs/cpio.c reads: a 110-byte header of
13 eight-digit hex fields, the name with its NUL, padding to 4 bytes, the
data, padding to 4; the entry TRAILER!!! ends it. Standard library only.
"""
import argparse
import os
import stat
import subprocess
import sys

S_IFDIR, S_IFREG, S_IFLNK = 0o040000, 0o100000, 0o120000


def header(ino, mode, nlink, size, namesize):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, namesize, 0]
    return b"070701" + b"".join(b"%08x" % f for f in fields)


def pad4(data):
    return data + b"\0" * (-len(data) % 4)


class Tree:
    def __init__(self):
        self.entries = {}  # archive path (no leading slash) -> (mode, bytes)

    def add_dirs(self, path):
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            mode, _ = self.entries.setdefault(d, (S_IFDIR | 0o755, b""))
            if not mode & S_IFDIR:
                sys.exit("mkcpio: %s is a file and a directory" % d)

    def add(self, path, mode, data):
        path = path.strip("/")
        if not path or ".." in path.split("/"):
            sys.exit("mkcpio: bad name %r" % path)
        self.add_dirs(path)
        self.entries[path] = (mode, data)

    def add_file(self, dest, src):
        with open(src, "rb") as f:
            data = f.read()
        executable = os.stat(src).st_mode & 0o111
        self.add(dest, S_IFREG | (0o755 if executable else 0o644), data)

    def add_tree(self, top):
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            rel = os.path.relpath(dirpath, top)
            base = "" if rel == "." else rel + "/"
            for d in dirnames:
                if os.path.islink(os.path.join(dirpath, d)):
                    filenames.append(d)
                else:
                    self.add(base + d, S_IFDIR | 0o755, b"")
            for name in sorted(filenames):
                src = os.path.join(dirpath, name)
                if os.path.islink(src):
                    self.add(base + name, S_IFLNK | 0o777, os.readlink(src).encode())
                elif stat.S_ISREG(os.stat(src).st_mode):
                    self.add_file(base + name, src)

    def write(self, out):
        chunks = []
        for ino, path in enumerate(sorted(self.entries), start=1):
            mode, data = self.entries[path]
            name = path.encode() + b"\0"
            nlink = 2 if (mode & 0o170000) == S_IFDIR else 1
            chunks.append(pad4(header(ino, mode, nlink, len(data), len(name)) + name))
            chunks.append(pad4(data))
        name = b"TRAILER!!!\0"
        chunks.append(pad4(header(0, 0, 1, 0, len(name)) + name))
        tmp = "%s.%d.tmp" % (out, os.getpid())  # a name of its own: several makes may run at once
        with open(tmp, "wb") as f:
            f.write(b"".join(chunks))
        os.replace(tmp, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("--file", action="append", default=[], metavar="DEST=SRC")
    ap.add_argument("--link", action="append", default=[], metavar="DEST=TARGET")
    ap.add_argument("--busybox")
    a = ap.parse_args()
    t = Tree()
    for top in a.tree:
        t.add_tree(top)
    for spec in a.file:
        dest, src = spec.split("=", 1)
        t.add_file(dest, src)
    for spec in a.link:
        dest, target = spec.split("=", 1)
        t.add(dest, S_IFLNK | 0o777, target.encode())
    if a.busybox:
        t.add_file("bin/busybox", a.busybox)
        names = subprocess.run([a.busybox, "--list"], check=True, capture_output=True,
                               text=True).stdout.split()
        for n in names:
            if "bin/" + n not in t.entries and "/" not in n and n != "busybox":
                t.add("bin/" + n, S_IFLNK | 0o777, b"busybox")
    t.write(a.output)


if __name__ == "__main__":
    main()
