"""bench_svg.py - the plot of tools/bench-malloc.py: a self-contained SVG
of grouped bars (time ratio and peak-RSS ratio to the reference allocator,
per workload and allocator, log scale), written by hand so that no plotting
library is needed."""

import math
import os


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg_plot(rows, geo, names, workloads, path, title_note, labels, colors, target_time):
    lo, hi = 1 / 16.0, 16.0  # log2 axis, clipped
    panels = [("wall time, ratio to glibc-static (median)", 1, workloads + ["geomean"]),
              ("peak RSS, ratio to glibc-static (max)", 3, workloads)]
    W, ph, top, left, right = 980, 300, 60, 60, 170
    H = top + len(panels) * (ph + 70) + 20
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
         'font-family="Helvetica,Arial,sans-serif" font-size="11">' % (W, H, W, H),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="22" font-size="15" font-weight="bold">malloc_bench: allocators beside '
         'glibc-static (log scale, 1 = glibc-static; lower is better)</text>' % left,
         '<text x="%d" y="40" fill="#555">%s</text>' % (left, esc(title_note))]
    ly = lambda v: math.log2(min(max(v, lo), hi))
    span = math.log2(hi) - math.log2(lo)
    for pi, (ptitle, idx, groups) in enumerate(panels):
        y0 = top + pi * (ph + 70) + 20
        x0, x1 = left, W - right
        ymap = lambda v: y0 + ph * (math.log2(hi) - ly(v)) / span
        s.append('<text x="%d" y="%d" font-size="13" font-weight="bold">%s</text>' % (x0, y0 - 6, esc(ptitle)))
        for e in range(int(math.log2(lo)), int(math.log2(hi)) + 1):
            v = 2.0 ** e
            y = ymap(v)
            s.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="%s"/>'
                     % (x0, x1, y, y, "#333" if e == 0 else "#ddd", "1.2" if e == 0 else "0.6"))
            lab = ("%g" % v) if v >= 1 else "1/%d" % round(1 / v)
            s.append('<text x="%d" y="%.1f" text-anchor="end" fill="#444">%s</text>' % (x0 - 5, y + 4, lab))
        if idx == 1:
            y = ymap(target_time)
            s.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e8743b" stroke-dasharray="5,3"/>'
                     % (x0, x1, y, y))
            s.append('<text x="%d" y="%.1f" fill="#e8743b">target 0.6 (geomean)</text>' % (x1 + 4, y + 4))
        gw = (x1 - x0) / len(groups)
        bw = min(16.0, (gw - 12) / max(1, len(names)))
        for gi, g in enumerate(groups):
            gx = x0 + gi * gw + (gw - bw * len(names)) / 2
            s.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                     % (x0 + gi * gw + gw / 2, y0 + ph + 16, esc(labels.get(g, g))))
            for ni, n in enumerate(names):
                if g == "geomean":
                    v = geo.get(n)
                else:
                    r = rows.get((n, g))
                    v = r[idx] if r else None
                if v is None or not v > 0:
                    continue
                x = gx + ni * bw
                ya, yb = sorted((ymap(1.0), ymap(v)))
                s.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s">'
                         '<title>%s %s: %.2f</title></rect>'
                         % (x, ya, bw - 1.5, max(yb - ya, 1.0), colors.get(n, "#999"), n, g, v))
                ty = (ymap(v) - 3) if v >= 1 else (ymap(v) + 10)
                s.append('<text x="%.1f" y="%.1f" font-size="8" text-anchor="middle" fill="#333">%s</text>'
                         % (x + (bw - 1.5) / 2, ty, ("%.2f" % v) if v < 10 else "%.0f" % v))
        s.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>'
                 % (x0, y0, x1 - x0, ph))
    for ni, n in enumerate(names):  # legend
        y = top + 30 + ni * 18
        s.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>' % (W - right + 12, y, colors.get(n, "#999")))
        s.append('<text x="%d" y="%d">%s</text>' % (W - right + 30, y + 10, esc(n)))
    s.append("</svg>")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")
