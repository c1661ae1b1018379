"""tracelib - read and check Interlude's memory trace (docs/TRACE.md).

The trace is JSON lines, version 1: the first line is

    {"v":1,"ev":"start","t":T,"ram":BYTES,"page":4096}

and every other line is one event, an object with "ev" (its kind), "t"
(the guest's time stamp counter) and, when a process is involved, "pid".
Addresses are strings "0x..." (kernel addresses do not fit a double);
every other value is a JSON number or a plain string.

    from tracelib import read, check, Event
    events = read(path)            # list of dicts; raises TraceError on bad JSON
    problems = check(events)       # list of sentences, [] when the trace is valid

tools/trace.py is the command line (--check, --summary); the viewer of
task viz reuses this module. Standard library only.
"""
import json
import re

VERSION = 1
ADDR = re.compile(r"^0x[0-9a-f]+$")
WORD = re.compile(r"^[a-z][a-z0-9-]*$")


class TraceError(Exception):
    """A line that is not a JSON object: the trace cannot be read at all."""


def addr(value):
    """The integer an address field holds ("0x1f000" -> 0x1f000)."""
    return int(value, 16)


# What each field must be: a type tag checked by _field_problem.
A, I, S, W, L = "address", "integer", "string", "word", "list of areas"

# Event kind -> (required fields, optional fields, needs "pid").
SYSCALL = {
    "brk": {"addr": A, "old": A, "new": A, "ret": I},
    "sbrk": {"incr": I, "old": A, "new": A, "ret": I},
    "mmap": {"addr": A, "len": I, "prot": I, "flags": I, "fd": I, "off": I, "ret": I},
    "munmap": {"addr": A, "len": I, "ret": I},
    "mprotect": {"addr": A, "len": I, "prot": I, "ret": I},
    "madvise": {"addr": A, "len": I, "advice": I, "ret": I},
    "mremap": {"addr": A, "old_len": I, "new_len": I, "flags": I, "ret": I},
    "msync": {"addr": A, "len": I, "flags": I, "ret": I},
    "mlock": {"addr": A, "len": I, "ret": I},
    "mlock2": {"addr": A, "len": I, "flags": I, "ret": I},
    "munlock": {"addr": A, "len": I, "ret": I},
    "mlockall": {"flags": I, "ret": I},
    "munlockall": {"ret": I},
}
EVENTS = {
    "start": ({"v": I, "ram": I, "page": I}, {}, False),
    "fault": ({"addr": A, "access": W, "how": W}, {"ip": A, "by": W, "why": W}, True),
    "frame_alloc": ({"pa": A, "order": I, "owner": W}, {"pid": I}, False),
    "frame_free": ({"pa": A, "order": I, "owner": W}, {"pid": I}, False),
    "slab_alloc": ({"cache": S, "addr": A, "size": I}, {"pid": I}, False),
    "slab_free": ({"cache": S, "addr": A, "size": I}, {"pid": I}, False),
    "exec": ({"path": S, "areas": L}, {}, True),
    "exit": ({"status": I, "areas": L}, {}, True),
    "fork": ({"child": I}, {}, True),
    "malloc": ({"size": I, "ret": A, "site": A}, {"path": W, "align": I}, True),
    "free": ({"addr": A}, {}, True),
    "realloc": ({"addr": A, "size": I, "ret": A, "site": A}, {"path": W}, True),
    "cut": ({}, {"of": S}, False),
}
for _name, _fields in SYSCALL.items():
    EVENTS[_name] = (_fields, {}, True)

ACCESS = {"r", "w", "x"}
HOW = {"zero-fill", "stack-growth", "cow-copy", "cow-reuse", "fixup", "file", "refused", "oom"}
WHY = {"maperr", "accerr", "stack-guard"}
MALLOC_PATH = {"class", "sparse", "mid", "run", "mmap"}
AREA_FIELDS = {"start": A, "end": A, "prot": S, "kind": W, "name": S}
AREA_KIND = {"code", "data", "heap", "stack", "mmap", "vdso"}
PROT = re.compile(r"^[r-][w-][x-]$")


def read(path):
    """The trace's events, in order; TraceError names the first bad line."""
    events = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                e = json.loads(line)
            except ValueError as err:
                raise TraceError("%s:%d: not JSON: %s" % (path, n, err)) from None
            if not isinstance(e, dict):
                raise TraceError("%s:%d: not a JSON object" % (path, n))
            e["_line"] = n
            events.append(e)
    return events


def _field_problem(value, kind):
    """Why value is not of kind, or None."""
    if kind == A:
        return None if isinstance(value, str) and ADDR.match(value) else "not an address \"0x...\""
    if kind == I:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "not an integer"
    if kind == S:
        return None if isinstance(value, str) else "not a string"
    if kind == W:
        return None if isinstance(value, str) and WORD.match(value) else "not a lower-case word"
    if kind == L:
        return None if isinstance(value, list) else "not a list"
    return "unknown kind " + kind


def _areas_problems(areas):
    """The problems of an exec or exit line's areas: each an object, sorted, disjoint."""
    out, last_end = [], -1
    for i, a in enumerate(areas):
        if not isinstance(a, dict):
            out.append("area %d is not an object" % i)
            continue
        bad = False
        for k, kind in AREA_FIELDS.items():
            why = k not in a and "missing" or _field_problem(a[k], kind)
            if why:
                out.append("area %d: %s %s" % (i, k, why))
                bad = True
        if bad:
            continue
        start, end = addr(a["start"]), addr(a["end"])
        if not PROT.match(a["prot"]):
            out.append("area %d: prot %r is not like \"r-x\"" % (i, a["prot"]))
        if a["kind"] not in AREA_KIND:
            out.append("area %d: kind %r unknown" % (i, a["kind"]))
        if start >= end or start % 4096 or end % 4096:
            out.append("area %d: [%s, %s) is not a non-empty page-aligned range"
                       % (i, a["start"], a["end"]))
        if start < last_end:
            out.append("area %d: starts at %s, inside or before the previous one" % (i, a["start"]))
        last_end = end
    return out


def _event_problems(e):
    """The problems of one event (its fields), as sentences without the line number."""
    ev = e.get("ev")
    if not isinstance(ev, str):
        return ["no \"ev\""]
    if ev not in EVENTS:
        return []  # a kind this reader does not know: allowed (the format may grow)
    required, optional, needs_pid = EVENTS[ev]
    out = []
    t = e.get("t")
    if (not isinstance(t, int) or isinstance(t, bool) or t < 0):
        out.append("%s: \"t\" is not a non-negative integer" % ev)
    if needs_pid and not isinstance(e.get("pid"), int):
        out.append("%s: no \"pid\"" % ev)
    for k, kind in list(required.items()) + list(optional.items()):
        if k not in e:
            if k in required:
                out.append("%s: no \"%s\"" % (ev, k))
            continue
        why = _field_problem(e[k], kind)
        if why:
            out.append("%s: \"%s\" is %s" % (ev, k, why))
    if out:
        return out
    if ev == "fault":
        if e["access"] not in ACCESS:
            out.append("fault: access %r is not r, w or x" % e["access"])
        if e["how"] not in HOW:
            out.append("fault: how %r unknown" % e["how"])
        if e["how"] == "refused" and e.get("why") not in WHY:
            out.append("fault: a refused fault needs a \"why\" of %s" % sorted(WHY))
        if "ip" not in e and e.get("by") != "kernel-copy":
            out.append("fault: neither \"ip\" nor \"by\":\"kernel-copy\"")
    elif ev in ("frame_alloc", "frame_free"):
        if addr(e["pa"]) % 4096 or not 0 <= e["order"] < 64:
            out.append("%s: pa %s order %d is not a block of frames" % (ev, e["pa"], e["order"]))
    elif ev in ("malloc", "realloc") and "path" in e and e["path"] not in MALLOC_PATH:
        out.append("%s: path %r unknown" % (ev, e["path"]))
    elif ev in ("exec", "exit"):
        out += ["%s: %s" % (ev, p) for p in _areas_problems(e["areas"])]
    return out


def check(events):
    """Every problem of the trace as "line N: sentence"; [] when it is valid."""
    if not events:
        return ["the trace is empty (no start line)"]
    out = []
    first = events[0]
    if first.get("ev") != "start" or first.get("v") != VERSION:
        out.append("line %d: the first line is not {\"v\":%d,\"ev\":\"start\",...}"
                   % (first.get("_line", 1), VERSION))
    last_t = -1
    for e in events:
        for p in _event_problems(e):
            out.append("line %d: %s" % (e.get("_line", 0), p))
        t = e.get("t")
        if isinstance(t, int):
            if t < last_t:
                out.append("line %d: t %d is before the previous line's %d"
                           % (e.get("_line", 0), t, last_t))
            last_t = max(last_t, t)
    return out


def summary(events):
    """{kind: count} of the trace's events."""
    counts = {}
    for e in events:
        counts[e.get("ev")] = counts.get(e.get("ev"), 0) + 1
    return counts
