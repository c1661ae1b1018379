#!/usr/bin/env python3
"""check-includes.py - the #include graph of the C sources, and its rules.

    tools/check-includes.py [--root DIR] [--allow-kernel-cycles]
    tools/check-includes.py --self-test

Builds the graph of #include lines of every .c, .h and .S file under
kernel/, boot/, libc/, common/ and abi/, resolving each name the way the
compiler does for that part of the tree (mk/kernel.mk and mk/libc.mk):

    "name"  first beside the including file, then the part's -I folders,
            then its -isystem folders
    <name>  the part's -I and -isystem folders only (a name found in none,
            such as the compiler's <stdint.h> for the kernel, is outside
            the tree and not part of the graph)

    kernel/, boot/  -Ikernel -Iabi -Icommon
    libc/           -Ilibc -Icommon, -isystem libc/include -isystem abi
    common/, abi/   both of the above (they are compiled into both)

and checks three rules, one KTAP test each:

 1. no include cycle among files (a.h includes b.h includes a.h);
 2. no cycle between folders: folder A includes a file of folder B and B
    one of A, through any files (also longer rings A -> B -> C -> A); a
    public header tree (libc/include, abi) counts as one folder with its
    subfolders;
 3. no production file includes the test framework (kernel/test/ktest.h,
    tests/include/ktap.h), directly or through other headers: only files
    under a test/ folder may.

Each failure names the files and the #include lines that make it. With
--allow-kernel-cycles, cycles that lie wholly inside kernel/ (and boot/)
are still printed but do not fail (the kernel's folders are being
re-layered; the rule is switched on when that lands).

--self-test builds tiny fake trees in a scratch folder, each with one
known fault (a file cycle, a folder cycle, a production file including
ktest.h) or none, and checks that the checker finds exactly that: the
proof that rules 1-3 can fail. Output: KTAP; the exit status is 0 only if
every test passed.
"""
import argparse
import os
import re
import sys
import tempfile

PARTS = ("kernel", "boot", "libc", "common", "abi")
SUFFIXES = (".c", ".h", ".S")
# (quote folders, system folders): the -I and -isystem lists of each build
KERNEL_PATHS = (["kernel", "abi", "common"], [])
LIBC_PATHS = (["libc", "common"], ["libc/include", "abi"])
CONTEXTS = {
    "kernel": [KERNEL_PATHS],
    "boot": [KERNEL_PATHS],
    "libc": [LIBC_PATHS],
    "common": [KERNEL_PATHS, LIBC_PATHS],
    "abi": [KERNEL_PATHS, LIBC_PATHS],
}
HEADER_TREES = ("libc/include", "abi")
FRAMEWORK = ("kernel/test/ktest.h", "tests/include/ktap.h")
FRAMEWORK_NAMES = {os.path.basename(f) for f in FRAMEWORK}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


class Include:
    """One #include line: where it is, what it names, the file it resolves to."""

    def __init__(self, src, line, text, target):
        self.src, self.line, self.text, self.target = src, line, text, target

    def where(self):
        return "%s:%d: %s" % (self.src, self.line, self.text)


def source_files(root):
    """Every C source or header of the checked parts, as paths relative to root."""
    out = []
    for part in PARTS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, part)):
            dirnames.sort()
            for f in sorted(filenames):
                if f.endswith(SUFFIXES):
                    out.append(os.path.relpath(os.path.join(dirpath, f), root))
    return out


def resolve(root, src, kind, name):
    """The files (relative to root) that `#include kind name` in src reaches,
    one per build context src is compiled in; an empty set if outside the tree."""
    found = set()
    for quote_dirs, system_dirs in CONTEXTS[src.split(os.sep)[0]]:
        dirs = ([os.path.dirname(src)] if kind == '"' else []) + quote_dirs + system_dirs
        for d in dirs:
            cand = os.path.normpath(os.path.join(d, name))
            if os.path.isfile(os.path.join(root, cand)):
                found.add(cand)
                break
    return found


def include_graph(root):
    """All #include lines of the tree, resolved: {file: [Include, ...]}."""
    graph = {}
    for src in source_files(root):
        incs = []
        with open(os.path.join(root, src), errors="replace") as f:
            for n, text in enumerate(f, 1):
                m = INCLUDE_RE.match(text)
                if not m:
                    continue
                targets = resolve(root, src, m.group(1), m.group(2))
                if not targets:
                    incs.append(Include(src, n, text.strip(), None))
                    incs[-1].name = m.group(2)
                for t in sorted(targets):
                    incs.append(Include(src, n, text.strip(), t))
                    incs[-1].name = m.group(2)
        graph[src] = incs
    return graph


def cycles(nodes, edges):
    """The strongly connected components of a directed graph that hold a
    cycle (more than one node, or a node with an edge to itself), each as a
    sorted list; Tarjan's algorithm, iterative (no recursion limit)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in edges.get(v, ()):
                    out.append(sorted(comp))
    return sorted(out)


def ring(comp, edges):
    """One cycle through the component's first node, as a list of nodes
    ending where it started (a shortest one, by breadth-first search)."""
    members = set(comp)
    start = comp[0]
    prev = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(edges.get(v, ())):
                if w not in members:
                    continue
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(prev[path[-1]])
                    return path[::-1] + [start]
                if w not in prev:
                    prev[w] = v
                    nxt.append(w)
        frontier = nxt
    return comp + [comp[0]]


def folder(path):
    """The folder a file counts in for rule 2: its directory, except that a
    public header tree (libc/include, abi) is one folder with its
    subfolders: <sys/types.h> and <stdint.h> are one interface, laid out as
    POSIX says, not two modules."""
    for top in HEADER_TREES:
        if path == top or path.startswith(top + os.sep):
            return top
    return os.path.dirname(path)


def framework_chain(src, edges):
    """The shortest chain of includes from src to a file of the test
    framework, as a list of files, or None if src reaches none."""
    prev, frontier = {src: None}, [src]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(edges.get(v, ())):
                if w in prev:
                    continue
                prev[w] = v
                if w in FRAMEWORK:
                    chain = [w]
                    while prev[chain[-1]] is not None:
                        chain.append(prev[chain[-1]])
                    return chain[::-1]
                nxt.append(w)
        frontier = nxt
    return None


def in_kernel(path):
    return path.split(os.sep)[0] in ("kernel", "boot")


def is_test_file(path):
    parts = path.split(os.sep)
    return "test" in parts[:-1] or "tests" in parts[:-1]


def check(root, allow_kernel_cycles=False):
    """Runs the three rules on the tree at root; a list of
    (test name, [problem lines], [notes]) in KTAP order."""
    graph = include_graph(root)
    file_edges = {}
    how = {}  # (a, b) -> the first Include that makes the edge
    for src, incs in graph.items():
        for inc in incs:
            if inc.target:
                file_edges.setdefault(src, set()).add(inc.target)
                how.setdefault((src, inc.target), inc)
    results = []

    # 1. cycles among files
    problems, notes = [], []
    for comp in cycles(graph.keys(), file_edges):
        r = ring(comp, file_edges)
        lines = ["include cycle among files: " + " -> ".join(r)]
        if len(comp) > len(r) - 1:
            lines.append("  (the cycle is part of a knot of %d files: %s)" % (len(comp), ", ".join(comp)))
        lines += ["  " + how[(a, b)].where() for a, b in zip(r, r[1:])]
        if allow_kernel_cycles and all(in_kernel(f) for f in comp):
            notes += ["allowed (--allow-kernel-cycles): " + lines[0]] + lines[1:]
        else:
            problems += lines
    results.append(("no_file_include_cycle", problems, notes))

    # 2. cycles between folders
    folder_edges, folder_how = {}, {}
    for (a, b), inc in sorted(how.items()):
        fa, fb = folder(a), folder(b)
        if fa != fb:
            folder_edges.setdefault(fa, set()).add(fb)
            folder_how.setdefault((fa, fb), inc)
    problems, notes = [], []
    folders = {folder(f) for f in graph}
    for comp in cycles(folders, folder_edges):
        r = ring(comp, folder_edges)
        lines = ["include cycle between folders: " + " -> ".join(r)]
        if len(comp) > len(r) - 1:
            lines.append("  (the cycle is part of a knot of %d folders: %s)" % (len(comp), ", ".join(comp)))
        lines += ["  " + folder_how[(a, b)].where() for a, b in zip(r, r[1:])]
        if allow_kernel_cycles and all(in_kernel(f) for f in comp):
            notes += ["allowed (--allow-kernel-cycles): " + lines[0]] + lines[1:]
        else:
            problems += lines
    results.append(("no_folder_include_cycle", problems, notes))

    # 3. production code does not include the test framework, directly or
    #    through other headers (a chain of includes is shown)
    problems = []
    for src, incs in sorted(graph.items()):
        if is_test_file(src) or src in FRAMEWORK:
            continue
        for inc in incs:
            if not inc.target and os.path.basename(inc.name) in FRAMEWORK_NAMES:
                problems.append("production file includes the test framework: " + inc.where())
        chain = framework_chain(src, file_edges)
        if chain:
            problems.append("production file includes the test framework: " + " -> ".join(chain))
            problems += ["  " + how[(a, b)].where() for a, b in zip(chain, chain[1:])]
    results.append(("no_test_framework_in_production", problems, []))
    return results


def ktap_test(number, name, problems, notes):
    for line in notes:
        print("# " + line)
    for line in problems:
        print("# " + line)
    print("%s %d %s" % ("not ok" if problems else "ok", number, name))
    return not problems


# --- the self-test -------------------------------------------------------------

def make_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)


# name: (files, {rule: expected words in its problem lines, or None for a pass},
#        allow_kernel_cycles)
SELF_TESTS = {
    "clean_tree_passes": ({
        "libc/malloc/os.h": "#include <stddef.h>\n",
        "libc/malloc/heap.h": '#include "malloc/os.h"\n#include "memerr/memerr.h"\n',
        "libc/malloc/malloc.c": '#include "heap.h"\n#include <malloc.h>\n',
        "libc/include/malloc.h": "#include <stddef.h>\n#include <stdlib.h>\n",
        "libc/include/stdlib.h": "#include <stddef.h>\n",
        "common/memerr/memerr.h": "#include <stdint.h>\n",
        "kernel/test/ktest.h": '#include "lib/kprintf.h"\n',
        "kernel/lib/kprintf.h": "#include <stdarg.h>\n",
        "kernel/mm/test/slab_test.c": '#include "test/ktest.h"\n',
    }, {}, False),
    "file_cycle_fails": ({
        "libc/malloc/a.h": '#include "b.h"\n',
        "libc/malloc/b.h": '#include "malloc/c.h"\n',
        "libc/malloc/c.h": '\n#include "a.h"\n',
        "libc/malloc/d.c": '#include "a.h"\n',
    }, {"no_file_include_cycle": ["libc/malloc/a.h -> libc/malloc/b.h -> libc/malloc/c.h -> libc/malloc/a.h",
                                  'libc/malloc/c.h:2: #include "a.h"'],
        "no_folder_include_cycle": None}, False),
    "self_include_fails": ({
        "common/x/x.h": '#include "x/x.h"\n',
    }, {"no_file_include_cycle": ["common/x/x.h -> common/x/x.h"]}, False),
    "folder_cycle_fails": ({
        "libc/unistd/sbrk.h": '#include "malloc/os.h"\n',
        "libc/malloc/os.h": "#include <stddef.h>\n",
        "libc/malloc/os.c": '#include "unistd/sbrk.h"\n',
        "libc/unistd/sbrk.c": '#include "unistd/sbrk.h"\n',
    }, {"no_file_include_cycle": None,
        "no_folder_include_cycle": ["libc/malloc -> libc/unistd -> libc/malloc",
                                    'libc/malloc/os.c:1: #include "unistd/sbrk.h"',
                                    'libc/unistd/sbrk.h:1: #include "malloc/os.h"']}, False),
    "system_include_cycle_fails": ({
        "libc/include/stdlib.h": "#include <malloc.h>\n",
        "libc/include/malloc.h": "#include <stdlib.h>\n",
    }, {"no_file_include_cycle": ["libc/include/malloc.h -> libc/include/stdlib.h -> libc/include/malloc.h"]},
       False),
    "kernel_cycle_fails": ({
        "kernel/mm/vmm.h": '#include "proc/proc.h"\n',
        "kernel/proc/proc.h": '#include "mm/vmm.h"\n',
    }, {"no_file_include_cycle": ["kernel/mm/vmm.h -> kernel/proc/proc.h -> kernel/mm/vmm.h"],
        "no_folder_include_cycle": ["kernel/mm -> kernel/proc -> kernel/mm"]}, False),
    "kernel_cycle_allowed_when_asked": ({
        "kernel/mm/vmm.h": '#include "proc/proc.h"\n',
        "kernel/proc/proc.h": '#include "mm/vmm.h"\n',
        "libc/a/a.h": '#include "b/b.h"\n',
        "libc/b/b.h": '#include "a/a.h"\n',
    }, {"no_file_include_cycle": ["libc/a/a.h -> libc/b/b.h -> libc/a/a.h"],
        "no_folder_include_cycle": ["libc/a -> libc/b -> libc/a"]}, True),
    "framework_through_a_header_fails": ({
        "kernel/test/ktest.h": "\n",
        "kernel/test/selftest.h": '#include "test/ktest.h"\n',
        "kernel/main.c": '#include "test/selftest.h"\n',
    }, {"no_test_framework_in_production": ["kernel/main.c -> kernel/test/selftest.h -> kernel/test/ktest.h",
                                            'kernel/test/selftest.h:1: #include "test/ktest.h"']}, False),
    "framework_in_production_fails": ({
        "kernel/test/ktest.h": "\n",
        "kernel/mm/slab.c": '#include "test/ktest.h"\n',
        "kernel/mm/test/slab_test.c": '#include "test/ktest.h"\n',
        "libc/stdio/puts.c": '#include "ktap.h"\n',
    }, {"no_test_framework_in_production": ['kernel/mm/slab.c:1: #include "test/ktest.h"',
                                            'libc/stdio/puts.c:1: #include "ktap.h"'],
        "no_folder_include_cycle": None}, False),
}


def self_test_case(name):
    """Runs the checker on the fake tree `name` of SELF_TESTS; the list of
    ways its verdict differs from the expected one (empty: as expected)."""
    files, expect, allow = SELF_TESTS[name]
    with tempfile.TemporaryDirectory() as root:
        make_tree(root, files)
        results = check(root, allow_kernel_cycles=allow)
    bad = []
    for rule, problems, notes in results:
        want = expect.get(rule)
        text = "\n".join(problems)
        if want is None and problems:
            bad.append("%s: unexpected problems: %s" % (rule, text))
        elif want is not None and not problems:
            bad.append("%s: passed, but the tree has a fault" % rule)
        elif want is not None:
            bad += ["%s: no problem line has %r" % (rule, w) for w in want if w not in text]
        if allow and not notes and rule != "no_test_framework_in_production":
            bad.append("%s: the allowed kernel cycle was not printed" % rule)
    return bad


def self_test():
    """Every fake tree of SELF_TESTS, one KTAP test each; 0 if all as expected.
    (make test runs the same cases through tools/test_check_includes.py.)"""
    print("KTAP version 1")
    print("1..%d" % len(SELF_TESTS))
    ok_all = True
    for number, name in enumerate(sorted(SELF_TESTS), 1):
        ok_all &= ktap_test(number, name, self_test_case(name), [])
    return 0 if ok_all else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--allow-kernel-cycles", action="store_true",
                    help="print cycles wholly inside kernel/ but do not fail on them")
    ap.add_argument("--self-test", action="store_true", help="check the checker on fake trees")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    results = check(os.path.normpath(args.root), args.allow_kernel_cycles)
    print("KTAP version 1")
    print("1..%d" % len(results))
    ok_all = True
    for number, (name, problems, notes) in enumerate(results, 1):
        ok_all &= ktap_test(number, name, problems, notes)
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
