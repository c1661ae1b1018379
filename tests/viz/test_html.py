"""The HTML page in headless Chromium: the slider's time (?t=N) picks the
address-space column and the live blocks, a time past the end is clamped
to the last step, and a screenshot is not blank.

Chromium is the Debian package "chromium"; when it is missing and we are
root, the test installs it with apt-get (as tools/install-deps.sh does),
and otherwise it is skipped with the reason (a SKIP line, and a skip in
make test's count). Run alone:
    python3 tools/ktest.py --unittest tests/viz/test_html.py
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from viz import model, page, trace  # noqa: E402

SYNTH = os.path.join(ROOT, "tests/viz/synthetic.jsonl")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def find_chromium():
    """The chromium program, installed with apt-get if need be; (path, why-not)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name), None
    if not shutil.which("apt-get"):
        return None, "chromium is not installed, and there is no apt-get to install it"
    if os.geteuid() != 0:
        return None, "chromium is not installed, and apt-get needs root to install it"
    try:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
                       capture_output=True, timeout=900, check=True)
    except (subprocess.SubprocessError, OSError) as e:
        return None, "apt-get install chromium failed: %s" % e
    return shutil.which("chromium"), None


def png_pixels(path):
    """(width, height, distinct byte values of the image data) of an 8-bit PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w, h, ch = 8, b"", 0, 0, 4
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            ch = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour, 1)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * ch + 1
    values = set()
    for row in range(0, len(raw), stride * 8):  # every 8th row, without its filter byte
        values.update(raw[row + 1:row + stride])
    return w, h, values


class HtmlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.chromium, cls.why = find_chromium()
        if not cls.chromium:  # each test is skipped (setUp), so that each counts as a skip
            print("SKIP tests/viz/test_html.py: %s" % cls.why)
            return
        cls.dir = tempfile.mkdtemp(prefix="viz-html-")
        cls.m = model.replay(trace.load(SYNTH))
        cls.page = os.path.join(cls.dir, "index.html")
        with open(cls.page, "w") as f:
            f.write(page.render(cls.m))

    @classmethod
    def tearDownClass(cls):
        if cls.chromium:
            shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        if not self.chromium:
            self.skipTest(self.why)

    def chromium_run(self, *args):
        p = subprocess.run([self.chromium] + FLAGS + ["--user-data-dir=" + self.dir + "/profile"] +
                           list(args), capture_output=True, text=True, timeout=120)
        return p

    def dom_at(self, t):
        p = self.chromium_run("--dump-dom", "file://%s?t=%d" % (self.page, t))
        self.assertIn("</html>", p.stdout, p.stderr[-2000:])
        return p.stdout

    def check_step(self, t, asked=None):
        """Loads the page at ?t=asked (default t) and checks that it shows step t."""
        dom = self.dom_at(t if asked is None else asked)
        live = sum(b.live_at(t) for b in self.m.blocks)
        self.assertIn('<span id="live-count">%d</span>' % live, dom)
        self.assertIn('<span id="step">%d</span>' % t, dom)
        shown = re.findall(r'<g class="snap shown" data-step="(\d+)"', dom)
        self.assertEqual(shown, [str(t)])  # every step is sampled in a short trace
        self.assertEqual(len(re.findall(r'class="block path-[a-z]+ live"', dom)), live)
        return live

    def test_the_slider_time_picks_the_picture(self):
        n = len(self.m.snapshots)
        # the last step asked past the end: the slider clamps it (one browser run for both)
        counts = [self.check_step(0), self.check_step(n // 2), self.check_step(n - 1, 10 ** 6)]
        self.assertEqual(counts[0], 0)
        self.assertEqual(counts[2], 4)  # the blocks never freed
        self.assertGreater(counts[1], 0)

    def test_a_screenshot_is_produced_and_not_blank(self):
        shot = os.path.join(self.dir, "shot.png")
        self.chromium_run("--screenshot=" + shot, "--window-size=1200,900",
                          "file://%s?t=20" % self.page)
        self.assertTrue(os.path.exists(shot), "no screenshot")
        w, h, values = png_pixels(shot)
        self.assertEqual((w, h), (1200, 900))
        self.assertGreater(len(values), 8, "the screenshot is blank")


if __name__ == "__main__":
    unittest.main()
