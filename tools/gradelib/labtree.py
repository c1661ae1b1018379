"""labtree.py - lab regions in the source, and the student's starting tree.

The repository keeps the whole working implementation. The code a lab's
students write is marked where it stands, in C comments:

        /* LAB(frames) BEGIN: split a larger block (docs/labs/frames.md, part 1)
         * stub: (void)b;
         * stub: panic("not implemented: see docs/labs/frames.md");
         */
        ... the working code ...
        /* LAB(frames) END */

make_tree() copies the tree (the files git tracks, as they are in the
working directory) and replaces each region of one lab, from its BEGIN line
to its END line, by a one-line TODO comment and the region's stub lines,
indented like the BEGIN line. A stub compiles and fails loudly. Every other
lab's regions are left as they are, markers included; the wrong solutions
of tests/labs/ are left out (they would show the answer as patch context).
"""
import os
import re
import shutil
import subprocess

BEGIN_RE = re.compile(r"^(\s*)/\*\s*LAB\(([\w-]+)\) BEGIN(?::\s*(.*?))?\s*(\*/)?\s*$")
STUB_RE = re.compile(r"^\s*\*\s?stub:\s?(.*)$")
END_RE = re.compile(r"^\s*/\*\s*LAB\(([\w-]+)\) END\s*\*/\s*$")
COMMENT_END_RE = re.compile(r"^\s*\*/\s*$")

# Files that belong to the teacher, never to a student's tree.
TEACHER_ONLY_RE = re.compile(r"^tests/labs/[^/]+/wrong-[^/]*\.patch$")


class LabError(Exception):
    pass


class Region:
    """One marked region: where it is, what it is, and its stub."""

    def __init__(self, lab, path, begin, end, title, stub, indent):
        self.lab, self.path, self.begin, self.end = lab, path, begin, end
        self.title, self.stub, self.indent = title, stub, indent

    def __repr__(self):
        return "%s:%d-%d LAB(%s)" % (self.path, self.begin + 1, self.end + 1, self.lab)


def parse_regions(path, lines):
    """Returns the Regions of the lines of one file (0-based line numbers).

    Raises LabError for a region that is not closed, is closed by the
    wrong lab, nests, or has no stub: a broken marker must never make a
    student tree that silently keeps the answer.
    """
    regions = []
    i = 0
    while i < len(lines):
        m = BEGIN_RE.match(lines[i])
        if END_RE.match(lines[i]):
            raise LabError("%s:%d: LAB END without a BEGIN" % (path, i + 1))
        if not m:
            i += 1
            continue
        indent, lab, title, closed = m.group(1), m.group(2), m.group(3) or "", m.group(4)
        begin = i
        stub = []
        i += 1
        if not closed:  # the BEGIN comment goes on with its stub lines
            while i < len(lines) and not COMMENT_END_RE.match(lines[i]):
                s = STUB_RE.match(lines[i])
                if s:
                    stub.append(s.group(1))
                elif lines[i].strip().startswith("*"):
                    title += " " + lines[i].strip().lstrip("*").strip()
                else:
                    raise LabError("%s:%d: LAB(%s) BEGIN comment is not closed"
                                   % (path, i + 1, lab))
                i += 1
            i += 1
        end = None
        while i < len(lines):
            if BEGIN_RE.match(lines[i]):
                raise LabError("%s:%d: LAB regions may not nest (LAB(%s) opened at line %d)"
                               % (path, i + 1, lab, begin + 1))
            e = END_RE.match(lines[i])
            if e:
                if e.group(1) != lab:
                    raise LabError("%s:%d: LAB(%s) END closes LAB(%s) BEGIN of line %d"
                                   % (path, i + 1, e.group(1), lab, begin + 1))
                end = i
                break
            i += 1
        if end is None:
            raise LabError("%s:%d: LAB(%s) BEGIN has no END" % (path, begin + 1, lab))
        if not stub:
            raise LabError("%s:%d: LAB(%s) region has no ' * stub:' line" % (path, begin + 1, lab))
        regions.append(Region(lab, path, begin, end, title.strip(), stub, indent))
        i = end + 1
    return regions


def tracked_files(root):
    """Returns the files of the tree under root (relative paths): those git
    tracks and new ones it does not ignore; in a copy that is not a git
    tree of its own (a student's tree), every file outside build/."""
    top = subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True)
    if top.returncode == 0 and os.path.realpath(top.stdout.strip()) == os.path.realpath(root):
        p = subprocess.run(["git", "-C", root, "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], capture_output=True, check=True)
        return [f for f in p.stdout.decode().split("\0")
                if f and os.path.isfile(os.path.join(root, f))]
    files = []
    for d, dirs, names in os.walk(root):
        rel = os.path.relpath(d, root)
        top_build = lambda x: rel == "." and (x == "build" or x.startswith("build-"))
        dirs[:] = sorted(x for x in dirs if not top_build(x) and x not in (".git", "__pycache__"))
        files += [os.path.normpath(os.path.join(rel, n)) for n in sorted(names)]
    return files


def _is_text_source(path):
    return path.endswith((".c", ".h", ".S"))


def find_regions(root, files=None):
    """Returns every Region of the tree's C and assembly sources."""
    regions = []
    for f in files if files is not None else tracked_files(root):
        if not _is_text_source(f):
            continue
        with open(os.path.join(root, f), errors="replace") as fh:
            lines = fh.read().split("\n")
        regions += parse_regions(f, lines)
    return regions


def stub_out(lines, regions, lab):
    """Returns lines with the regions of one lab replaced by their stubs."""
    out = []
    i = 0
    for r in sorted((r for r in regions if r.lab == lab), key=lambda r: r.begin):
        out += lines[i:r.begin]
        out.append("%s/* LAB(%s) TODO: %s */" % (r.indent, lab, r.title or "see docs/labs/%s.md" % lab))
        out += [r.indent + s for s in r.stub]
        i = r.end + 1
    return out + lines[i:]


def make_tree(root, lab, out):
    """Writes the student's starting tree of lab into out (which must not
    exist or be empty); returns the list of files whose regions were
    stubbed. Raises LabError if the lab has no region at all."""
    files = tracked_files(root)
    regions = find_regions(root, files)
    mine = [r for r in regions if r.lab == lab]
    if not mine:
        raise LabError("no LAB(%s) region in the tree" % lab)
    if os.path.exists(out) and os.listdir(out):
        raise LabError("%s exists and is not empty" % out)
    changed = sorted({r.path for r in mine})
    for f in files:
        if TEACHER_ONLY_RE.match(f):
            continue
        src, dst = os.path.join(root, f), os.path.join(out, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if f in changed:
            with open(src) as fh:
                lines = fh.read().split("\n")
            with open(dst, "w") as fh:
                fh.write("\n".join(stub_out(lines, [r for r in mine if r.path == f], lab)))
            shutil.copymode(src, dst)
        else:
            shutil.copy2(src, dst)
    return changed


def copy_tree(root, out):
    """Copies the files git tracks (working-directory versions) to out."""
    for f in tracked_files(root):
        dst = os.path.join(out, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(os.path.join(root, f), dst)
