"""The renderer (tools/viz) on a recorded trace: the model's states, and
SVG files that parse (xml.etree) and hold the expected regions and blocks.

tests/viz/synthetic.jsonl is a hand-written trace in docs/TRACE.md's
format (an exec, brk growth, a guard mapping, faults, a big block by mmap,
realloc, munmap, stack growth, a refused munmap); the recorded trace of
the tracer, tests/trace/example.jsonl, is rendered too when it exists.
Run alone: python3 tools/ktest.py --unittest tests/viz/test_viz.py
"""
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from viz import aspace, axis, heap, model, page, trace  # noqa: E402

SYNTH = os.path.join(ROOT, "tests/viz/synthetic.jsonl")
EXAMPLE = os.path.join(ROOT, "tests/trace/example.jsonl")
NS = "{http://www.w3.org/2000/svg}"


def by_class(root, cls):
    """The elements of root whose class attribute holds the word cls."""
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


class ModelTest(unittest.TestCase):
    def setUp(self):
        self.m = model.replay(trace.load(SYNTH))

    def kinds(self, step):
        return [a[2] for a in self.m.snapshots[step].areas]

    def test_exec_snapshot_gives_the_areas(self):
        self.assertEqual(self.m.pid, 1)
        self.assertEqual(self.kinds(0), ["code", "data", "heap", "stack"])

    def test_brk_moves_the_heap_end_and_a_refusal_does_not(self):
        ends = [s.brk for s in self.m.snapshots]
        self.assertIn(0x413000, ends)
        self.assertNotIn(0x7FFFFF7E0000, ends)  # the refused brk (ret != new)
        self.assertEqual(self.m.snapshots[-1].brk, 0x433000)

    def test_mmap_adds_an_area_and_munmap_removes_it_and_its_pages(self):
        big = [i for i, s in enumerate(self.m.snapshots)
               if any(a[0] == 0x7FFFF7E00000 for a in s.areas)]
        self.assertTrue(big)
        gone = self.m.snapshots[big[-1] + 1]
        self.assertFalse(any(a[0] == 0x7FFFF7E00000 for a in gone.areas))
        self.assertFalse(any(lo >= 0x7FFFF7E00000 and hi <= 0x7FFFF7F01000
                             for lo, hi in gone.resident))

    def test_faults_make_pages_resident_and_stack_growth_extends_the_stack(self):
        last = self.m.snapshots[-1]
        self.assertIn((0x400000, 0x401000), last.resident)
        stack = [a for a in last.areas if a[2] == "stack"][0]
        self.assertEqual(stack[0], 0x7FFFFF7FD000)

    def test_blocks_live_and_die(self):
        sizes = sorted(b.size for b in self.m.blocks)
        self.assertEqual(sizes, [24, 40, 48, 100, 500, 3000, 70000, 1 << 20])
        first = [b for b in self.m.blocks if b.size == 24][0]
        self.assertIsNotNone(first.died)  # realloc moved it
        self.assertFalse(first.live_at(len(self.m.snapshots) - 1))
        self.assertEqual(sorted(b.size for b in self.m.blocks if b.died is None), [48, 500, 3000, 70000])

    def test_failed_call_changes_nothing(self):
        i = next(i for i, s in enumerate(self.m.snapshots) if s.ev["ev"] == "munmap")
        self.assertEqual(self.m.snapshots[i].areas, self.m.snapshots[i - 1].areas)


class AxisTest(unittest.TestCase):
    def test_big_holes_become_breaks_and_the_axis_is_monotonic(self):
        ax = axis.Axis([(0x400000, 0x401000), (0x7FFFFF000000, 0x7FFFFFFFF000)])
        self.assertEqual(len(ax.breaks()), 1)
        ys = [ax.y(a) for a in (0x400000, 0x400800, 0x401000, 0x7FFFFF000000, 0x7FFFFFFFF000)]
        self.assertEqual(ys, sorted(ys))
        self.assertLess(ax.bottom, 300)  # 128 TiB on one screen

    def test_touching_areas_keep_their_own_pieces(self):
        self.assertEqual(axis.pieces([(0, 4096), (4096, 1 << 20), (0, 8192)]),
                         [[0, 4096], [4096, 8192], [8192, 1 << 20]])

    def test_human(self):
        self.assertEqual(axis.human(128 << 40), "128 TiB")
        self.assertEqual(axis.human(1536), "1.5 KiB")


class SvgTest(unittest.TestCase):
    def render(self, path):
        m = model.replay(trace.load(path))
        return m, ET.fromstring(aspace.render(m)), ET.fromstring(heap.render(m))

    def test_address_space_svg_holds_every_region_and_a_break(self):
        m, a, _ = self.render(SYNTH)
        self.assertEqual(a.tag, NS + "svg")
        self.assertEqual(a.get("id"), "aspace")
        for kind in ("code", "data", "heap", "mmap", "stack"):
            self.assertTrue(by_class(a, "kind-" + kind), kind)
        self.assertEqual(len(by_class(a, "snap")), 6)
        labels = [e.text for e in by_class(a, "break")]
        self.assertIn("... 128 TiB ...", labels)
        self.assertTrue(by_class(a, "resident"))
        self.assertTrue(by_class(a, "guard"))

    def test_heap_svg_has_one_box_per_block_with_size_and_site(self):
        m, _, h = self.render(SYNTH)
        boxes = by_class(h, "block")
        self.assertEqual(len(boxes), len(m.blocks))
        self.assertEqual(sorted(int(b.get("data-size")) for b in boxes),
                         sorted(b.size for b in m.blocks))
        self.assertTrue(all(b.get("data-site", "").startswith("0x") for b in boxes))
        self.assertEqual(len(by_class(h, "path-mmap")), 1)
        self.assertTrue(by_class(h, "meta") and by_class(h, "brk") and by_class(h, "sizeclass"))

    def test_html_page_is_self_contained(self):
        m = model.replay(trace.load(SYNTH))
        html = page.render(m)
        self.assertNotIn("http://", html.replace("http://www.w3.org/2000/svg", ""))
        self.assertNotIn("https://", html)
        self.assertNotIn("<script src", html)
        self.assertIn('id="t"', html)

    @unittest.skipUnless(os.path.exists(EXAMPLE), "no tests/trace/example.jsonl yet")
    def test_the_recorded_example(self):
        m, a, h = self.render(EXAMPLE)
        self.assertTrue(m.snapshots)
        for kind in ("code", "stack"):
            self.assertTrue(by_class(a, "kind-" + kind), kind)
        self.assertEqual(len(by_class(h, "block")), len(m.blocks))


class CommandTest(unittest.TestCase):
    def run_viz(self, *args):
        return subprocess.run([sys.executable, os.path.join(ROOT, "tools/viz.py")] + list(args),
                              capture_output=True, text=True)

    def test_writes_the_three_files(self):
        with tempfile.TemporaryDirectory() as d:
            p = self.run_viz(SYNTH, "--out", d)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(sorted(os.listdir(d)), ["aspace.svg", "heap.svg", "index.html"])

    def test_a_broken_line_is_named(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.jsonl")
            with open(bad, "w") as f:
                f.write('{"v":1,"ev":"start","t":0}\n{"ev":"brk",\n')
            p = self.run_viz(bad, "--out", d)
            self.assertEqual(p.returncode, 2)
            self.assertIn("bad.jsonl:2: not JSON", p.stderr)
            with open(bad, "w") as f:
                f.write('{"ev":"brk","t":0}\n')
            self.assertIn('first event must be "start"', self.run_viz(bad, "--out", d).stderr)


if __name__ == "__main__":
    unittest.main()
