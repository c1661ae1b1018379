"""ktap.py - a parser for KTAP version 1 test output.

KTAP (https://docs.kernel.org/dev-tools/ktap.html) is what Interlude's
self-tests print. A document starts with "KTAP version 1" and a plan
"1..N", then has one result line per test: "ok N name", "not ok N name",
optionally followed by "# SKIP reason" or "# reason". A test may have
subtests: an indented (4 spaces) KTAP document printed just before the
parent's result line. Lines starting with "#" are diagnostics; they belong
to the next result line at the same level. Anything before the first
"KTAP version 1" (a boot log) is kept as the preamble; any other unknown
line (a kernel message printed in the middle of a test) is kept with the
diagnostics of the test it interrupts, whatever its indentation.

parse(text) returns a Document; Document.errors lists what makes the
stream untrustworthy (no header, a plan that does not match the results,
results out of order, a stream that stops in the middle).

Writer is the other side, for test programs written in Python
(tests/runner, tests/console): a plan, then one result line per check.
"""
import re

RESULT_RE = re.compile(r"^(not ok|ok)\s+(\d+)\s*(?:-\s*)?([^#]*?)\s*(?:#\s*(.*))?$")
PLAN_RE = re.compile(r"^1\.\.(\d+)$")
HEADER_RE = re.compile(r"^K?TAP version \d+$")
SUBTEST_RE = re.compile(r"^#\s*Subtest:\s*(\S+)")
INDENT = 4


class Writer:
    """Prints a KTAP document: the header and plan now, a result per check()."""

    def __init__(self, planned):
        self.n = 0
        self.failed = 0
        print("KTAP version 1\n1..%d" % planned, flush=True)

    def check(self, ok, name, why=()):
        """Prints result number n+1: why's lines as diagnostics first if it failed."""
        self.n += 1
        if not ok:
            self.failed += 1
            for line in why:
                print("# " + line)
        print("%sok %d %s" % ("" if ok else "not ", self.n, name), flush=True)


class Test:
    """One result line, with its diagnostics and its subtests."""

    def __init__(self, number, name, ok, directive, diagnostics, subtests):
        self.number = number
        self.name = name
        self.ok = ok
        self.directive = directive or ""
        self.diagnostics = diagnostics
        self.subtests = subtests
        self.skipped = ok and self.directive.upper().startswith("SKIP")

    def __repr__(self):
        return "Test(%d, %r, ok=%r, skip=%r)" % (self.number, self.name, self.ok, self.skipped)


class Block:
    """A KTAP document at one indentation level: a plan and its tests."""

    def __init__(self):
        self.plan = None
        self.tests = []
        self.trailing = []  # diagnostics after the last result line
        self.complete = False  # True once every planned result was seen
        self.name = None  # from a "# Subtest: name" line, if any


class Document:
    def __init__(self):
        self.preamble = []
        self.root = None
        self.errors = []

    def leaves(self, prefix=""):
        """Yields (full_name, Test) for every test without subtests."""
        if self.root:
            yield from _leaves(self.root, prefix)

    def counts(self):
        """Returns (passed, failed, skipped) over the leaf tests.

        A parent reported "not ok" although none of its subtests failed
        counts as one failure, so no failure is ever lost.
        """
        passed = failed = skipped = 0
        for _, t in self.leaves():
            if t.skipped:
                skipped += 1
            elif t.ok:
                passed += 1
            else:
                failed += 1
        failed += sum(1 for _ in _unexplained_failures(self.root)) if self.root else 0
        return passed, failed, skipped

    def failures(self):
        """Yields (full_name, Test) for every failed leaf and unexplained parent."""
        for name, t in self.leaves():
            if not t.ok:
                yield name, t
        if self.root:
            yield from _unexplained_failures(self.root)


def _leaves(block, prefix):
    for t in block.tests:
        name = prefix + t.name
        if t.subtests and t.subtests.tests:
            yield from _leaves(t.subtests, name + ".")
        else:
            yield name, t


def _unexplained_failures(block, prefix=""):
    for t in block.tests:
        if t.subtests and t.subtests.tests:
            if not t.ok and not any(not c.ok for c in t.subtests.tests):
                yield prefix + t.name, t
            yield from _unexplained_failures(t.subtests, prefix + t.name + ".")


def _is_ktap_syntax(line):
    """True for the lines that structure KTAP; anything else is unknown."""
    return bool(RESULT_RE.match(line) or PLAN_RE.match(line) or HEADER_RE.match(line)
                or line.startswith("#"))


def _indent_of(line):
    return len(line) - len(line.lstrip(" "))


def _parse_block(lines, i, indent, doc, where):
    """Parses the document starting at lines[i] (its header); returns (Block, next i)."""
    block = Block()
    i += 1  # the "KTAP version 1" line
    pending_diag = []
    pending_sub = None
    while i < len(lines):
        raw = lines[i]
        ind = _indent_of(raw)
        line = raw.strip()
        if not line:
            i += 1
            continue
        if ind < indent:
            if _is_ktap_syntax(line):
                break
            pending_diag.append(line)  # an unknown line (e.g. a kernel message)
            i += 1
            continue
        if ind >= indent + INDENT and HEADER_RE.match(line):
            pending_sub, i = _parse_block(lines, i, ind, doc, where)
            continue
        m = SUBTEST_RE.match(line)
        if m and ind == indent and block.name is None:
            block.name = m.group(1)
        if ind != indent:
            pending_diag.append(line)
            i += 1
            continue
        if HEADER_RE.match(line):
            break  # a new document at the same level: this one is over
        m = PLAN_RE.match(line)
        if m and block.plan is None and not block.tests:
            block.plan = int(m.group(1))
            i += 1
            continue
        m = RESULT_RE.match(line)
        if m:
            number = int(m.group(2))
            expected = len(block.tests) + 1
            if number != expected:
                doc.errors.append("%s: result number %d where %d was expected" % (where, number, expected))
            test = Test(number, m.group(3).strip(), m.group(1) == "ok", m.group(4),
                        pending_diag, pending_sub)
            block.tests.append(test)
            pending_diag, pending_sub = [], None
            i += 1
            continue
        pending_diag.append(line)
        i += 1
    block.trailing = pending_diag
    if pending_sub is not None:
        # A subtest document with no parent result line: the stream stopped.
        block.tests.append(Test(len(block.tests) + 1, "(unfinished)", False, "no result line",
                                [], pending_sub))
    if block.plan is None:
        doc.errors.append("%s: no plan line (1..N)" % where)
    elif len(block.tests) != block.plan:
        doc.errors.append("%s: the plan announced %d tests but %d results were seen"
                          % (where, block.plan, len(block.tests)))
    block.complete = block.plan is not None and len(block.tests) >= block.plan
    return block, i


def running_test(doc):
    """Returns the name of the test that was running when an incomplete
    stream stopped ("suite.#3" when only its position is known), or None."""
    if not doc.root:
        return None
    names = []
    block = doc.root
    while block is not None:
        last = block.tests[-1] if block.tests else None
        if last is not None and last.name == "(unfinished)":
            names.append(last.subtests.name or "#%d" % last.number)
            block = last.subtests
            continue
        if block.complete:
            return ".".join(names) if names else None
        names.append("#%d" % (len(block.tests) + 1))
        return ".".join(names)
    return ".".join(names) or None


def parse(text, where="ktap"):
    """Parses KTAP text (a whole serial log is fine); returns a Document."""
    doc = Document()
    lines = [l.rstrip("\r\n").replace("\r", "").expandtabs() for l in text.splitlines()]
    start = None
    for i, l in enumerate(lines):
        if HEADER_RE.match(l.strip()) and _indent_of(l) == 0:
            start = i
            break
    if start is None:
        doc.preamble = lines
        doc.errors.append("%s: no KTAP output (no \"KTAP version 1\" line)" % where)
        return doc
    doc.preamble = lines[:start]
    doc.root, end = _parse_block(lines, start, 0, doc, where)
    for extra in lines[end:]:
        if HEADER_RE.match(extra.strip()):
            doc.errors.append("%s: a second KTAP document follows the first" % where)
            break
    return doc


