"""The address space over time, as an SVG figure in the style of OSTEP's.

One column per chosen step, low addresses at the top: each area a box
coloured by kind (code, data, heap, mmap, stack), its resident pages a
dark strip along its right edge, holes small enough to matter drawn to
(log) scale and labelled "guard" next to the stack, big holes drawn as
breaks labelled with their size. Every column shares one axis
(axis.Axis over the union of all areas ever mapped), so a box that moves
between columns moved in the address space. Each column is a
<g class="snap" data-step="N">; each box has class "area kind-KIND".
"""
from . import svg
from .axis import Axis, human

COL_W, COL_GAP, LEFT, TOP = 120, 36, 120, 58
LABEL_GAP = 11  # pixels between two address labels at least (closer ones are left out)


def all_spans(model):
    """Every area of every snapshot, as (start, end) pairs; the heap and the stack, which
    move one end at a time, as one span from their lowest start to their highest end
    (else each growth would cut the axis, and every page of a grown stack be a piece)."""
    spans, grown = [], {}
    for s in model.snapshots:
        for a in s.areas:
            if a[2] in ("heap", "stack"):
                lo, hi = grown.get((a[2], a[4]), (a[0], a[1]))
                grown[(a[2], a[4])] = (min(lo, a[0]), max(hi, a[1]))
            else:
                spans.append((a[0], a[1]))
    return spans + list(grown.values())


def make_axis(model):
    """The axis shared by every column."""
    return Axis(all_spans(model), top=TOP)


def pick_steps(model, n):
    """Up to n step numbers spread over the run (the first exec and the last step included)."""
    total = len(model.snapshots)
    if total == 0:
        return []
    if total <= n:
        return list(range(total))
    return sorted({round(i * (total - 1) / (n - 1)) for i in range(n)})


def describe(ev):
    """A short caption for the event of a step."""
    k = ev["ev"]
    if k == "brk":
        return "brk %s" % hex(ev.get("new") or 0)
    if k in ("mmap", "munmap", "mprotect", "madvise", "mlock", "mlock2"):
        return "%s %s" % (k, human(ev.get("len", 0)))
    if k == "fault":
        return "fault %s" % ev.get("how", "")
    if k in ("malloc", "realloc"):
        return "%s(%s)" % (k, ev.get("size"))
    return k


def column(model, axis, step, x):
    """The SVG elements of one column: the address space after step."""
    snap = model.snapshots[step]
    out = [svg.text(x + COL_W / 2, TOP - 26, "step %d" % step, 11, "middle", font_weight="bold"),
           svg.text(x + COL_W / 2, TOP - 12, describe(snap.ev), 10, "middle")]
    out.append(svg.rect(x, axis.top, COL_W, axis.bottom - axis.top, "#fafafa", class_="free"))
    stacks = [a for a in snap.areas if a[2] == "stack"]
    for start, end, kind, prot, name in snap.areas:
        y0, y1 = axis.y(start), axis.y(end)
        p = svg.prot_str(prot)
        k = "guard" if p in ("---", "") and kind == "mmap" else kind
        title = svg.el("title", svg.escape("%s %s [%s, %s) %s %s" % (
            kind, name, hex(start), hex(end), human(end - start), p)))
        out.append(svg.el("rect", title, x="%.1f" % x, y="%.1f" % y0, width=COL_W,
                          height="%.1f" % max(y1 - y0, 0.5), fill=svg.COLOURS.get(k, "#e9c46a"),
                          stroke="#333", stroke_width="0.6", class_="area kind-" + kind,
                          data_start=hex(start), data_end=hex(end)))
        if y1 - y0 >= 12:
            out.append(svg.text(x + 4, min(y0 + 12, y1 - 2), "%s %s" % (name or kind, p), 10))
    for lo, hi in snap.resident:
        y0, y1 = axis.y(lo), axis.y(hi)
        out.append(svg.rect(x + COL_W - 12, y0, 10, max(y1 - y0, 1.0), svg.RESIDENT,
                            class_="resident", stroke_width="0"))
    for s in axis.segments:  # guard gaps: the small holes right next to a stack
        if s.kind == "hole" and any(s.hi == a[0] or s.lo == a[1] for a in stacks):
            out.append(svg.text(x + COL_W / 2, (s.y0 + s.y1) / 2 + 3, "guard gap", 9, "middle",
                                class_="guard"))
    if snap.brk is not None and any(a[2] == "heap" for a in snap.areas):
        y = axis.y(snap.brk)
        out.append(svg.el("line", x1=x - 4, x2=x + COL_W + 4, y1="%.1f" % y, y2="%.1f" % y,
                          stroke="#d00000", stroke_width="1.5", class_="brk"))
    return svg.el("g", "\n".join(out), class_="snap", data_step=step, id="snap-%d" % step)


def axis_labels(axis):
    """The address labels on the left and the breaks across the whole figure."""
    out, last = [], -1e9
    for s in axis.segments:
        if s.kind == "break" and s.y0 - last >= LABEL_GAP + 6:  # where the occupied range ended
            out.append(svg.text(LEFT - 6, s.y0 - 2, "0x%x" % s.lo, 9, "end",
                                font_family="monospace"))
            last = s.y0
        elif (s.kind == "span" or s.kind == "hole") and s.y0 - last >= LABEL_GAP:
            out.append(svg.text(LEFT - 6, s.y0 + 4, "0x%x" % s.lo, 9, "end",
                                font_family="monospace"))
            last = s.y0
    if axis.segments:
        out.append(svg.text(LEFT - 6, axis.bottom + 4, "0x%x" % axis.segments[-1].hi, 9, "end",
                            font_family="monospace"))
    return out


def breaks(axis, width):
    """Each break: a white band with zig-zag edges and the hole's size."""
    out = []
    for s in axis.breaks():
        zig = " ".join("L%d,%.1f" % (x, s.y0 + (3 if i % 2 else 0))
                       for i, x in enumerate(range(LEFT - 8, width, 8)))
        zag = " ".join("L%d,%.1f" % (x, s.y1 - (3 if i % 2 else 0))
                       for i, x in enumerate(range(LEFT - 8, width, 8)))
        out.append(svg.rect(LEFT - 8, s.y0, width - LEFT, s.y1 - s.y0, "#ffffff", stroke_width="0"))
        out.append(svg.el("path", d="M%d,%.1f %s" % (LEFT - 8, s.y0, zig), fill="none",
                          stroke="#555"))
        out.append(svg.el("path", d="M%d,%.1f %s" % (LEFT - 8, s.y1, zag), fill="none",
                          stroke="#555"))
        out.append(svg.text(LEFT - 6, (s.y0 + s.y1) / 2 + 4, "... %s ..." % human(s.hi - s.lo), 9,
                            "end", class_="break"))
    return out


def legend(y):
    """The key to the colours."""
    out, x = [], LEFT
    for k in ("code", "data", "heap", "mmap", "stack"):
        out += [svg.rect(x, y, 12, 12, svg.COLOURS[k]), svg.text(x + 16, y + 10, k, 10)]
        x += 64
    out += [svg.rect(x, y, 12, 12, svg.RESIDENT), svg.text(x + 16, y + 10, "resident pages", 10)]
    x += 110
    out += [svg.el("line", x1=x, x2=x + 14, y1=y + 6, y2=y + 6, stroke="#d00000",
                   stroke_width="1.5"), svg.text(x + 18, y + 10, "program break", 10)]
    return out


def render(model, columns=6, steps=None, axis=None):
    """The SVG document of the address space at steps (default: columns spread over the run)."""
    steps = pick_steps(model, columns) if steps is None else steps
    axis = axis or make_axis(model)
    width = LEFT + len(steps) * (COL_W + COL_GAP) + 10
    height = int(axis.bottom) + 44
    title = "address space of %s (pid %s)" % (model.path or "?", model.pid)
    body = [svg.rect(0, 0, width, height, "#ffffff", stroke_width="0"),
            svg.text(8, 16, title, 13, font_weight="bold")]
    body += [column(model, axis, s, LEFT + i * (COL_W + COL_GAP)) for i, s in enumerate(steps)]
    body += breaks(axis, width) + axis_labels(axis) + legend(axis.bottom + 16)
    return svg.document(width, height, body, "aspace")
