"""A compressed address axis: a 128 TiB space on one page.

Drawn to scale, a program's few megabytes would vanish in 128 TiB of
nothing. So the axis is cut into segments: the ranges something occupies
(each area's own piece) are drawn with a height that grows with the logarithm of their
size, linear inside; a hole smaller than BREAK_MIN keeps a small
log-scaled height; a bigger hole becomes a break, a fixed band drawn with
zig-zags and labelled with its size. Low addresses are at the top, as in
OSTEP's figures: code first, the heap growing down, the stack at the
bottom growing up.
"""
import math

PAGE = 4096
BREAK_MIN = 256 * PAGE  # holes at least this big are drawn as breaks
BREAK_H = 22            # a break's height, pixels


def span_height(size, unit=14.0, base=18.0):
    """Pixels for an occupied range of size bytes: base + unit per doubling of its pages."""
    pages = max(1.0, size / PAGE)
    return base + unit * math.log2(pages)


def human(n):
    """n bytes as a short string: 4 KiB, 1.5 MiB, 127 TiB."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            s = ("%.1f" % n).rstrip("0").rstrip(".")
            return "%s %s" % (s, unit)
        n /= 1024.0
    return str(n)


class Segment:
    """One piece of the axis: addresses [lo, hi) drawn in pixels [y0, y1)."""

    def __init__(self, lo, hi, y0, y1, kind):
        self.lo, self.hi, self.y0, self.y1, self.kind = lo, hi, y0, y1, kind


def pieces(spans):
    """The spans [(lo, hi)] cut at every span's ends into sorted, disjoint [lo, hi] pieces.

    Touching areas stay separate pieces (each gets its own height: a 4 KiB
    data page next to a 1 MiB heap stays visible); overlapping spans
    (one area at two times) share the pieces they have in common."""
    spans = [s for s in spans if s[1] > s[0]]
    cuts = sorted({p for s in spans for p in s})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        if any(s[0] <= lo and hi <= s[1] for s in spans):
            out.append([lo, hi])
    return out


class Axis:
    """The axis over the given occupied spans, starting at pixel top; height(size) gives a
    span's pixels (default: span_height with unit and base)."""

    def __init__(self, spans, top=0.0, lo=None, hi=None, unit=14.0, base=18.0, height=None):
        merged = pieces(spans)
        height = height or (lambda size: span_height(size, unit, base))
        self.segments = []
        y = top
        cur = merged[0][0] if lo is None and merged else (lo or 0)
        ends = merged + ([[hi, hi]] if hi is not None and (not merged or hi > merged[-1][1]) else [])
        for s_lo, s_hi in ends:
            if s_lo > cur:  # a hole before this span
                gap = s_lo - cur
                if gap >= BREAK_MIN:
                    h, kind = BREAK_H, "break"
                else:
                    h, kind = span_height(gap, unit * 0.5, 6.0), "hole"
                self.segments.append(Segment(cur, s_lo, y, y + h, kind))
                y += h
            if s_hi > s_lo:
                h = height(s_hi - s_lo)
                self.segments.append(Segment(s_lo, s_hi, y, y + h, "span"))
                y += h
            cur = max(cur, s_hi)
        self.top, self.bottom = top, y

    def y(self, addr):
        """The pixel of address addr (clamped to the axis; linear inside a segment)."""
        if not self.segments:
            return self.top
        if addr <= self.segments[0].lo:
            return self.segments[0].y0
        for s in self.segments:
            if addr <= s.hi:
                if s.kind == "break":  # inside a break: its middle
                    return (s.y0 + s.y1) / 2 if s.lo < addr < s.hi else (
                        s.y0 if addr == s.lo else s.y1)
                return s.y0 + (s.y1 - s.y0) * (addr - s.lo) / (s.hi - s.lo)
        return self.segments[-1].y1

    def breaks(self):
        """The segments drawn as breaks."""
        return [s for s in self.segments if s.kind == "break"]
