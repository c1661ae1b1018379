"""The HTML page: both figures, a time slider, and a tooltip per block.

One file with everything inline (no network, no external script), so it
opens from a disk or a CI artefact. Python draws every picture; the
script only chooses what is visible at the slider's step t:
  - the address space: one <g class="snap"> per sampled step (at most
    MAX_SNAPS, spread over the run), all on one axis; the one shown is the
    last at or before t, and carries the class "shown";
  - the heap: the lifetime chart of heap.py; blocks live at t get the
    class "live" (the others fade), a cursor line marks t, and
    #live-count says how many blocks are live;
  - hovering a block (or an area) writes its size, address and
    allocation site into #info.
The page reads ?t=N from its address on load, so a headless browser can
be pointed at a given time (tests/viz/test_html.py).
"""
import json

from . import aspace, heap, svg

MAX_SNAPS = 200

STYLE = """
body { font-family: sans-serif; margin: 12px; color: #222; }
#controls { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #ccc; }
#t { width: 640px; vertical-align: middle; }
#info { font-family: monospace; min-height: 1.4em; margin-top: 4px; }
.figures { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
.snap { display: none; }
.snap.shown { display: inline; }
#heap .block { opacity: 0.18; }
#heap .block.live { opacity: 1; }
#heap .block:hover, #aspace .area:hover { stroke: #000; stroke-width: 2; }
"""

SCRIPT = """
(function () {
  var slider = document.getElementById('t');
  var snaps = Array.prototype.slice.call(document.querySelectorAll('#aspace .snap'));
  var blocks = Array.prototype.slice.call(document.querySelectorAll('#heap .block'));
  var cursor = document.getElementById('cursor');
  var info = document.getElementById('info');
  var events = JSON.parse(document.getElementById('events').textContent);
  function show(t) {
    t = Math.max(0, Math.min(parseInt(slider.max, 10), t | 0));
    slider.value = t;
    var pick = null;
    snaps.forEach(function (g) {
      g.classList.remove('shown');
      if (parseInt(g.getAttribute('data-step'), 10) <= t) pick = g;
    });
    if (pick) pick.classList.add('shown');
    var live = 0;
    blocks.forEach(function (b) {
      var born = parseInt(b.getAttribute('data-born'), 10);
      var died = b.getAttribute('data-died');
      var on = born <= t && (died === '' || t < parseInt(died, 10));
      b.classList.toggle('live', on);
      if (on) live++;
    });
    document.getElementById('live-count').textContent = live;
    document.getElementById('step').textContent = t;
    document.getElementById('event').textContent = events[t] || '';
    var x = CURSOR_LEFT + CURSOR_WIDTH * t / Math.max(NSTEPS, 1);
    cursor.setAttribute('x1', x);
    cursor.setAttribute('x2', x);
  }
  slider.addEventListener('input', function () { show(parseInt(slider.value, 10)); });
  function hover(e) {
    var el = e.target;
    if (el.classList.contains('block')) {
      info.textContent = el.getAttribute('data-size') + ' bytes at ' + el.getAttribute('data-addr') +
        ', allocated at ' + el.getAttribute('data-site') + ' (step ' + el.getAttribute('data-born') +
        (el.getAttribute('data-died') === '' ? ', never freed)' : ', freed at step ' + el.getAttribute('data-died') + ')');
    } else if (el.classList.contains('area')) {
      info.textContent = el.querySelector('title').textContent;
    }
  }
  document.getElementById('heap').addEventListener('mouseover', hover);
  document.getElementById('aspace').addEventListener('mouseover', hover);
  var m = /[?&]t=(\\d+)/.exec(window.location.search);
  show(m ? parseInt(m[1], 10) : 0);
})();
"""


def aspace_figure(m):
    """The address-space SVG with one hidden column per sampled step, all at one place."""
    ax = aspace.make_axis(m)
    steps = aspace.pick_steps(m, MAX_SNAPS)
    width = aspace.LEFT + aspace.COL_W + 20
    height = int(ax.bottom) + 44
    body = [svg.rect(0, 0, width, height, "#ffffff", stroke_width="0")]
    body += [aspace.column(m, ax, s, aspace.LEFT) for s in steps]
    body += aspace.breaks(ax, width) + aspace.axis_labels(ax)
    return svg.document(width, height, body, "aspace")


def event_caption(ev):
    """One line for the event of a step, shown beside the slider."""
    return "%s (t=%s, trace line %s)" % (aspace.describe(ev), ev.get("t"), ev.get("line"))


def render(m, header=heap.HEADER):
    """The whole page as a string."""
    n = len(m.snapshots)
    heap_svg = heap.render(m, header)
    ax = heap.make_axis(m, header)
    cursor = svg.el("line", id="cursor", x1=heap.LEFT, x2=heap.LEFT, y1=ax.top, y2=ax.bottom,
                    stroke="#000", stroke_width="1", stroke_dasharray="3,2")
    heap_svg = heap_svg.replace("\n</svg>", "\n" + cursor + "\n</svg>")
    script = (SCRIPT.replace("CURSOR_LEFT", str(heap.LEFT))
              .replace("CURSOR_WIDTH", str(heap.PLOT_W)).replace("NSTEPS", str(n)))
    events = json.dumps([event_caption(s.ev) for s in m.snapshots]).replace("</", "<\\/")
    title = svg.escape("memory of %s (pid %s)" % (m.path or "?", m.pid))
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s</title><style>%s</style></head>
<body>
<h1>%s</h1>
<div id="controls">step <span id="step">0</span> of %d:
<input type="range" id="t" min="0" max="%d" value="0">
<span id="event"></span>; live blocks: <span id="live-count">0</span>
<div id="info">hover over a block or an area</div></div>
<div class="figures">
<div>%s</div>
<div>%s</div>
</div>
<script type="application/json" id="events">%s</script>
<script>%s</script>
</body></html>
""" % (title, STYLE, title, n - 1, n - 1, aspace_figure(m), heap_svg, events, script)
