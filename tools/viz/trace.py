"""Reading a trace: one JSON object a line (docs/TRACE.md, version 1).

Addresses may be JSON numbers or "0x..." strings (the format allows
either); load() turns every address-like field into an int so the rest of
the package never sees a string address. A line that is not JSON, or an
event without "ev" or "t", is an error naming the line: a picture of a
broken trace would be a wrong picture.
"""
import json

ADDR_FIELDS = ("t", "ram", "page", "old", "new", "ret", "addr", "len", "off", "ip",
               "pa", "size", "start", "end", "site")


class TraceError(Exception):
    """A trace line that cannot be read: the message names the line."""


def _num(v):
    """v as an int when it is a number or a "0x"/decimal string; else v unchanged."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        try:
            return int(v, 0)
        except ValueError:
            return v
    return v


def normalize(ev):
    """The event with its address-like fields (and its areas') as ints."""
    for k in ADDR_FIELDS:
        if k in ev:
            ev[k] = _num(ev[k])
    for a in ev.get("areas") or []:
        for k in ("start", "end"):
            if k in a:
                a[k] = _num(a[k])
    return ev


def parse_lines(lines, name="trace"):
    """The list of events in lines (blank lines skipped); TraceError on a bad line."""
    events = []
    for no, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            ev = json.loads(line)
        except ValueError as e:
            raise TraceError("%s:%d: not JSON: %s" % (name, no, e)) from None
        if not isinstance(ev, dict) or "ev" not in ev or "t" not in ev:
            raise TraceError('%s:%d: an event needs "ev" and "t"' % (name, no))
        ev["line"] = no
        events.append(normalize(ev))
    if events and events[0]["ev"] != "start":
        raise TraceError('%s:1: the first event must be "start"' % name)
    return events


def load(path):
    """The events of the trace file at path."""
    with open(path, encoding="utf-8") as f:
        return parse_lines(f, path)
