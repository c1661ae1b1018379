"""The heap over time, as an SVG figure.

THEORY OF OPERATION

The main panel is a lifetime chart: time (steps) runs left to right,
addresses top to bottom, and every block malloc or realloc returned is a
box from the step it was born to the step it died, as tall as its
request; a block still live at the end runs to the right edge. The
allocator's metadata is the band of HEADER bytes drawn dark just above
each block (the header both of Interlude's allocators keep before a
block's bytes; --header changes it), and the program break is the red
line. White between boxes is free memory or padding. The addresses
are an axis.Axis over the pages the blocks use, so a heap of sbrk memory
and blocks mapped on their own far away share one picture, with a break
between them; inside a range the scale is linear.

Below it, two panels: utilisation over time (the bytes the program asked
for that are live, divided by the heap the break encloses) with external
fragmentation (1 - the largest free gap between live blocks / all free
bytes below the break), and the live blocks per size class (powers of two)
at the step where the most bytes were live, coloured by path (class, run,
mmap as the allocator reported them).
"""
from . import svg
from .axis import Axis, human, pieces, PAGE

HEADER = 16
LEFT, TOP, PLOT_W, PLOT_H = 130, 40, 640, 380


def block_spans(model, header):
    """The page-rounded ranges the blocks (with their headers) occupy."""
    return [((b.addr - header) & ~(PAGE - 1), (b.addr + max(b.size, 1) + PAGE - 1) & ~(PAGE - 1))
            for b in model.blocks]


def make_axis(model, header=HEADER):
    """The address axis of the heap panel: each range's height its share of PLOT_H by the
    square root of its size (>= 30 px), so a small heap beside a big mapped block stays legible."""
    spans = block_spans(model, header)
    if model.heap_start is not None and model.brk is not None and model.brk > model.heap_start:
        spans.append((model.heap_start, max(s.brk or 0 for s in model.snapshots)))
    total = sum((hi - lo) ** 0.5 for lo, hi in pieces(spans)) or 1
    return Axis(spans, top=TOP, height=lambda size: max(30.0, PLOT_H * size ** 0.5 / total))


def x_of(step, nsteps):
    """The pixel of a step on the time axis."""
    return LEFT + PLOT_W * step / max(nsteps, 1)


def size_class(n):
    """The power of two at or above n (16 at least): a block's size class."""
    c = 16
    while c < n:
        c *= 2
    return c


def block_box(b, axis, nsteps, header):
    """The SVG of one block: its header band and its box, with its tooltip."""
    x0, x1 = x_of(b.born, nsteps), x_of(nsteps if b.died is None else b.died, nsteps)
    y0, y1 = axis.y(b.addr), axis.y(b.addr + max(b.size, 1))
    site = "0x%x" % b.site if isinstance(b.site, int) else str(b.site or "?")
    died = "live at the end" if b.died is None else "freed at step %d" % b.died
    tip = "%d bytes at 0x%x (%s), site %s, born at step %d, %s" % (
        b.size, b.addr, b.path or "?", site, b.born, died)
    out = [svg.rect(x0, axis.y(b.addr - header), x1 - x0, y0 - axis.y(b.addr - header),
                    svg.COLOURS["meta"], stroke_width="0", class_="meta")]
    out.append(svg.el("rect", svg.el("title", svg.escape(tip)), x="%.1f" % x0, y="%.1f" % y0,
                      width="%.1f" % max(x1 - x0, 1.0), height="%.1f" % max(y1 - y0, 1.0),
                      fill=svg.COLOURS.get(b.path, svg.COLOURS["class"]), stroke="#333",
                      stroke_width="0.4", class_="block path-%s" % (b.path or "unknown"),
                      data_born=b.born, data_died="" if b.died is None else b.died,
                      data_size=b.size, data_addr="0x%x" % b.addr, data_site=site))
    return out


def brk_line(model, axis, nsteps):
    """The program break over time, a step line."""
    pts = []
    for i, s in enumerate(model.snapshots):
        if s.brk is None:
            continue
        y = axis.y(s.brk)
        if pts:
            pts.append("%.1f,%.1f" % (x_of(i, nsteps), float(pts[-1].split(",")[1])))
        pts.append("%.1f,%.1f" % (x_of(i, nsteps), y))
    if not pts:
        return []
    pts.append("%.1f,%s" % (x_of(nsteps, nsteps), pts[-1].split(",")[1]))
    return [svg.el("polyline", points=" ".join(pts), fill="none", stroke="#d00000",
                   stroke_width="1.5", class_="brk")]


def stats(model, header=HEADER, samples=300):
    """[(step, utilisation, fragmentation)] at up to samples steps (both fractions, 0..1)."""
    n = len(model.snapshots)
    out = []
    for step in sorted({round(i * (n - 1) / max(samples - 1, 1)) for i in range(samples)}
                       if n else []):
        brk = model.snapshots[step].brk
        if brk is None or model.heap_start is None:
            continue
        live = sorted((b.addr - header, b.addr + b.size) for b in model.blocks
                      if b.live_at(step) and model.heap_start <= b.addr < brk)
        span = brk - model.heap_start
        used = sum(hi - lo - header for lo, hi in live)
        gaps, cur = [], model.heap_start
        for lo, hi in live:
            if lo > cur:
                gaps.append(lo - cur)
            cur = max(cur, hi)
        if brk > cur:
            gaps.append(brk - cur)
        free = sum(gaps)
        frag = 1 - max(gaps) / free if free else 0.0
        out.append((step, used / span if span else 0.0, frag))
    return out


def stats_panel(model, y0, nsteps, header):
    """The utilisation and fragmentation lines, in a panel 100 px high at y0."""
    h = 100
    out = [svg.rect(LEFT, y0, PLOT_W, h, "#fcfcfc"),
           svg.text(LEFT - 6, y0 + 8, "100%", 9, "end"), svg.text(LEFT - 6, y0 + h, "0%", 9, "end"),
           svg.text(LEFT, y0 - 4, "utilisation (blue) and external fragmentation (orange)", 10)]
    st = stats(model, header)
    for idx, colour, cls in ((1, "#1d3557", "utilisation"), (2, "#f3722c", "fragmentation")):
        pts = " ".join("%.1f,%.1f" % (x_of(s[0], nsteps), y0 + h - h * s[idx]) for s in st)
        if pts:
            out.append(svg.el("polyline", points=pts, fill="none", stroke=colour,
                              stroke_width="1.5", class_=cls))
    return out


def peak_step(model):
    """The step after which the most requested bytes are live (0 if none)."""
    events = sorted([(b.born, b.size) for b in model.blocks] +
                    [(b.died, -b.size) for b in model.blocks if b.died is not None])
    best, cur, at = 0, 0, 0
    for step, d in events:
        cur += d
        if cur > best:
            best, at = cur, step
    return at


def class_panel(model, y0):
    """Bars: the live blocks per size class at the peak step, split by path."""
    step = peak_step(model)
    counts = {}
    for b in model.blocks:
        if b.live_at(step):
            key = size_class(b.size)
            counts.setdefault(key, {})
            counts[key][b.path] = counts[key].get(b.path, 0) + 1
    out = [svg.text(LEFT, y0 - 4, "live blocks per size class at the peak (step %d)" % step, 10)]
    if not counts:
        return out + [svg.text(LEFT, y0 + 14, "(no block)", 10)]
    most = max(sum(c.values()) for c in counts.values())
    bar_w = min(48.0, PLOT_W / len(counts) - 6)
    for i, (cls, by_path) in enumerate(sorted(counts.items())):
        x, y = LEFT + i * (bar_w + 6), y0 + 90
        for path, c in sorted(by_path.items()):
            h = 80 * c / most
            y -= h
            out.append(svg.rect(x, y, bar_w, h, svg.COLOURS.get(path, svg.COLOURS["class"]),
                                class_="sizeclass", data_class=cls, data_count=c))
        out.append(svg.text(x + bar_w / 2, y - 2, sum(by_path.values()), 9, "middle"))
        out.append(svg.text(x + bar_w / 2, y0 + 102, "<=" + human(cls), 9, "middle"))
    return out


def legend(y):
    """The key: a block's colour is the path that served it; the header; the break."""
    out, x = [], LEFT
    for k in ("class", "sparse", "mid", "run", "mmap"):
        out += [svg.rect(x, y, 12, 12, svg.COLOURS[k]), svg.text(x + 16, y + 10, k, 10)]
        x += 64
    out += [svg.rect(x, y + 4, 12, 4, svg.COLOURS["meta"]),
            svg.text(x + 16, y + 10, "header (%d B before each block)" % HEADER, 10)]
    x += 190
    out += [svg.el("line", x1=x, x2=x + 14, y1=y + 6, y2=y + 6, stroke="#d00000",
                   stroke_width="1.5"), svg.text(x + 18, y + 10, "program break", 10)]
    x += 100
    out += [svg.rect(x, y, 12, 12, "#ffffff"), svg.text(x + 16, y + 10, "free or padding", 10)]
    return out


def render(model, header=HEADER, axis=None):
    """The SVG document of the heap over the whole run."""
    nsteps = max(len(model.snapshots), 1)
    axis = axis or make_axis(model, header)
    width, height = LEFT + PLOT_W + 20, int(axis.bottom) + 310
    body = [svg.rect(0, 0, width, height, "#ffffff", stroke_width="0"),
            svg.text(8, 16, "heap of %s (pid %s): %d blocks" % (model.path or "?", model.pid,
                                                                  len(model.blocks)), 13,
                     font_weight="bold"),
            svg.rect(LEFT, axis.top, PLOT_W, axis.bottom - axis.top, "#ffffff", class_="plot")]
    for s in axis.segments:
        label = "... %s ..." % human(s.hi - s.lo) if s.kind == "break" else "0x%x" % s.lo
        body.append(svg.text(LEFT - 6, s.y0 + 9, label, 9, "end", font_family="monospace"))
        if s.kind == "break":
            body.append(svg.rect(LEFT, s.y0, PLOT_W, s.y1 - s.y0, "#eeeeee", stroke_width="0"))
    for b in model.blocks:
        body += block_box(b, axis, nsteps, header)
    body += brk_line(model, axis, nsteps)
    body.append(svg.text(LEFT + PLOT_W, axis.bottom + 14, "step %d" % (nsteps - 1), 9, "end"))
    body.append(svg.text(LEFT, axis.bottom + 14, "step 0", 9))
    body += stats_panel(model, axis.bottom + 40, nsteps, header)
    body += class_panel(model, axis.bottom + 170)
    body += legend(axis.bottom + 290)
    return svg.document(width, height, body, "heap")
