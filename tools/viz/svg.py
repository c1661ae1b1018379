"""Small helpers for writing SVG by hand: escaping, elements, colours."""
from xml.sax.saxutils import escape, quoteattr

# One colour per kind of area or block, light enough for text on top.
COLOURS = {
    "code": "#8ecae6", "data": "#90be6d", "bss": "#b5e48c", "heap": "#f9c74f",
    "mmap": "#cdb4db", "stack": "#f28482", "vdso": "#d9d9d9", "guard": "#ffffff",
    "class": "#f9c74f", "sparse": "#b5d99c", "mid": "#90a8c3", "run": "#f8961e", "free": "#ffffff", "meta": "#6c757d",
}
RESIDENT = "#264653"


def el(tag, text=None, **attrs):
    """An SVG element: attrs become attributes (class_ -> class, data_x -> data-x)."""
    parts = []
    for k, v in attrs.items():
        if v is None:
            continue
        k = k.rstrip("_").replace("_", "-")
        parts.append(" %s=%s" % (k, quoteattr(str(v))))
    if text is None:
        return "<%s%s/>" % (tag, "".join(parts))
    return "<%s%s>%s</%s>" % (tag, "".join(parts), text, tag)


def text(x, y, s, size=11, anchor="start", **attrs):
    """A text element at (x, y) with s escaped."""
    attrs.setdefault("font_family", "sans-serif")
    return el("text", escape(str(s)), x="%.1f" % x, y="%.1f" % y, font_size=size,
              text_anchor=anchor, **attrs)


def rect(x, y, w, h, fill, **attrs):
    """A rectangle with a thin outline (unless attrs say otherwise)."""
    attrs.setdefault("stroke", "#333")
    attrs.setdefault("stroke_width", "0.5")
    return el("rect", x="%.1f" % x, y="%.1f" % y, width="%.1f" % max(w, 0.5),
              height="%.1f" % max(h, 0.5), fill=fill, **attrs)


def document(width, height, body, ident):
    """A whole SVG document of the given size around the body elements."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" id=%s width="%d" height="%d" '
            'viewBox="0 0 %d %d">\n%s\n</svg>\n' % (quoteattr(ident), width, height, width, height,
                                                   "\n".join(body)))


def prot_str(p):
    """A protection as "rwx" letters, from a string ("rw-") or PROT_ bits (1 r, 2 w, 4 x)."""
    if isinstance(p, int):
        return ("r" if p & 1 else "-") + ("w" if p & 2 else "-") + ("x" if p & 4 else "-")
    return str(p or "")
