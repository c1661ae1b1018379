"""The renderer (tools/viz) on a recorded trace: the model's states, and
SVG files that parse (xml.etree) and hold the expected regions and blocks.

tests/viz/synthetic.jsonl is a hand-written trace in docs/TRACE.md's
format (an exec, brk growth, a guard mapping, faults, a big block by mmap,
realloc, munmap, stack growth, a refused munmap); tests/viz/example.jsonl
is a trace Interlude recorded (the trace branch's tests/trace/example.jsonl
of tests/libc/trace_demo.c, copied here at its commit 373db52).
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
from viz import aspace, axis, freelist, heap, model, page, trace  # noqa: E402

SYNTH = os.path.join(ROOT, "tests/viz/synthetic.jsonl")
EXAMPLE = os.path.join(ROOT, "tests/viz/example.jsonl")
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

    def test_mremap_moves_an_area_with_its_pages_and_resizes_in_place(self):
        m = model.Model()
        A, B = 0x7F0000000000, 0x7F0000100000
        for ev in ({"ev": "exec", "areas": []},
                   {"ev": "mmap", "len": 0x3000, "prot": "rw-", "fd": -1, "ret": A},
                   {"ev": "fault", "addr": A + 0x1008, "how": "zero"},
                   {"ev": "mremap", "addr": A, "old_len": 0x3000, "new_len": 0x5000, "flags": 1,
                    "ret": B},
                   {"ev": "mremap", "addr": B, "old_len": 0x5000, "new_len": 0x2000, "flags": 0,
                    "ret": B},
                   {"ev": "mremap", "addr": B, "old_len": 0x2000, "new_len": 0x9000, "flags": 0,
                    "ret": -12}):
            m.apply(ev)
        moved = m.snapshots[3]
        self.assertEqual([(a[0], a[1]) for a in moved.areas], [(B, B + 0x5000)])
        self.assertEqual(moved.resident, [(B + 0x1000, B + 0x2000)])  # the page came along
        shrunk = m.snapshots[4]
        self.assertEqual([(a[0], a[1], a[3]) for a in shrunk.areas], [(B, B + 0x2000, "rw-")])
        self.assertEqual(m.snapshots[5].areas, shrunk.areas)  # -ENOMEM changes nothing

    def test_populated_and_locked_memory_is_resident_without_faults(self):
        m = model.Model()
        A, B, C, D, E = (0x7F0000000000 + k * 0x100000 for k in range(5))
        for ev in ({"ev": "exec", "areas": []},
                   {"ev": "mmap", "len": 0x2000, "prot": 3, "flags": 0x8022, "fd": -1, "ret": A},
                   {"ev": "mmap", "len": 0x3000, "prot": 3, "flags": 0x22, "fd": -1, "ret": B},
                   {"ev": "mlock", "addr": B + 0x1008, "len": 8, "ret": 0},
                   {"ev": "mlock2", "addr": B, "len": 0x3000, "flags": 1, "ret": 0},
                   {"ev": "mmap", "len": 0x1000, "prot": 0, "flags": 0x2022, "fd": -1, "ret": C},
                   {"ev": "mlockall", "flags": 2, "ret": 0},
                   {"ev": "mmap", "len": 0x1000, "prot": 3, "flags": 0x22, "fd": -1, "ret": D},
                   {"ev": "munlockall", "ret": 0},
                   {"ev": "mmap", "len": 0x1000, "prot": 3, "flags": 0x22, "fd": -1, "ret": E}):
            m.apply(ev)
        self.assertEqual(m.snapshots[1].resident, [(A, A + 0x2000)])  # MAP_POPULATE
        self.assertEqual(m.snapshots[3].resident[-1], (B + 0x1000, B + 0x2000))  # its page
        self.assertEqual(m.snapshots[4].resident, m.snapshots[3].resident)  # on fault: none
        self.assertEqual(m.snapshots[5].resident, m.snapshots[4].resident)  # PROT_NONE
        self.assertEqual(m.snapshots[7].resident[-1], (D, D + 0x1000))  # MCL_FUTURE
        self.assertEqual(m.snapshots[9].resident, m.snapshots[8].resident)  # ended

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

    def test_the_recorded_example(self):
        m, a, h = self.render(EXAMPLE)
        self.assertTrue(m.snapshots)
        for kind in ("code", "data", "heap", "mmap", "stack"):
            self.assertTrue(by_class(a, "kind-" + kind), kind)
        # trace_demo's five blocks: 24 B, 2000 B, 40000 B, 300000 B (mmap), 5000 B (realloc)
        self.assertEqual(sorted(b.size for b in m.blocks), [24, 2000, 5000, 40000, 300000])
        self.assertEqual(len(by_class(h, "block")), 5)
        self.assertEqual(len(by_class(h, "path-mmap")), 1)


class RecordedExampleTest(unittest.TestCase):
    def setUp(self):
        self.m = model.replay(trace.load(EXAMPLE))

    def test_events_before_the_exec_come_right_after_it(self):
        # the kernel writes the new stack's top page before the exec line
        self.assertEqual(self.m.snapshots[0].ev["ev"], "exec")
        self.assertIn((0x7FFFFFFFE000, 0x7FFFFFFFF000), self.m.snapshots[1].resident)

    def test_a_grown_stack_is_one_piece_of_the_axis(self):
        ax = aspace.make_axis(self.m)
        inside = [s for s in ax.segments if s.lo >= 0x7FFFFFFBD000 and s.hi <= 0x7FFFFFFFF000]
        self.assertEqual([(s.lo, s.hi) for s in inside], [(0x7FFFFFFBD000, 0x7FFFFFFFF000)])

    def test_address_labels_do_not_overlap(self):
        root = ET.fromstring(aspace.render(self.m))
        ys = sorted(float(e.get("y")) for e in root.iter(NS + "text")
                    if e.get("font-family") == "monospace")
        self.assertGreater(len(ys), 8)
        self.assertGreaterEqual(min(b - a for a, b in zip(ys, ys[1:])), aspace.LABEL_GAP)


    def test_a_trace_without_heap_calls_still_draws(self):
        # the simple allocator writes no malloc lines: the heap figure has the break, no block
        events = [e for e in trace.load(EXAMPLE) if e["ev"] not in ("malloc", "free", "realloc")]
        m = model.replay(events)
        h = ET.fromstring(heap.render(m))
        self.assertEqual(by_class(h, "block"), [])
        self.assertTrue(by_class(h, "brk"))


class SbrkTest(unittest.TestCase):
    def test_sbrk_moves_the_break_and_a_query_is_no_step(self):
        events = trace.load(EXAMPLE)
        m = model.replay(events)
        brks = [s.brk for s in m.snapshots if s.ev["ev"] == "sbrk"]
        # the example's sbrk calls that move: +64 KiB, +8 KiB, -8 KiB (three queries are not steps)
        self.assertEqual(brks, [0x427000, 0x429000, 0x427000])
        heap_end = [a[1] for a in m.snapshots[-1].areas if a[2] == "heap"]
        self.assertEqual(heap_end, [0x427000])


class OstepOpsTest(unittest.TestCase):
    def test_a_trace_becomes_malloc_py_operations(self):
        # malloc 24, 100, 3000, 40, 500 are ptr[0..4]; free of 100's and 40's
        # blocks; a 1 MiB malloc is ptr[5]; realloc(ptr[0], 48) moves: +48
        # (ptr[6]) then -0; the 1 MiB block freed; malloc 70000 is ptr[7]
        ops, dropped = freelist.ostep_ops(trace.load(SYNTH))
        self.assertEqual(ops, "+24,+100,+3000,+40,+500,-1,-3,+1048576,+48,-0,-5,+70000")
        self.assertEqual(dropped, 0)

    def test_frees_of_unknown_blocks_are_left_out_and_the_limit_holds(self):
        evs = [{"ev": "start", "t": 0}, {"ev": "exec", "t": 1, "pid": 3}]
        evs += [{"ev": "malloc", "t": 2, "pid": 3, "size": 8, "ret": 0x1000 + 16 * i}
                for i in range(freelist.LIMIT + 2)]
        evs += [{"ev": "free", "t": 3, "pid": 3, "addr": 0x999}, {"ev": "free", "t": 4, "pid": 3, "addr": 0x1010}]
        ops, dropped = freelist.ostep_ops(evs)
        self.assertEqual(ops.split(","), ["+8"] * freelist.LIMIT + ["-1"])
        self.assertEqual(dropped, 2)


class CommandTest(unittest.TestCase):
    def run_viz(self, *args):
        return subprocess.run([sys.executable, os.path.join(ROOT, "tools/viz.py")] + list(args),
                              capture_output=True, text=True)

    def test_writes_the_three_files(self):
        with tempfile.TemporaryDirectory() as d:
            p = self.run_viz(SYNTH, "--out", d)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(sorted(os.listdir(d)), ["aspace.svg", "heap.svg", "index.html"])

    def test_ostep_ops_prints_the_list(self):
        p = self.run_viz("--ostep-ops", EXAMPLE)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, "+24,+2000,+40000,+300000,+5000,-0,-4,-1,-2,-3\n")

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
